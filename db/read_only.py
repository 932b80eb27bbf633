"""A database opened to be looked at only (`audit verify`): nothing is written to it.

No migration, no bookkeeping, no audit hooks. SQLite: the file is checked as at every open,
then opened with `mode=ro` and `query_only`; PostgreSQL: every transaction is read-only
(`default_transaction_read_only`). A schema older than this version's is refused with
what to do: the upgrade writes, so it is not done here.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from db import migrate
from db.connections import note_connections
from db.engine import (
    BUSY_TIMEOUT_MS,
    Database,
    _safe,
    _server_revision,
    _sqlite_path,
    create,
    default_url,
)
from db.errors import DatabaseRefused, first_line
from db.sqlite_file import inspect_existing


def open_read_only(url: str | None = None) -> Database:
    """The database at `url` (or the default), opened so that nothing can be written."""
    url = url or default_url()
    path = _sqlite_path(url) if url.startswith("sqlite") else None
    if url.startswith("sqlite"):
        if path is None or not path.is_file():
            raise DatabaseRefused(f"{path or url} does not exist: there is nothing to verify")
        revision = inspect_existing(path, migrate.is_known)
        _refuse_older(str(path), revision)
        engine = create_engine(f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true",
                               connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                               hide_parameters=True)
        note_connections(engine)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            dbapi_conn.isolation_level = None  # SQLAlchemy begins: one snapshot per read
            dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            dbapi_conn.execute("PRAGMA query_only = ON")

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN")
    else:
        probe = create(url)  # a bad URL or an unsupported backend: one sentence
        parsed = probe.url
        probe.dispose()
        engine = create_engine(parsed, pool_pre_ping=True, hide_parameters=True, connect_args={
            "connect_timeout": 10, "options": "-c default_transaction_read_only=on"})
        try:
            with engine.connect() as conn:
                _refuse_older(_safe(url), _server_revision(conn))
        except DBAPIError as exc:
            engine.dispose()
            raise DatabaseRefused(f"cannot open {_safe(url)}: {first_line(exc)}") from exc
        except DatabaseRefused:
            engine.dispose()
            raise
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _refuse_older(where: str, revision: str | None) -> None:
    if revision != migrate.head():
        raise DatabaseRefused(
            f"{where} is at schema {revision or 'none'}, older than this version's: open it "
            "once with this version (which upgrades it, after a backup) and verify it then")

