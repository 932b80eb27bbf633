"""Partial indexes: each backend is told their conditions when its engine is made, and a
SQLite site's start never loads SQLAlchemy's PostgreSQL dialect for them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.schema import CreateIndex

from db.base import Base
from db.partial_indexes import OPEN_BOOKING, STALE_BOOKING, declare_for

ROOT = Path(__file__).resolve().parents[2]
CONDITIONS = {"ix_calendar_visit_stale": STALE_BOOKING,
              "ix_visit_record_open_booking": OPEN_BOOKING}


def _index(name: str):  # type: ignore[no-untyped-def]
    return next(ix for table in Base.metadata.tables.values() for ix in table.indexes
                if ix.name == name)


def test_the_models_load_without_the_postgresql_dialect():
    code = ("import sys, db.models, app.services.database\n"
            "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy.dialects.postgresql')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, timeout=120).stdout
    assert out.strip() == "[]"


def test_an_opened_backend_makes_each_partial_index_with_its_condition(db):
    backend = db.engine.dialect.name
    for name, condition in CONDITIONS.items():
        index = _index(name)
        assert str(index.dialect_kwargs[f"{backend}_where"]) == condition
        ddl = str(CreateIndex(index).compile(dialect=db.engine.dialect))
        assert ddl.endswith(f"WHERE {condition}"), ddl
    declare_for(backend)  # a second engine of the same backend changes nothing
    assert str(_index("ix_calendar_visit_stale").dialect_kwargs[f"{backend}_where"]) == \
        STALE_BOOKING


def test_the_migrated_database_holds_the_indexes_partial(db):
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            made = dict(conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'")).all())
        else:
            made = dict(conn.execute(text("SELECT indexname, indexdef FROM pg_indexes")).all())
    for name in CONDITIONS:
        assert " WHERE " in made[name].upper(), made[name]


def test_a_backend_without_conditions_is_told_nothing():
    declare_for("mysql")
    assert "mysql_where" not in _index("ix_calendar_visit_stale").dialect_kwargs
