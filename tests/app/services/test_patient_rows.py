"""Patients read together: one statement per query for all of them, each patient's rows
as their own query gives them, and nothing kept once the reading is over."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.services import calendar as cal
from app.services.patient_rows import PATIENTS, ROWS, patient_rows, reading_patients
from db.models import Patient, VisitRecord
from tests.conftest import statements

TODAY = date(2026, 11, 25)


def _records(ids: list[int]):
    return select(VisitRecord).where(VisitRecord.patient_id.in_(ids),
                                     cal.live(VisitRecord)).order_by(VisitRecord.id)


def test_patients_read_together_in_one_statement_each_as_alone(demo_site):
    db = demo_site(TODAY, patients=16)
    with statements(db) as said, db.reading() as session:
        ids = list(session.scalars(select(Patient.id).order_by(Patient.id)))[:8]
        said.clear()
        alone = {pid: [r.id for r in patient_rows(session, "records", pid, _records)]
                 for pid in ids}
        assert len(said) == len(ids)
        said.clear()
        with reading_patients(session, ids[:6]):
            together = {pid: [r.id for r in patient_rows(session, "records", pid, _records)]
                        for pid in ids}
            again = [r.id for r in patient_rows(session, "records", ids[0], _records)]
        assert len(said) == 1 + 2  # the six at once; the two not named, each alone
        assert together == alone and again == alone[ids[0]]
        assert any(alone.values())
        assert PATIENTS not in session.info and ROWS not in session.info  # dropped after


def test_a_writing_session_reads_alone(demo_site):
    db = demo_site(TODAY, patients=16)
    with statements(db) as said, db.reading() as session:
        ids = list(session.scalars(select(Patient.id).order_by(Patient.id)))[:3]
        session.info["writing"] = True
        said.clear()
        with reading_patients(session, ids):
            for pid in ids:
                patient_rows(session, "records", pid, _records)
        assert len(said) == len(ids)
