"""Any single edit of a stored value, made by SQL behind the app's back, is caught.

A small demo site is filled once; hypothesis then picks any audited cell holding a value
(any table, row and column the trail records), writes another value of its type there with
a plain UPDATE, and the audit check must name that record and field. The value is put back
after each example, and the site checks clean again. Then the trail itself: any single
edit of any audit entry (any column, the triggers dropped as a shell user would) is caught
at that entry, and an edit of the chain's head is caught.
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
from db.models import AuditEntry, AuditHead
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


# --- the trail itself: any single edit of an audit entry or of the chain's head ------------

AUDIT_COLUMNS = ("seq", "at", "actor", "action", "table_name", "record_id", "field",
                 "old_value", "new_value", "reason", "prev_hash", "hash")


def _unguarded(db: Database, statement: Any) -> None:
    """Run `statement` as someone with the sqlite3 shell would: the append-only triggers
    dropped, then put back, in one transaction (SQLite's DDL is transactional)."""
    with db.engine.begin() as conn:
        triggers = [sql for (sql,) in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")]
        names = [name for (name,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")]
        for name in names:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        conn.execute(statement)
        for sql in triggers:
            conn.exec_driver_sql(sql)


def _other_text(value: str | None) -> st.SearchStrategy[str | None]:
    if value is None:
        return st.text("abcXYZ019 ", min_size=1, max_size=8)
    if len(value) == 64 and all(c in "0123456789abcdef" for c in value):   # a link
        return st.integers(0, 63).flatmap(lambda i: st.sampled_from("0123456789abcdef").filter(
            lambda c: c != value[i]).map(lambda c: value[:i] + c + value[i + 1:]))
    return st.one_of(st.none(), st.just(""), _another(value)).filter(lambda v: v != value)


def _audit_edit(column: str, entry: AuditEntry, count: int) -> st.SearchStrategy[Any]:
    value = getattr(entry, column)
    if column == "seq":     # moved past the end: a gap where it was
        return st.integers(count + 1, count + 50)
    if column == "at":
        return st.integers(-600, 600).filter(bool).map(
            lambda s: value + timedelta(seconds=s))
    if column in ("actor", "action", "table_name", "record_id", "prev_hash", "hash"):
        return _other_text(value).filter(lambda v: v is not None)
    return _other_text(value)


def test_any_single_edit_of_the_trail_itself_is_caught_at_its_entry(site):
    with site.reading(purpose="audit") as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        session.expunge_all()
    count = len(entries)
    assert count > 100 and verify_audit_trail(site).intact
    table = AuditEntry.__table__
    caught: set[tuple[int, str]] = set()

    @settings(deadline=None, max_examples=max(10, settings.default.max_examples // 4),
              suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
    @given(st.data())
    def edit(data: st.DataObject) -> None:
        entry = data.draw(st.sampled_from(entries), label="entry")
        column = data.draw(st.sampled_from(AUDIT_COLUMNS), label="column")
        old = getattr(entry, column)
        new = data.draw(_audit_edit(column, entry, count), label="new value")
        _unguarded(site, update(table).where(table.c.seq == entry.seq).values({column: new}))
        where = new if column == "seq" else entry.seq
        try:
            report = verify_audit_trail(site)
            assert not report.intact
            assert report.broken_seq == entry.seq, (column, report.message)
            caught.add((entry.seq, column))
        finally:
            _unguarded(site, update(table).where(table.c.seq == where).values({column: old}))
        assert verify_audit_trail(site).intact

    edit()
    assert len(caught) >= 10


@pytest.mark.parametrize("column", ["seq", "hash"])
def test_an_edit_of_the_chains_head_is_caught(site, column):
    with site.reading(purpose="audit") as session:
        head = session.execute(select(AuditHead.seq, AuditHead.hash)).one()
    old = getattr(head, column)
    new = old - 1 if column == "seq" else ("0" if old[0] != "0" else "1") + old[1:]
    head_table = AuditHead.__table__
    with site.engine.begin() as conn:
        conn.execute(update(head_table).values({column: new}))
    try:
        report = verify_audit_trail(site)
        assert not report.intact and "head" in report.message
    finally:
        with site.engine.begin() as conn:
            conn.execute(update(head_table).values({column: old}))
    assert verify_audit_trail(site).intact
