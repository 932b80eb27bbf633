"""Who is due (the worklist) and what went wrong (deviations), across all patients.

Read with tuple rows from the stored calendar, not ORM objects: these lists run to
thousands of rows (docs/architecture.md, Performance habits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import NamedTuple

from sqlalchemy import and_, select

from app.rules.calendar import DONE_OUT_OF_WINDOW, MISSED, OPEN, OVERDUE, PLANNED
from app.rules.dates import fmt_date
from app.rules.lookahead import MAX_LOOKAHEAD_DAYS, check_lookahead
from app.rules.statuses import PENDING, day_status
from app.services import calendar as cal
from db import Database
from db.models import CalendarVisit, Patient
from db.studies import Study

#: the furthest the worklist (and the calendar export) looks ahead: ten years (the window's
#: setting stops at one)

#: worklist filters beyond the status itself
CLOSES_TODAY = "closes_today"
UNBOOKED = "unbooked"


class WorklistRow(NamedTuple):
    """One due visit; a tuple, since the worklist builds thousands of them."""

    patient_id: int
    subject_id: str
    initials: str
    part: int
    cohort: str | None
    dose_level: str | None
    code: str
    label: str
    target: date
    earliest: date
    latest: date
    booked_date: date | None
    booked_time: time | None
    status: str
    closes_today: bool
    study: str = ""  # the study's code
    study_id: int = 0  # the study's id (0: not read)

    @property
    def overdue(self) -> bool:
        return self.status == OVERDUE

    def to_json(self) -> dict[str, str | None]:
        return {"study": self.study, "subject": self.subject_id, "code": self.code,
                "target": self.target.isoformat(), "earliest": self.earliest.isoformat(),
                "latest": self.latest.isoformat(),
                "booked": self.booked_date.isoformat() if self.booked_date else None,
                "status": self.status}


def worklist(db: Database, today: date, days: int = 14, *, part: int | None = None,
             cohort: str | None = None, status: str | None = None,
             booked: bool | None = None, study_id: int | None = None) -> list[WorklistRow]:
    """Visits whose window is open or opens within `days`, and overdue ones, by window end,
    across every study (or the study `study_id`).

    `status` is planned, open or overdue, or closes_today / unbooked.
    """
    check_lookahead(days)
    horizon = today + timedelta(days=days)
    stmt = (
        select(Patient.id, Patient.subject_id, Patient.initials, Patient.part, Patient.cohort,
               Patient.dose_level, CalendarVisit.code, CalendarVisit.label,
               CalendarVisit.target, CalendarVisit.earliest, CalendarVisit.latest,
               CalendarVisit.booked_date, CalendarVisit.booked_time, Study.code,
               Patient.study_id)
        .join(Patient, and_(Patient.id == CalendarVisit.patient_id, cal.live(Patient)))
        .join(Study, Study.id == Patient.study_id)
        .where(CalendarVisit.state == PENDING, CalendarVisit.earliest <= horizon)
    )
    if study_id is not None:
        stmt = stmt.where(Patient.study_id == study_id)
    if part is not None:
        stmt = stmt.where(Patient.part == part)
    if cohort:
        stmt = stmt.where(Patient.cohort == cohort)
    if status == OVERDUE:
        stmt = stmt.where(CalendarVisit.latest < today)
    elif status == OPEN:
        stmt = stmt.where(CalendarVisit.earliest <= today, CalendarVisit.latest >= today)
    elif status == PLANNED:
        stmt = stmt.where(CalendarVisit.earliest > today)
    elif status == CLOSES_TODAY:
        stmt = stmt.where(CalendarVisit.latest == today)
    elif status == UNBOOKED:
        stmt = stmt.where(CalendarVisit.booked_date.is_(None), CalendarVisit.latest >= today)
    if booked is True:
        stmt = stmt.where(CalendarVisit.booked_date.is_not(None))
    elif booked is False:
        stmt = stmt.where(CalendarVisit.booked_date.is_(None))
    rows = db.rows(stmt.order_by(CalendarVisit.latest, Patient.subject_id,
                                 CalendarVisit.target, CalendarVisit.code))
    return [
        WorklistRow(pid, subj, ini, prt, coh, lvl, code, label, target, earliest, latest, bd, bt,
                    day_status(PENDING, earliest, latest, today), latest == today, study, sid)
        for pid, subj, ini, prt, coh, lvl, code, label, target, earliest, latest, bd, bt, study,
        sid in rows
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviationRow:
    patient_id: int
    study: str
    subject_id: str
    code: str
    label: str
    kind: str
    target: date
    earliest: date
    latest: date
    actual: date | None
    deviation: str
    days_outside: int | None
    reason: str | None
    signature: str = ""  # the investigator's e-signature of the visit, as it stands


def deviations(db: Database, study_id: int | None = None) -> list[DeviationRow]:
    """Every visit done out of its window and every missed visit, by study, subject and
    date (of one study with `study_id`)."""
    stmt = (
        select(Patient.id, Patient.subject_id, CalendarVisit.code, CalendarVisit.label,
               CalendarVisit.target, CalendarVisit.earliest, CalendarVisit.latest,
               CalendarVisit.actual, CalendarVisit.state, CalendarVisit.reason, Study.code)
        .join(Patient, and_(Patient.id == CalendarVisit.patient_id, cal.live(Patient)))
        .join(Study, Study.id == Patient.study_id)
        .where(CalendarVisit.state.in_((DONE_OUT_OF_WINDOW, MISSED)))
        .order_by(Study.code, Patient.subject_id, CalendarVisit.target, CalendarVisit.code)
    )
    if study_id is not None:
        stmt = stmt.where(Patient.study_id == study_id)
    from db.models import VisitRecord  # the missed reason lives with the record

    with db.reading() as session:
        rows = session.execute(stmt).all()
        # the records of the deviating visits only (their reasons and signatures): a
        # well-kept site of 7,000 patients has a few, not the 60,000 records of every visit
        pids = sorted({row[0] for row in rows})
        reasons, records = {}, {}
        for start in range(0, len(pids), 500):
            for pid, code, rid, missed, late in session.execute(select(
                    VisitRecord.patient_id, VisitRecord.code, VisitRecord.id,
                    VisitRecord.missed_reason, VisitRecord.booking_reason)
                    .where(VisitRecord.outcome.in_((MISSED, "done")), cal.live(VisitRecord),
                           VisitRecord.patient_id.in_(pids[start:start + 500]))):
                reasons[pid, code] = missed or late
                records[pid, code] = rid
    from app.services.signatures import signatures_of

    signed = signatures_of(db, "visit", list(records.values())) if records else {}

    def signature(pid: int, code: str) -> str:
        found = signed.get(records.get((pid, code), -1))
        return found.text if found else ""
    out = []
    for pid, subj, code, label, target, earliest, latest, actual, state, _reason, study in rows:
        if state == MISSED:
            out.append(DeviationRow(
                patient_id=pid, study=study, subject_id=subj, code=code, label=label,
                kind="missed",
                target=target, earliest=earliest, latest=latest, actual=None,
                deviation="missed", days_outside=None, reason=reasons.get((pid, code)),
                signature=signature(pid, code)))
        elif actual is not None:
            done: date = actual
            outside = (done - latest).days if done > latest else (done - earliest).days
            out.append(DeviationRow(
                patient_id=pid, study=study, subject_id=subj, code=code, label=label,
                kind="window",
                target=target, earliest=earliest, latest=latest, actual=actual,
                deviation="out of window", days_outside=outside,
                reason=reasons.get((pid, code)),
                signature=signature(pid, code)))
    return out


__all__ = ["CLOSES_TODAY", "MAX_LOOKAHEAD_DAYS", "UNBOOKED", "DeviationRow", "WorklistRow",
           "check_lookahead", "deviations",
           "fmt_date", "worklist"]
