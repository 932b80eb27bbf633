"""The engine and session factory, opened safely.

SQLite is set up as its documentation asks for concurrent use (WAL, synchronous=FULL, a
busy timeout, foreign keys, writers that begin with BEGIN IMMEDIATE); a file that is not
ours, damaged or from a newer app is refused untouched; migrations run at open, after an
SQLite backup.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.expression import Executable

from db import anchors, audit, limits, migrate, partial_indexes
from db.anchors import ANCHOR_HOLDS
from db.connections import note_connections
from db.errors import (
    DatabaseRefused,
    EditConflict,
    NobodySignedIn,
    StorageProblem,
    first_line,
    storage_problem,
)
from db.places import make_private_folder
from db.sqlite_file import create_new, inspect_existing, refuse_network_share

BUSY_TIMEOUT_MS = 15_000
READ_ONLY = "sitetrack_read_only"
#: pg_advisory_xact_lock key: workstations starting at once take turns to migrate
PG_MIGRATION_LOCK = 7068_101
#: what an upgrade leaves for the domain to finish (recorded in the upgrade's transaction)
REBUILD_CALENDARS = "rebuild_calendars"
GUARDED = "account_checked_for"  # a shared reading's session.info: purposes checked


@dataclass
class Database:
    """An open database: its engine, its session factory and what the status bar shows."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    actor: str = field(default_factory=audit.system_actor)
    backup_path: Path | None = None
    #: who is signed in decides what may be read and written: called with every transaction's
    #: purpose (app/rules/accounts.py), raising when the role may not; None: nobody signed in
    guard: Callable[[str], None] | None = None
    #: the signed-in account's role (None: nobody), and the studies it is assigned to with
    #: its role in each (None: every study; every ORM read and write sees only their patients)
    role: str | None = None
    studies: dict[int, str] | None = None
    #: each thread's batch in progress (`batch`): joined by that thread's saves and reads only
    _batches: threading.local = field(default_factory=threading.local, init=False, repr=False)

    @property
    def _batch(self) -> Session | None:
        return getattr(self._batches, "session", None)

    @property
    def display_name(self) -> str:
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or "in memory"
        return url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        return self.engine.url.get_backend_name()

    @contextmanager
    def unit_of_work(
        self, reason: str | None = None, actor: str | None = None, purpose: str | None = "enter"
    ) -> Iterator[Session]:
        """One write transaction; `reason` is what the audit trail records for changes, and
        `purpose` what the signed-in account must be allowed (None: anyone signed in).
        Refused when nobody is signed in, unless `actor` names who acts (an upgrade, the
        demo's fill, the first run: db/audit.py).

        What the database refuses (locked past the wait, disk full, read-only, a record saved
        by someone else meanwhile) comes out as one StorageProblem sentence; the
        transaction is rolled back whole, so nothing is half-saved.
        """
        if self.guard is not None and purpose is not None:
            self.guard(purpose)
        if (actor or self.actor) == audit.SYSTEM_ACTOR:
            raise NobodySignedIn("Nobody is signed in: sign in first. Nothing was saved")
        if self._batch is not None:  # inside a batch: a savepoint of its one transaction
            yield from self._nested(self._batch, reason, actor)
            return
        try:
            with self.sessions.begin() as session:
                self._scope(session)
                session.info["actor"] = actor or self.actor
                session.info["reason"] = reason
                session.info["writing"] = True
                yield session
            head = session.info.get("audit_head")
            # this computer's anchor moves on only while the entry it names still holds
            if head is not None and head[0] is not None and session.info.get(ANCHOR_HOLDS,
                                                                             True):
                from db.keys import Anchor, write_anchor

                write_anchor(head[0], Anchor(head[1], head[2]))  # committed: anchor it
        except StaleDataError:
            raise EditConflict(
                "Someone else saved this record while you were editing it; nothing was saved. "
                "Your entries are kept: review them and save again") from None
        except OperationalError as exc:
            raise self.storage_problem(exc) from None

    def _nested(self, session: Session, reason: str | None, actor: str | None
                 ) -> Iterator[Session]:
        kept = session.info.get("reason"), session.info.get("actor")
        session.info["reason"] = reason or kept[0]
        session.info["actor"] = actor or kept[1]
        try:
            with session.begin_nested():
                yield session
        finally:
            session.info["reason"], session.info["actor"] = kept

    @contextmanager
    def batch(self, reason: str | None = None, purpose: str | None = "enter"
              ) -> Iterator[None]:
        """Many saves as one transaction: every unit of work inside is a savepoint of it and
        every read sees it, so the whole batch (an import) is saved at the end or, on any
        exception, none of it. A save refused inside rolls back its savepoint only: the
        batch can go on to find every problem before it is given up."""
        with self.unit_of_work(reason=reason, purpose=purpose) as session:
            self._batches.session = session
            try:
                yield
            finally:
                self._batches.session = None

    @contextmanager
    def core_writing(self) -> Iterator[Connection]:
        """A Core write transaction (bookkeeping rows, never clinical data: no guard), with
        the same one-sentence errors."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise self.storage_problem(exc) from None

    @contextmanager
    def core_reading(self) -> Iterator[Connection]:
        """A Core read of bookkeeping rows (no guard: clinical lists go through `rows`)."""
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            yield conn

    def storage_problem(self, exc: BaseException) -> StorageProblem:
        """One sentence for what the database refused (the details go nowhere: no data)."""
        path = _sqlite_path(self.url) if self.backend == "sqlite" else None
        return storage_problem(exc, self.display_name, self.backend, path, BUSY_TIMEOUT_MS)

    def rows(self, statement: Executable, purpose: str | None = "read") -> list[Any]:
        """Tuple rows of a Core select, for long lists: no ORM objects (docs/architecture.md,
        Performance habits). An account of every study has no scope to add, so Core's rows
        (made in C, a quarter faster); any other account's go through the ORM's execution,
        where its study scope is added (db/access.py) and a Core one would skip it."""
        if self.guard is not None and purpose is not None:
            self.guard(purpose)
        with self.reading(purpose=None) as session:
            if self.studies is None:
                return list(session.connection().execute(statement))
            return list(session.execute(statement))

    @contextmanager
    def reading(self, purpose: str | None = "read") -> Iterator[Session]:
        """A read-only transaction (a deferred BEGIN on SQLite: it never waits for writers);
        `purpose` as for unit_of_work."""
        reading = getattr(self._batches, "reading", None)
        if self.guard is not None and purpose is not None:
            # in db/shared_reading.py's one transaction, the account is checked once for
            # each purpose (the patient page asked four times in its 30 ms)
            checked = reading.info.setdefault(GUARDED, set()) if reading is not None else None
            if checked is None or purpose not in checked:
                self.guard(purpose)
                if checked is not None:
                    checked.add(purpose)
        if (shared := self._batch or reading) is not None:
            yield shared  # a batch's: a read sees what it wrote; or db/shared_reading.py's
            return
        with Session(self.engine.execution_options(**{READ_ONLY: True})) as session:
            self._scope(session)
            yield session

    def _scope(self, session: Session) -> None:
        if self.studies is not None:
            from db.access import STUDIES

            session.info[STUDIES] = dict(self.studies)

    def close(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    note_connections(engine)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy, not the driver, begins transactions
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred BEGIN that reads and then writes fails at once under a second writer;
        # IMMEDIATE takes the write lock up front and waits (busy_timeout) for its turn.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def default_url() -> str:
    """`SITETRACK_DB`, else an SQLite file in the platform's user data folder."""
    env = os.environ.get("SITETRACK_DB")
    if env:
        return env
    from db.places import data_folder

    return f"sqlite:///{data_folder() / 'sitetrack.sqlite'}"


