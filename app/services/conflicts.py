"""Saves that start from an older copy of a record: refused, naming who changed what, when.

A dialog reads a record (its values and version), the user edits, another user saves the
same record meanwhile. Saving the first dialog as it stands would silently put back the
values it read. Instead only the fields the user changed are written, and when the record
has moved on and its values differ from what the dialog read, the save is refused with
the other user's name, the fields and the time, from the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.dates import fmt_date, fmt_datetime, fmt_time
from db.errors import EditConflict
from db.limits import label
from db.models import AuditEntry


def refuse_newer(row: Any, version: int | None, field: str, message: str) -> None:
    """A whole-record save from the copy at `version`: refused (EditConflict on `field`,
    `message`) when the record moved on meanwhile; None: a new record, nothing to compare."""
    if version is not None and row.version != version:
        raise EditConflict(message, field=field, current_version=row.version)


def changed_fields(base: Mapping[str, Any], entry: Mapping[str, Any]) -> list[str]:
    """The fields the user changed in the dialog (entry differs from what it read)."""
    return [k for k, v in entry.items() if k in base and base[k] != v]


def shown(value: Any) -> str:
    """A stored value as the screen says it (DD-MMM-YYYY, HH:MM, 'blank')."""
    if value is None or value == "" or value == ():
        return "blank"
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, time):
        return fmt_time(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return f"{len(value)} entries"
    return f"'{value}'"


def local_time(at: datetime) -> str:
    """An aware instant (an audit entry's) as the screen says it, in the workstation's time."""
    return fmt_datetime(at.astimezone().replace(tzinfo=None))


def merged(base: Mapping[str, Any], entry: Mapping[str, Any], stored: Mapping[str, Any]
           ) -> dict[str, Any]:
    """The user's changes over what is stored now: nothing the user left alone is written."""
    mine = set(changed_fields(base, entry))
    return {k: v if k in mine else stored.get(k) for k, v in entry.items()}


def check_version(session: Session, obj: Any, version: int | None, base: Mapping[str, Any] | None,
                  stored: Mapping[str, Any] | None = None) -> None:
    """Refuse the save when `obj` moved on since the dialog read it at `version`.

    `base` is what the dialog read, `stored` the record's values now in the same shape
    (its attributes by default); fields whose stored value still equals `base` were not
    changed by anyone else, so a newer version with no such difference is no conflict.
    """
    current = getattr(obj, "version", None) or 0
    if version is None or base is None or current == version:
        return
    now = stored if stored is not None else {k: getattr(obj, k, None) for k in base}
    theirs = [k for k in base if now.get(k) != base.get(k)]
    if not theirs:
        return
    table = obj.__table__.name
    record_id = str(obj.id)
    rows = session.execute(
        select(AuditEntry.actor, AuditEntry.at, AuditEntry.field)
        .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id,
               AuditEntry.field.in_(theirs))
        .order_by(AuditEntry.seq.desc())).all()
    latest: dict[str, tuple[str, Any]] = {}
    for actor, at, field in rows:
        latest.setdefault(field or "", (actor, at))
    by_whom: dict[tuple[str, Any], list[str]] = {}
    for key in theirs:
        by_whom.setdefault(latest.get(key, ("someone else", None)), []).append(
            f"{label(key)} to {shown(now.get(key))}")
    parts = []
    for (actor, at), names in by_whom.items():
        when = f" at {local_time(at)}" if at else ""
        parts.append(f"{actor} changed {', '.join(names)}{when}")
    who = "; ".join(parts)
    raise EditConflict(
        "Saved by someone else while you were editing: {who}. Nothing was saved; your "
        "entries are still here: check them, then save again to apply your changes on "
        "top.", field=theirs[0], current_version=current, who=who)
