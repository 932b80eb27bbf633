"""The site's list of patients: who they are, their status and next visit, filtered."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, or_, select

from app.rules.statuses import status_word
from app.services import calendar as cal
from db import Database
from db.models import Patient
from db.studies import Study


@dataclass(frozen=True)
class PatientRow:
    id: int
    subject_id: str
    initials: str
    part: int
    dose_level: str | None
    cohort: str | None
    status: str
    next_visit_code: str | None
    next_visit_date: date | None
    study: str = ""

    @property
    def status_text(self) -> str:
        return status_word(self.status)


def list_patients(db: Database, search: str = "", status: str | None = None,
                  study_id: int | None = None, *, part: int | None = None,
                  dose_level: str | None = None, cohort: str | None = None
                  ) -> list[PatientRow]:
    """Patients of every study (or of `study_id`) by subject ID; `search` matches subject
    ID or initials; `part`, `dose_level` and `cohort` keep only the patients in them."""
    stmt = select(Patient.id, Patient.subject_id, Patient.initials, Patient.part,
                  Patient.dose_level, Patient.cohort, Patient.status, Patient.next_visit_code,
                  Patient.next_visit_date, Study.code).join(Study, Study.id == Patient.study_id
                                                            ).where(cal.live(Patient)
                                                                    ).order_by(
        Patient.subject_id, Study.code)
    if study_id is not None:
        stmt = stmt.where(Patient.study_id == study_id)
    text = search.strip().upper()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(or_(func.upper(Patient.subject_id).like(like),
                              func.upper(Patient.initials).like(like)))
    if status:
        stmt = stmt.where(Patient.status == status)
    if part is not None:
        stmt = stmt.where(Patient.part == part)
    if dose_level:
        stmt = stmt.where(Patient.dose_level == dose_level)
    if cohort:
        stmt = stmt.where(Patient.cohort == cohort)
    with db.reading() as session:
        return [_ended(PatientRow(*row[:9], study=row[9])) for row in session.execute(stmt)]


def _ended(row: PatientRow) -> PatientRow:
    """An off-study or screen-failed patient has no next visit (one stored before this rule
    was kept is not shown either)."""
    if row.next_visit_date is None or row.status not in (cal.OFF_STUDY, cal.SCREEN_FAILED):
        return row
    return replace(row, next_visit_code=None, next_visit_date=None)


def has_patients(db: Database) -> bool:
    """Whether the site has enrolled anyone yet (in the studies the account may see)."""
    with db.reading() as session:
        return session.scalar(select(Patient.id).where(cal.live(Patient)).limit(1)) is not None


__all__ = ["PatientRow", "has_patients", "list_patients"]
