"""The nurse's morning: who comes today and tomorrow, what is overdue, what closes today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from app.rules.booking_plan import Stale
from app.rules.pk import has_pk
from app.rules.protocol import Protocol
from app.services.adverse_events import AeRow, site_aes
from app.services.patient_list import has_patients
from app.services.planner import stale_list
from app.services.studies import protocols_of_patients, study_named_in
from app.services.worklist import WorklistRow, worklist
from db import Database


@dataclass(frozen=True)
class TodayView:
    day: date
    booked: list[WorklistRow]  # booked today or tomorrow, in time order (every study mixed)
    pk_codes: frozenset[tuple[int, str]]  # (patient, visit code) of the PK visits
    overdue: list[WorklistRow]
    closing_today: list[WorklistRow]
    sae_reports: list[AeRow]  # not yet reported to the sponsor: due, or overdue
    #: whether the site has any patient yet (a new database says what to do first)
    any_patient: bool = True
    #: bookings a change of the calendar left outside their window or no longer expected
    to_rebook: list[Stale] = field(default_factory=list)


def today_view(db: Database, study: Protocol | None, today: date, now: datetime) -> TodayView:
    """The nurse's day: every study's patients (or one study's), each visit judged by the
    protocol its patient follows."""
    with db.reading() as session:
        study_id = study_named_in(session, study)
    rows = worklist(db, today, 1, study_id=study_id)
    with db.reading() as session:  # the protocols of the patients due, not of every patient
        protocols = protocols_of_patients(session, {r.patient_id: r.study_id for r in rows})
    tomorrow = today + timedelta(days=1)
    pk_codes = frozenset((r.patient_id, r.code) for r in rows
                         if has_pk(protocols[r.patient_id], r.code))
    booked = [r for r in rows if r.booked_date in (today, tomorrow)]
    booked.sort(key=lambda r: booked_order(r, pk_codes))
    reports = [a for a in site_aes(db, study, now)
               if a.clock is not None and a.clock.reported_at is None]
    reports.sort(key=lambda a: a.clock.due_at.timestamp() if a.clock else float("inf"))
    return TodayView(
        today, booked, pk_codes,
        [r for r in rows if r.status == "overdue"],
        [r for r in rows if r.closes_today], reports,
        any_patient=bool(rows) or has_patients(db),
        to_rebook=_rebook(db, today, study_id))


def _rebook(db: Database, today: date, study_id: int | None) -> list[Stale]:
    """The stale bookings of every study (or of one)."""
    stale = stale_list(db, today)
    if study_id is None or not stale:
        return stale
    mine = _of_study(db, study_id)
    return [s for s in stale if s.patient_id in mine]


def _of_study(db: Database, study_id: int) -> set[int]:
    from sqlalchemy import select

    from db.models import Patient

    with db.reading() as session:
        return set(session.scalars(select(Patient.id).where(Patient.study_id == study_id)))


def booked_order(row: WorklistRow, pk_codes: frozenset[tuple[int, str]]
                 ) -> tuple[date | None, bool, time, bool, str]:
    """The nurse's day in the order patients come: by day, then by booked time whatever
    their study (a visit with no time after the timed ones), a PK visit first at one time."""
    return (row.booked_date, row.booked_time is None, row.booked_time or time.max,
            (row.patient_id, row.code) not in pk_codes, row.subject_id)
