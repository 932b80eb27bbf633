"""Whose records a list reads: those of live patients, of one study or one patient, joined
to their patient in SQL (db/access.py scopes the patient to the account's studies, and no
list of ids is sent). To sign and source-data verification read their records this way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.services import calendar as cal
from db.models import Patient


@dataclass(frozen=True)
class PatientScope:
    """Every live patient the account sees, one study's or one patient's."""

    study_id: int | None = None
    patient_id: int | None = None

    def of(self, *columns: Any) -> Select[Any]:
        """`columns` of a patient's table (the first names it: a column or the table),
        of its live records of live patients in scope."""
        table = getattr(columns[0], "class_", columns[0])
        stmt = select(*columns).join(Patient, Patient.id == table.patient_id).where(
            cal.live(Patient))
        if hasattr(table, "deleted_at"):
            stmt = stmt.where(cal.live(table))
        if self.study_id is not None:
            stmt = stmt.where(Patient.study_id == self.study_id)
        if self.patient_id is not None:
            stmt = stmt.where(Patient.id == self.patient_id)
        return stmt

    def patients(self, session: Session) -> dict[int, tuple[str, int]]:
        """id -> (subject ID, study) of each live patient in scope."""
        stmt = select(Patient.id, Patient.subject_id, Patient.study_id).where(
            cal.live(Patient))
        if self.study_id is not None:
            stmt = stmt.where(Patient.study_id == self.study_id)
        if self.patient_id is not None:
            stmt = stmt.where(Patient.id == self.patient_id)
        return {pid: (subject, sid) for pid, subject, sid in session.execute(stmt)}
