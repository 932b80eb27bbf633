"""Alembic, run from code: bring any database the app opens to the head schema."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    return _scripts().get_current_head()


def is_known(revision: str) -> bool:
    """Whether this version of the app ships the schema revision `revision`."""
    try:
        return _scripts().get_revision(revision) is not None
    except Exception:
        return False


def upgrade(engine_or_conn: Engine | Connection, revision: str = "head") -> None:
    cfg = alembic_config()
    if isinstance(engine_or_conn, Connection):
        cfg.attributes["connection"] = engine_or_conn
        command.upgrade(cfg, revision)
        return
    with engine_or_conn.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
