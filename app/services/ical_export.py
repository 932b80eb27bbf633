"""The visits due and booked, written as an iCalendar file (app/exchange/ical.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.ical import CalendarEntry, Reminder, visits_ics
from app.infra.clock import Clock
from app.infra.files import written_atomically
from app.rules.files_chosen import check_ics_path
from app.services.site_settings import site_settings
from app.services.site_time import zone_in
from app.services.studies import protocols_by_patient
from app.services.worklist import worklist
from db import Database
from db.booking import SiteResource
from db.models import AuditHead, VisitRecord

DEFAULT_DAYS = 90


def export_ical(db: Database, path: Path | str, today: date, days: int = DEFAULT_DAYS,
                patient_id: int | None = None, study_id: int | None = None,
                reminder: Reminder | None = None) -> int:
    """Visits whose window is open or opens within `days` (and overdue ones) into `path`
    (one patient's with `patient_id`), with the site's reminder unless `reminder` is given;
    returns how many events were written."""
    path = Path(path)
    check_ics_path(path)
    rows = worklist(db, today, days, study_id=study_id)
    if patient_id is not None:
        rows = [r for r in rows if r.patient_id == patient_id]
    with db.reading(purpose=None) as session:
        zone = zone_in(session)
        database_id = session.scalar(select(AuditHead.database_id)) or "site"
        versions = _versions(session, {r.patient_id for r in rows})
        protocols = protocols_by_patient(session, patient_ids={r.patient_id for r in rows})
        names = {p.id: p.name for p in session.scalars(select(SiteResource))}
    entries = []
    for r in rows:
        version, place, nurse = versions.get((r.patient_id, r.code), (0, None, None))
        protocol = protocols.get(r.patient_id)
        entries.append(CalendarEntry(
            r.patient_id, r.subject_id, r.study, r.code, r.label, r.target, r.earliest,
            r.latest, r.booked_date, r.booked_time, version,
            protocol.needs_of(r.code).minutes if protocol else 60,
            names.get(place) if place else None, nurse))
    if reminder is None:
        reminder = site_settings(db).calendar_reminder
    data = visits_ics(entries, database_id, zone, Clock.utc_now(), reminder)
    with written_atomically(path) as temp:
        temp.write_bytes(data)
    return len(entries)


def _versions(session: Session, patient_ids: set[int]
              ) -> dict[tuple[int, str], tuple[int, int | None, str | None]]:
    """Each booked visit's record version (the event's SEQUENCE, grown by every rebooking),
    its place and its nurse."""
    if not patient_ids:
        return {}
    found = session.execute(select(VisitRecord.patient_id, VisitRecord.code, VisitRecord.version,
                                   VisitRecord.booked_place_id, VisitRecord.booked_nurse)
                            .where(VisitRecord.booked_date.is_not(None)))
    return {(pid, code): (version, place, nurse)
            for pid, code, version, place, nurse in found if pid in patient_ids}
