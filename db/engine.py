"""The engine and session factory, opened safely.

SQLite is set up as its documentation asks for concurrent use (WAL, synchronous=FULL, a
busy timeout, foreign keys, writers that begin with BEGIN IMMEDIATE); a file that is not
ours, damaged or from a newer app is refused untouched; migrations run at open, after an
SQLite backup.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from db import audit, migrate
from db.errors import DatabaseRefused
from db.sqlite_file import backup, create_new, inspect_existing, refuse_network_share

BUSY_TIMEOUT_MS = 15_000
READ_ONLY = "sitetrack_read_only"


@dataclass
class Database:
    """An open database: its engine, its session factory and what the status bar shows."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    actor: str = field(default_factory=audit.os_user)
    backup_path: Path | None = None

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
        self, reason: str | None = None, actor: str | None = None
    ) -> Iterator[Session]:
        """One write transaction; `reason` is what the audit trail records for changes."""
        with self.sessions.begin() as session:
            session.info["actor"] = actor or self.actor
            session.info["reason"] = reason
            yield session

    def rows(self, statement) -> list:  # type: ignore[no-untyped-def]
        """Tuple rows of a Core select, for long lists: no ORM objects (performance.md)."""
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            return list(conn.execute(statement))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction (a deferred BEGIN on SQLite: it never waits for writers)."""
        with Session(self.engine.execution_options(**{READ_ONLY: True})) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # SQLAlchemy, not the driver, begins transactions
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # A deferred BEGIN that reads and then writes fails at once under a second writer;
        # IMMEDIATE takes the write lock up front and waits (busy_timeout) for its turn.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def default_url() -> str:
    """`SITETRACK_DB`, else an SQLite file in the platform's user data folder."""
    env = os.environ.get("SITETRACK_DB")
    if env:
        return env
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('SiteTracker', 'SiteTracker') / 'sitetrack.sqlite'}"


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
    if backend == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed, pool_pre_ping=True,
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
    revision: str | None = None
    existed = False
    if path is not None:
        if path.is_dir():
            raise DatabaseRefused(f"{path} is a folder, not a database file")
        refuse_network_share(path.parent if not path.exists() else path)
        existed = path.exists()
        if existed:
            revision = inspect_existing(path, migrate.is_known)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                create_new(path)
            except (OSError, sqlite3.Error) as exc:
                raise DatabaseRefused(f"cannot create {path}: {exc}") from exc
    engine = create(url)
    try:
        if path is None:
            revision = _server_revision(engine)
        backup_path = None
        if migrate_schema and revision != migrate.head():
            if path is not None and existed and revision is not None:
                backup_path = backup(path, f"schema-{revision}")
            migrate.upgrade(engine)
    except DatabaseRefused:
        engine.dispose()
        raise
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        raise DatabaseRefused(f"cannot open {_safe(url)}: {_first_line(exc)}") from exc
    sessions = sessionmaker(engine, expire_on_commit=False)
    audit.install(sessions)
    return Database(url=url, engine=engine, sessions=sessions, backup_path=backup_path)


def _server_revision(engine: Engine) -> str | None:
    """The schema revision of a server database; refuse a foreign or newer one."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseRefused(
                    f"{_safe(str(engine.url))} holds tables that are not Site Tracker's: "
                    "use an empty database"
                )
            return None
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is not None and not migrate.is_known(revision):
        raise DatabaseRefused(
            f"{_safe(str(engine.url))} was written by a newer version of Site Tracker "
            f"(schema {revision}); install the newer version to open it"
        )
    return revision


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]
