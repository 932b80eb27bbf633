"""The desktop reminders' facts, loaded for app/rules/reminders.py: visits not booked whose
window opens soon, the bookings of today and tomorrow, SAE reports not yet made."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from app.rules.reminders import Notice, SaeDue, ToBook, notices
from app.services.adverse_events import site_aes
from app.services.site_book import blocks_between
from app.services.worklist import worklist
from db import Database


def reminders_now(db: Database, now: datetime, window_days: int = 3,
                  seen: Collection[str] = ()) -> list[Notice]:
    """What the tray says at `now` (aware, on the site's clock)."""
    local_now = now.replace(tzinfo=None)
    today = local_now.date()
    rows = worklist(db, today, window_days)
    to_book = [ToBook(r.subject_id, r.code, r.earliest) for r in rows
               if r.booked_date is None and r.earliest >= today]
    with db.reading() as session:
        booked = blocks_between(session, today, today + timedelta(days=1))
    saes = [SaeDue(a.subject_id, a.name, a.clock.due_at) for a in site_aes(db, None, now)
            if a.clock is not None and a.clock.reported_at is None]
    return notices(now, local_now, to_book=to_book, window_days=window_days, booked=booked,
                   saes=saes, seen=seen)


__all__ = ["reminders_now"]
