"""The investigator's morning, beside the nurse's: what waits for their signature by kind,
the Part 1 patients whose DLT review is due, and the patients still in screening whose
screening visit (consent and eligibility) waits for their signature. The SAEs within their
reporting clock are Today's own list (app/services/today.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.rules.statuses import PatientStatus
from app.services import calendar as cal
from app.services.signatures import ToSign
from app.services.signing import SignFilter, waiting
from app.services.studies import study_codes, study_protocols
from db import Database
from db.models import Patient, VisitRecord


@dataclass(frozen=True)
class DltReviewDue:
    patient_id: int
    subject_id: str
    study: str
    dose_level: str
    why: str  # the app's derived evaluability, in words
    period_end: date | None


@dataclass(frozen=True)
class InvestigatorToday:
    to_sign: dict[str, int]  # per kind
    dlt_reviews: list[DltReviewDue]
    #: the screening visits of patients still in screening, waiting for a signature
    eligibility: list[ToSign]

    @property
    def waiting(self) -> int:
        return sum(self.to_sign.values())


def investigator_today(db: Database, study_id: int | None, today: date) -> InvestigatorToday:
    found = waiting(db, SignFilter(study_id=study_id), today)
    return InvestigatorToday(found.counts, dlt_reviews_due(db, study_id, today),
                             _eligibility(db, found.items))


def dlt_reviews_due(db: Database, study_id: int | None, today: date) -> list[DltReviewDue]:
    """Part 1 patients of each dose-escalation study whose DLT period is over, or who had a
    DLT in it, and whom the investigator has not reviewed yet: the period's end first."""
    from app.services.escalation_view import escalation_view

    codes = study_codes(db)
    due: list[DltReviewDue] = []
    for sid, protocol in study_protocols(db).items():
        if protocol.escalation is None or study_id not in (None, sid):
            continue
        for level in escalation_view(db, sid, today).levels:
            for p in level.patients:
                ev = p.evaluability
                if p.review is None and (ev.period_over or ev.dlt):
                    due.append(DltReviewDue(p.patient_id, p.subject_id, codes.get(sid, ""),
                                            p.dose_level, f"{ev.status.value}: {ev.why}",
                                            p.period_end))
    due.sort(key=lambda d: (d.period_end or date.max, d.subject_id))
    return due


def _eligibility(db: Database, items: list[ToSign]) -> list[ToSign]:
    visits = {t.record_id: t for t in items if t.kind == "visit"}
    if not visits:
        return []
    screening = {v.code for p in study_protocols(db).values() for v in p.visits
                 if v.kind == "screening"}
    with db.reading() as session:  # the few patients in screening: no list of ids is sent
        ids = set(session.scalars(select(VisitRecord.id).join(
            Patient, Patient.id == VisitRecord.patient_id).where(
            VisitRecord.code.in_(screening), cal.live(VisitRecord),
            Patient.status == PatientStatus.SCREENING, cal.live(Patient))))
    return [t for rid, t in visits.items() if rid in ids]
