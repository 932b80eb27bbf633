"""The visits due and booked, written as an iCalendar file (app/exchange/ical.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.errors import InvalidEntry
from app.exchange.ical import CalendarEntry, visits_ics
from app.infra.clock import Clock
from app.infra.files import written_atomically
from app.services.site_time import zone_in
from app.services.worklist import worklist
from db import Database
from db.models import AuditHead

DEFAULT_DAYS = 90


def export_ical(db: Database, path: Path | str, today: date, days: int = DEFAULT_DAYS,
                patient_id: int | None = None, study_id: int | None = None) -> int:
    """Visits whose window is open or opens within `days` (and overdue ones) into `path`
    (one patient's with `patient_id`); returns how many events were written."""
    path = Path(path)
    if path.suffix.lower() != ".ics":
        raise InvalidEntry("path", "{name}: an iCalendar file ends in .ics",
                                   name=path.name)
    rows = worklist(db, today, days, study_id=study_id)
    if patient_id is not None:
        rows = [r for r in rows if r.patient_id == patient_id]
    entries = [CalendarEntry(r.patient_id, r.subject_id, r.study, r.code, r.label, r.target,
                             r.earliest, r.latest, r.booked_date, r.booked_time) for r in rows]
    with db.reading(purpose=None) as session:
        zone = zone_in(session)
        database_id = session.scalar(select(AuditHead.database_id)) or "site"
    data = visits_ics(entries, database_id, zone, Clock.utc_now())
    with written_atomically(path) as temp:
        temp.write_bytes(data)
    return len(entries)
