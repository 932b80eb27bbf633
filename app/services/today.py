"""The nurse's morning: who comes today and tomorrow, what is overdue, what closes today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.pk import has_pk
from app.protocol import Protocol
from app.services.adverse_events import AeRow, site_aes
from app.services.worklist import WorklistRow, worklist
from db import Database


@dataclass(frozen=True)
class TodayView:
    day: date
    booked: list[WorklistRow]  # booked today or tomorrow: PK days first, then by time
    pk_codes: frozenset[str]
    overdue: list[WorklistRow]
    closing_today: list[WorklistRow]
    sae_reports: list[AeRow]  # not yet reported to the sponsor: due, or overdue


def today_view(db: Database, protocol: Protocol, today: date, now: datetime) -> TodayView:
    rows = worklist(db, today, 1)
    tomorrow = today + timedelta(days=1)
    pk_codes = frozenset(r.code for r in rows if has_pk(protocol, r.code))
    booked = [r for r in rows if r.booked_date in (today, tomorrow)]
    booked.sort(key=lambda r: (r.booked_date, r.code not in pk_codes,
                               r.booked_time or datetime.min.time(), r.subject_id))
    reports = [a for a in site_aes(db, protocol, now)
               if a.clock is not None and a.clock.reported_at is None]
    reports.sort(key=lambda a: a.clock.due_at.timestamp() if a.clock else float("inf"))
    return TodayView(
        today, booked, pk_codes,
        [r for r in rows if r.status == "overdue"],
        [r for r in rows if r.closes_today], reports)
