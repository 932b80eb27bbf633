"""What an e-signature covers, as a hash of the values: the record with its grades (an AE,
a DLT) or its lesions (a tumour response). A signature stands only while the record still
has the version AND the values it was signed with: a row changed behind the app's back
keeping its version number no longer carries its signature.

Two forms of the hash. The first (the signatures made before the check of the content
came in) listed every column, a blank one as null, so a column added later changed the
hash of every record signed before it; the current form leaves blank columns out, so a new nullable
column changes no signature. A stored hash is accepted in either form; for the first, with
or without the columns added since (ADDED_COLUMNS) when they are blank.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, inspect, select
from sqlalchemy.orm import Session

from db.dosing import DltReview, SmcDecision
from db.models import AdverseEvent, AeGrade, LesionMeasurement, TumourAssessment, VisitRecord

KIND_TABLES: dict[str, Any] = {"ae": AdverseEvent, "dlt": AdverseEvent,
                               "response": TumourAssessment, "visit": VisitRecord,
                               "dlt_review": DltReview, "smc": SmcDecision}
#: the rows a signature covers with its record: (table, the column naming the record)
CHILDREN: dict[str, tuple[Any, str]] = {"ae": (AeGrade, "ae_id"), "dlt": (AeGrade, "ae_id"),
                                        "response": (LesionMeasurement, "assessment_id")}
#: the columns the signed tables gained since signatures began, oldest first: a record
#: signed (first form) before a column existed was hashed without it. A migration adding a
#: column to a signed table lists it here (tests/app/services/test_signed_content.py checks)
ADDED_COLUMNS: tuple[tuple[str, str], ...] = (("adverse_event", "onset_partial"),
                                              ("adverse_event", "end_partial"),
                                              ("visit_record", "booked_place_id"),
                                              ("visit_record", "booked_nurse"),
                                              ("pk_sample", "spun_at"),
                                              ("pk_sample", "frozen_at"))

Pairs = list[tuple[str, str | None]]
#: (table, [(column, value)]) of the record, then of its grades or lesions
Content = list[tuple[str, Pairs]]


def _text(value: Any) -> str | None:
    """One stable text per value, on every backend: the audit trail's form as it was when
    signatures began, kept here so that a change of the trail's form changes no signature."""
    if value is None:
        return None
    kind = type(value)
    if kind is str or kind is int:  # most values: tested first
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        when: datetime = value.astimezone(UTC) if value.tzinfo is not None else value
        return when.isoformat(timespec="seconds") if when.microsecond == 0 else when.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _kept(table: Any) -> list[tuple[str, Any]]:
    """(attribute, column) of every column but the bookkeeping: version, created and
    updated, what the audit trail leaves out; in the mapper's order, which the hash keeps."""
    leave_out = {"version", "created_at", "updated_at", *getattr(table, "__audit_exclude__", ())}
    return [(a.key, getattr(table, a.key)) for a in inspect(table).column_attrs
            if a.key not in leave_out]


Values = tuple[Any, ...]
#: (table, its values as the database gave them) of the record, then of its grades or lesions
Rows = tuple[tuple[str, Values], ...]


@dataclass(frozen=True)
class Stored:
    """A record as read: its version and its rows' values, turned into a content (text,
    for its hash) only when asked."""

    version: int
    rows: Rows

    def content(self) -> Content:
        return [(table, [(k, _text(v)) for k, v in zip(_KEYS[table], values, strict=True)])
                for table, values in self.rows]


def rows_of(session: Session, table: Any, heads: tuple[Any, ...], where: Any
            ) -> list[tuple[Values, Values]]:
    """(`heads`' values, the kept columns' values) of each live row `where` names, by id:
    read as columns, not as loaded objects (To sign checks thousands of signatures: two
    thirds of the time)."""
    kept = _kept(table)
    _KEYS.setdefault(table.__tablename__, [key for key, _column in kept])
    stmt = select(*heads, *[column for _key, column in kept]).where(where).order_by(table.id)
    if hasattr(table, "deleted_at"):
        stmt = stmt.where(table.deleted_at.is_(None))
    n = len(heads)
    return [(row[:n], row[n:]) for row in session.execute(stmt).tuples()]


#: the kept columns' names of each table `rows_of` read, in the order of their values
_KEYS: dict[str, list[str]] = {}


def stored(session: Session, kind: str, ids: list[int] | Select[Any]) -> dict[int, Stored]:
    """Each record of `kind` still on file (a withdrawn one is left out: it carries no
    signature): `ids` listed (sent 500 at a time) or a select of them."""
    table = KIND_TABLES[kind]
    found: dict[int, tuple[int, list[tuple[str, Values]]]] = {}
    chunks: list[Any] = [ids] if isinstance(ids, Select) else \
        [ids[start:start + 500] for start in range(0, len(ids), 500)]
    for chunk in chunks:
        for (rid, version), values in rows_of(session, table, (table.id, table.version),
                                            table.id.in_(chunk)):
            found[rid] = (version, [(table.__tablename__, values)])
        if kind in CHILDREN:
            child, key = CHILDREN[kind]
            column = getattr(child, key)
            for (parent,), values in rows_of(session, child, (column,), column.in_(chunk)):
                if parent in found:
                    found[parent][1].append((child.__tablename__, values))
    return {rid: Stored(version, tuple(rows)) for rid, (version, rows) in found.items()}


def contents(session: Session, kind: str, ids: list[int]) -> dict[int, tuple[int, Content]]:
    """(version, content) of each record of `kind` still on file."""
    return {rid: (s.version, s.content()) for rid, s in stored(session, kind, ids).items()}


#: (kind, id) -> (a signature's hash, the values found to carry it): those values are not
#: hashed again while they stay the same. A record changed in any way, in the app or
#: outside it, has other values and is hashed again. (The signed tables hold no decimals
#: nor floats, whose equal values may be written differently: tests hold that.)
_HOLDING: dict[tuple[str, int], tuple[str, Rows]] = {}
_HOLDING_AT_MOST = 250_000


def holds(kind: str, record_id: int, record: Stored, signed_hash: str) -> bool:
    """Whether the record's values carry `signed_hash`, in any form a signature may carry
    (values already found to carry it are not hashed again)."""
    key = (kind, record_id)
    if _HOLDING.get(key) == (signed_hash, record.rows):
        return True
    content = record.content()
    if digest(content) != signed_hash and signed_hash not in accepted(content):
        return False
    if len(_HOLDING) >= _HOLDING_AT_MOST:
        _HOLDING.clear()
    _HOLDING[key] = (signed_hash, record.rows)
    return True


def _sha(values: list[Pairs]) -> str:
    return hashlib.sha256(json.dumps(values, separators=(",", ":")).encode()).hexdigest()


def digest(content: Content) -> str:
    """The hash a new signature stores: blank columns left out."""
    return _sha([[(k, v) for k, v in pairs if v is not None] for _, pairs in content])


def accepted(content: Content) -> set[str]:
    """Every hash a signature of this content may carry: the current form, and the first
    form without the blank columns added since a given one (each suffix of ADDED_COLUMNS)."""
    out = {digest(content)}
    for first in range(len(ADDED_COLUMNS) + 1):
        later = set(ADDED_COLUMNS[first:])
        out.add(_sha([[(k, v) for k, v in pairs if v is not None or (table, k) not in later]
                      for table, pairs in content]))
    return out
