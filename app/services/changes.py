"""The shapes every save shares: a reason for changing saved data, writing only what
changed, withdrawing a row (never deleting it), and the task the save is delegated as."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from app.infra.clock import Clock
from app.rules.refusals import missing_reason
from app.services.delegation_gate import delegated as delegated
from app.wording.records import saved_fields
from db import ReasonRequired


@contextmanager
def reason_needed(message: str = "Give a reason for changing saved data") -> Iterator[None]:
    """The audit trail's 'reason required' as an entry error on the dialog's reason field,
    naming what was changed in the screen's words ("Visit: Actual date")."""
    try:
        yield
    except ReasonRequired as exc:
        what = saved_fields(exc.table, list(exc.fields)) if exc.table else str(exc)
        missing_reason(message, what)


def set_changed(obj: Any, values: Mapping[str, Any]) -> bool:
    """Set the attributes whose value differs (the audit trail records only real changes)."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def withdraw(row: Any, actor: str | None, reason: str | None) -> None:
    """Mark a row deleted (who, when in UTC, why): rows are never hard-deleted."""
    row.deleted_at = Clock.utc_now()
    row.deleted_by = actor
    row.delete_reason = reason