def _sqlite_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def create(url: str) -> Engine:
    """An engine for `url`; the SQLite pragmas and BEGIN IMMEDIATE are hooked in."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseRefused(f"'{url}' is not a database URL ({exc})") from exc
    backend = parsed.get_backend_name()
    partial_indexes.declare_for(backend)
    if backend == "sqlite":
        # hide_parameters: patient data must never reach an error message or the log
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                               hide_parameters=True)
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed, pool_pre_ping=True, hide_parameters=True,
                                 connect_args={"connect_timeout": 10})
        except (NoSuchModuleError, ImportError) as exc:
            raise DatabaseRefused(
                "PostgreSQL support is not installed: pip install 'sitetrack[postgres]'"
            ) from exc
    raise DatabaseRefused(f"'{backend}' databases are not supported: use SQLite or PostgreSQL")


def open_database(url: str | None = None, *, migrate_schema: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at `url`, or refuse it untouched."""
    url = url or default_url()
    path = _sqlite_path(url) if url.startswith("sqlite") else None
    revision = _prepare_file(url, path, migrate_schema) if path is not None else None
    engine = create(url)
    backup_path = None
    try:
        if path is None:
            _migrate_server(engine, migrate_schema)
        elif migrate_schema and revision != migrate.head():
            if revision is not None:
                from db.backup import backup_before

                backup_path = backup_before(path, f"schema-{revision}")
            with migrate.schema_transaction(engine) as conn:
                _upgrade(conn, revision)
    except DatabaseRefused:
        engine.dispose()
        raise
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        if path is not None and "locked" in first_line(exc):
            from db.locks import busy_message

            raise DatabaseRefused(busy_message(path, BUSY_TIMEOUT_MS / 1000)) from exc
        if path is None and "permission denied" in first_line(exc):
            raise DatabaseRefused(
                f"cannot open {_safe(url)}: this role has no rights on it yet "
                f"({first_line(exc)}). Its owner gives them: sitetrack --db OWNER_URL "
                "pg-roles --app ROLE") from exc
        raise DatabaseRefused(f"cannot open {_safe(url)}: {first_line(exc)}") from exc
    sessions = sessionmaker(engine, expire_on_commit=False)
    limits.install(sessions)
    audit.install(sessions, current=engine if migrate_schema else None)
    anchors.install(sessions)
    return Database(url=url, engine=engine, sessions=sessions, backup_path=backup_path)


