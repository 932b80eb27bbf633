"""Work noted in the database to be finished later, so that a crash cannot leave it undone."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from db.models import PendingWork
from db.types import utc_now


def note(conn: Connection, kind: str, reason: str) -> None:
    """Record that `kind` of work must be done (in the caller's transaction)."""
    conn.execute(insert(PendingWork).values(kind=kind, reason=reason, noted_at=utc_now()))


def outstanding(conn: Connection, kind: str) -> list[int]:
    return list(conn.scalars(select(PendingWork.id).where(
        PendingWork.kind == kind, PendingWork.done_at.is_(None))))


def mark_done(conn: Connection, ids: list[int]) -> None:
    if ids:
        conn.execute(update(PendingWork).where(PendingWork.id.in_(ids)).values(done_at=utc_now()))
