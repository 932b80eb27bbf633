"""The visits due and booked, written as an iCalendar file (app/exchange/ical.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidEntry
from app.exchange.ical import CalendarEntry, Reminder, visits_ics
from app.infra.clock import Clock
from app.infra.files import written_atomically
from app.services.site_settings import site_settings
from app.services.site_time import zone_in
from app.services.worklist import worklist
from db import Database
from db.models import AuditHead, VisitRecord

DEFAULT_DAYS = 90


def export_ical(db: Database, path: Path | str, today: date, days: int = DEFAULT_DAYS,
                patient_id: int | None = None, study_id: int | None = None,
                reminder: Reminder | None = None) -> int:
    """Visits whose window is open or opens within `days` (and overdue ones) into `path`
    (one patient's with `patient_id`), with the site's reminder unless `reminder` is given;
    returns how many events were written."""
    path = Path(path)
    if path.suffix.lower() != ".ics":
        raise InvalidEntry("path", "{name}: an iCalendar file ends in .ics",
                                   name=path.name)
    rows = worklist(db, today, days, study_id=study_id)
    if patient_id is not None:
        rows = [r for r in rows if r.patient_id == patient_id]
    with db.reading(purpose=None) as session:
        zone = zone_in(session)
        database_id = session.scalar(select(AuditHead.database_id)) or "site"
        versions = _versions(session, {r.patient_id for r in rows})
    entries = [CalendarEntry(r.patient_id, r.subject_id, r.study, r.code, r.label, r.target,
                             r.earliest, r.latest, r.booked_date, r.booked_time,
                             versions.get((r.patient_id, r.code), 0)) for r in rows]
    if reminder is None:
        reminder = site_settings(db).calendar_reminder
    data = visits_ics(entries, database_id, zone, Clock.utc_now(), reminder)
    with written_atomically(path) as temp:
        temp.write_bytes(data)
    return len(entries)


def _versions(session: Session, patient_ids: set[int]) -> dict[tuple[int, str], int]:
    """Each booked visit's record version: the event's SEQUENCE, grown by every rebooking."""
    if not patient_ids:
        return {}
    found = session.execute(select(VisitRecord.patient_id, VisitRecord.code, VisitRecord.version)
                            .where(VisitRecord.booked_date.is_not(None)))
    return {(pid, code): version for pid, code, version in found if pid in patient_ids}
