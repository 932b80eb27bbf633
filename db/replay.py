"""Replaying the audit trail: the state every clinical row should be in, compared with the
row itself. A row changed, added or hidden behind the app's back (a direct UPDATE, INSERT,
or a deleted flag set by hand) no longer matches what the trail says of it.

Only what the trail records is compared: audited columns, not bookkeeping (row versions,
timestamps the database stamps, the columns a table excludes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.audit import (
    AuditAction,
    _column_keys,
    _table_name,
    chain_key,
    entry_hash,
)
from db.base import Base, audit_value, format_value
from db.models import AuditEntry
from db.tables import load_every_table

#: stamped by the database or the ORM on every write: not data, not in the trail
STAMPS = frozenset({"created_at", "updated_at"})


@dataclass(frozen=True)
class Mismatch:
    table: str
    record_id: str
    field: str | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.table} record {self.record_id}"
        return f"{where}: {self.problem}"


def _audited_tables() -> dict[str, type]:
    load_every_table()
    out = {}
    for mapper in Base.registry.mappers:
        cls: Any = mapper.class_
        if getattr(cls, "__audited__", False):
            out[str(cls.__tablename__)] = cls
    return out


def _trail_state(session: Session) -> dict[tuple[str, str], dict[str, str | None]]:
    """(table, record id) -> field -> the value the trail last gave it."""
    state: dict[tuple[str, str], dict[str, str | None]] = {}
    stmt = (select(AuditEntry.table_name, AuditEntry.record_id, AuditEntry.action,
                   AuditEntry.field, AuditEntry.new_value)
            .order_by(AuditEntry.seq).execution_options(yield_per=5000))
    for table, record_id, action, field, new in session.execute(stmt):
        fields = state.setdefault((table, record_id), {})
        if action in (AuditAction.INSERT, AuditAction.UPDATE, AuditAction.DELETE) and field:
            fields[field] = new
    return state


def replay(session: Session, limit: int = 50) -> list[Mismatch]:
    """Every clinical row against the trail's state for it (at most `limit` mismatches)."""
    trail = _trail_state(session)
    out: list[Mismatch] = []
    seen: set[tuple[str, str]] = set()
    for table, cls in sorted(_audited_tables().items()):
        rows: Any = session.scalars(select(cls)).yield_per(2000)
        for row in rows:
            for mismatch in _compare(table, row, trail, seen):
                out.append(mismatch)
                if len(out) >= limit:
                    return out
    tables = set(_audited_tables())
    for (table, record_id) in trail:
        if table in tables and (table, record_id) not in seen:
            out.append(Mismatch(table, record_id, None, "recorded in the audit trail but "
                                "missing from the table: removed behind the app's back"))
            if len(out) >= limit:
                break
    return out


def _compare(table: str, row: object, trail: dict[tuple[str, str], dict[str, str | None]],
             seen: set[tuple[str, str]]) -> Iterator[Mismatch]:
    from sqlalchemy import inspect

    key = inspect(row).mapper.primary_key_from_instance(row)
    record_id = "/".join(format_value(k) or "" for k in key)
    seen.add((table, record_id))
    recorded = trail.get((table, record_id))
    if recorded is None:
        yield Mismatch(table, record_id, None, "is not in the audit trail: added behind the "
                       "app's back")
        return
    for field in _column_keys(row):
        if field in STAMPS:
            continue
        actual = format_value(audit_value(type(row), field, getattr(row, field)))
        expected = recorded.get(field)
        if actual != expected:
            shown = "hidden (marked deleted)" if field == "deleted_at" and expected is None \
                else f"is {actual!r}"
            yield Mismatch(table, record_id, field,
                           f"{field} {shown}, the audit trail says {expected!r}: changed "
                           "behind the app's back")


def record_mismatches(session: Session, row: object) -> list[Mismatch]:
    """One row against its own entries of the trail, each entry's keyed hash checked (an
    entry forged without the key does not count): what sign-in asks of an account before
    trusting its password hash, role and active flag. Cheap: one record's entries, by the
    trail's (table, record) index."""
    from sqlalchemy import inspect

    table = _table_name(row)
    key_values = inspect(row).mapper.primary_key_from_instance(row)
    record_id = "/".join(format_value(k) or "" for k in key_values)
    _, key = chain_key(session)
    fields: dict[str, str | None] = {}
    entries = session.scalars(select(AuditEntry).where(
        AuditEntry.table_name == table, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.seq))
    for e in entries:
        if entry_hash(e.seq, e.at, e.actor, e.action, e.table_name, e.record_id, e.field,
                      e.old_value, e.new_value, e.reason, e.prev_hash, key) != e.hash:
            return [Mismatch(table, record_id, e.field, f"its audit entry {e.seq} was not "
                             "written by Site Tracker (its keyed hash does not hold)")]
        if e.field:
            fields[e.field] = e.new_value
    trail = {(table, record_id): fields} if fields else {}
    return list(_compare(table, row, trail, set()))
