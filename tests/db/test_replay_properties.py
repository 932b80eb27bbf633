"""Any single edit of a stored value, made by SQL behind the app's back, is caught.

A small demo site is filled once; hypothesis then picks any audited cell holding a value
(any table, row and column the trail records), writes another value of its type there with
a plain UPDATE, and the audit check must name that record and field. The value is put back
after each example, and the site checks clean again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select, update
from sqlalchemy.exc import IntegrityError

from app.rules.protocol import default_protocol
from app.services.database import verify_audit_trail
from app.services.demo import seed_demo
from db import Database, open_database
from db.audit import _column_keys, format_value
from db.replay import STAMPS, _audited_tables

SCALARS = (bool, int, Decimal, str, datetime, date, time)


@dataclass(frozen=True)
class Cell:
    """One stored value of one audited row: where it is and what it holds."""

    cls: Any
    record_id: Any
    key: str       # the mapped attribute (the trail's field)
    column: str    # its column in the table
    value: Any

    @property
    def table(self) -> str:
        return str(self.cls.__tablename__)

    @property
    def is_key(self) -> bool:
        return self.column in self.cls.__table__.primary_key.columns


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("replay") / "site.sqlite"
    database = open_database(f"sqlite:///{path}")
    database.actor = "tester"
    seed_demo(database, default_protocol(), date(2026, 11, 25), patients=3, second_study=0)
    yield database
    database.close()


def _cells(db: Database) -> list[Cell]:
    out = []
    with db.reading(purpose="audit") as session:
        for _, cls in sorted(_audited_tables().items()):
            mapper = inspect(cls)
            if len(mapper.primary_key) != 1:
                continue
            for row in session.scalars(select(cls)):
                record_id = mapper.primary_key_from_instance(row)[0]
                for key in _column_keys(row):
                    value = getattr(row, key)
                    if key in STAMPS or value is None or not isinstance(value, SCALARS):
                        continue
                    column = mapper.column_attrs[key].columns[0].name
                    out.append(Cell(cls, record_id, key, column, value))
    return out


def _another(value: Any) -> st.SearchStrategy[Any]:
    """A different value of the same type, as a hand-typed UPDATE would write."""
    if isinstance(value, bool):
        return st.just(not value)
    if isinstance(value, int):
        return st.integers(-3, 3).filter(bool).map(lambda d: value + d)
    if isinstance(value, Decimal):
        return st.integers(1, 9).map(lambda d: value + Decimal(d) / 10)
    if isinstance(value, datetime):
        return st.integers(1, 600).map(lambda m: value + timedelta(minutes=m))
    if isinstance(value, date):
        return st.integers(-30, 30).filter(bool).map(lambda d: value + timedelta(days=d))
    if isinstance(value, time):
        return st.integers(1, 23).map(lambda h: value.replace(hour=(value.hour + h) % 24))
    return st.one_of(st.text("ABXYZ019 -", min_size=1, max_size=6).map(lambda s: value + s),
                     st.text("ABXYZ019", min_size=1, max_size=6).filter(lambda s: s != value))


def _write(db: Database, cell: Cell, row: Any, value: Any) -> None:
    """`value` into the cell's column of the row whose key is `row`."""
    table = cell.cls.__table__
    pk = next(iter(table.primary_key.columns))
    with db.engine.begin() as conn:
        conn.execute(update(table).where(pk == row).values({cell.column: value}))


def _named(cell: Cell, mismatches: tuple[str, ...]) -> bool:
    """The report names the edited field, or for a changed key, the record moved away."""
    if cell.is_key:
        return any(m.startswith(f"{cell.table} record {cell.record_id}: recorded in the audit "
                                "trail but missing") for m in mismatches)
    return any(m.startswith(f"{cell.table} record {cell.record_id}: {cell.key} ")
               for m in mismatches)


def test_any_single_edit_behind_the_apps_back_is_named(site):
    cells = _cells(site)
    assert len(cells) > 100 and len({c.table for c in cells}) > 8   # a real site, not a toy
    assert verify_audit_trail(site).intact

    caught: list[Cell] = []

    # a quarter of the profile's examples (each checks the whole site twice)
    @settings(deadline=None, max_examples=max(10, settings.default.max_examples // 4),
              suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
    @given(st.data())
    def edit(data: st.DataObject) -> None:
        cell = data.draw(st.sampled_from(cells), label="cell")
        new = data.draw(_another(cell.value), label="new value")
        if format_value(new) == format_value(cell.value):
            reject()
        try:
            _write(site, cell, cell.record_id, new)
        except IntegrityError:
            reject()      # the database itself refused the value: nothing to catch
        try:
            report = verify_audit_trail(site)
            assert not report.intact
            assert _named(cell, report.mismatches), report.mismatches
            caught.append(cell)
        finally:
            _write(site, cell, new if cell.is_key else cell.record_id, cell.value)
        assert verify_audit_trail(site).intact

    edit()
    assert len(set(caught)) >= 10      # real edits were made, not only values refused
