"""Alembic, run from code: bring any database the app opens to the head schema.

Alembic itself is imported only when a database needs upgrading: the revisions this version
ships are read from the migration files' names (NNNN_what.py, revision = "NNNN"), which
keeps a quarter of a second of imports off every start.
"""

from __future__ import annotations

import re
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
    with engine_or_conn.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