def _prepare_file(url: str, path: Path, migrate_schema: bool) -> str | None:
    """Check an existing SQLite file (refused untouched if unusable) or make a new one;
    the schema revision it holds."""
    if path.is_dir():
        raise DatabaseRefused(f"{path} is a folder, not a database file")
    from db.creation import create_atomically, remove_stale_creations

    if path.exists():
        # network shares and read-only files refused too
        revision = inspect_existing(path, migrate.is_known)
        remove_stale_creations(path)  # a creation killed after its rename, before tidying
        return revision
    refuse_network_share(path.parent)
    if migrate_schema:
        create_atomically(url, path)
        return migrate.head()
    make_private_folder(path.parent)
    create_new(path)
    return None


def _migrate_server(engine: Engine, migrate_schema: bool) -> None:
    """A server database: refused if foreign or newer, else brought to head."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # N workstations starting at once: one migrates, the others wait here
            conn.execute(text(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})"))
        revision = _server_revision(conn)
        if migrate_schema and revision != migrate.head():
            if revision is not None and not _owns_schema(conn):
                raise DatabaseRefused(
                    f"the database is at schema {revision} and this version needs "
                    f"{migrate.head()}: only its owner role can upgrade it. The owner runs "
                    "sitetrack --db OWNER_URL pg-roles --app ROLE, then the app role opens it")
            _upgrade(conn, revision)


def _owns_schema(conn: Connection) -> bool:
    """Whether the connected role owns the tables (and so may migrate them)."""
    if conn.dialect.name != "postgresql":
        return True
    owner = conn.execute(text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public' "
                              "AND tablename = 'alembic_version'")).scalar()
    return owner is None or owner == conn.execute(text("SELECT current_user")).scalar()


def _upgrade(conn: Connection, revision: str | None) -> None:
    """Migrate to head and, in the same transaction, note the work the upgrade leaves.

    A crash before commit leaves the old schema (SQLite and PostgreSQL both run DDL in the
    transaction); a crash after it leaves the rebuild noted, and the next start does it.
    """
    migrate.upgrade(conn)
    if revision is not None:
        from db.pending import note

        note(conn, REBUILD_CALENDARS, f"schema upgraded from {revision}")


def _server_revision(conn: Connection) -> str | None:
    """The schema revision of a server database; refuse a foreign or newer one."""
    where = _safe(str(conn.engine.url))
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise DatabaseRefused(
                f"{where} holds tables that are not Site Tracker's: use an empty database"
            )
        return None
    revision: str | None = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is not None and not migrate.is_known(revision):
        raise DatabaseRefused(
            f"{where} was written by a newer version of Site Tracker "
            f"(schema {revision}); install the newer version to open it"
        )
    return revision


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
