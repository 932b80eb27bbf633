"""Alembic, run from code: bring any database the app opens to the head schema.

Alembic itself is imported only when a database needs upgrading: the revisions this version
ships are read from the migration files' names (NNNN_what.py, revision = "NNNN"), which
keeps a quarter of a second of imports off every start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_NAME = re.compile(r"^(\d{4})_\w+\.py$")


@cache
def revisions() -> tuple[str, ...]:
    """The schema revisions this version of the app knows, oldest first."""
    found = sorted(m.group(1) for p in (MIGRATIONS / "versions").iterdir()
                   if (m := _NAME.match(p.name)))
    return tuple(found)


def head() -> str:
    return revisions()[-1]


def is_known(revision: str) -> bool:
    """Whether this version of the app ships the schema revision `revision`."""
    return revision in revisions()


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine_or_conn: Engine | Connection, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    if isinstance(engine_or_conn, Connection):
        cfg.attributes["connection"] = engine_or_conn
        command.upgrade(cfg, revision)
        return
    with schema_transaction(engine_or_conn) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for schema changes. On SQLite a migration may copy a table (batch
    mode) that others refer to, which SQLite allows only with foreign keys off: they are
    turned off for this connection, and every reference is checked before the commit
    (PRAGMA foreign_key_check), as SQLite's own procedure for table changes does."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # outside a transaction: it takes effect
        try:
            with conn.begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    table, row, parent = broken[0][0], broken[0][1], broken[0][2]
                    raise RuntimeError(f"the schema change leaves {table} row {row} "
                                       f"referring to a missing {parent} row")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
