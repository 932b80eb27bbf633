"""`check-data` at its edges, on SQLite and PostgreSQL: stored data that a rule forbids (data
entered before the rule, or by another tool) is listed with what to correct, the day before
and the day of a limit are not, the day after is."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.services.data_checks import check_data
from app.services.escalation import record_decision
from app.services.patients import enrol
from app.services.studies import DEFAULT_STUDY
from app.services.visits import VisitEntry, record_visit
from db.models import Patient, VisitRecord
from tests.app.services.conftest import FD, TODAY, form

D = timedelta(days=1)


def stored(db, model, where: dict, **values) -> None:
    """Change a stored row behind the services' back, as data entered before a rule."""
    with db.unit_of_work(reason="entered before the rule") as session:
        row = session.query(model).filter_by(**where).one()
        for k, v in values.items():
            setattr(row, k, v)


def test_clean_data_lists_nothing(db, protocol, dosed):
    assert check_data(db, protocol, TODAY) == []


@pytest.mark.parametrize("offset, listed", [(-1, False), (0, False), (1, True)])
def test_a_screening_visit_stored_after_the_first_dose_is_listed(db, protocol, dosed,
                                                                  offset, listed):
    record_visit(db, protocol, dosed, "SCR", VisitEntry(
        outcome="done", actual_date=FD - 2 * D, booking_reason="late"), TODAY)
    stored(db, VisitRecord, {"patient_id": dosed, "code": "SCR"}, actual_date=FD + offset * D)
    found = [f for f in check_data(db, protocol, TODAY) if f.what.startswith("SCR")]
    assert bool(found) is listed
    if listed:
        assert (found[0].subject_id, found[0].what, found[0].problem) == (
            "101-001", "SCR on 06-JAN-2026",
            "a screening visit done after the first dose (05-JAN-2026)")


def test_a_subject_id_out_of_the_study_s_format_is_listed(db, protocol, patient):
    stored(db, Patient, {"id": patient}, subject_id="101-01")
    [found] = check_data(db, protocol, TODAY)
    assert (found.subject_id, found.what) == ("101-01", "subject ID 101-01")
    assert found.problem == "not in this study's format (for example 101-001)"
    assert "Edit patient" in found.fix


@pytest.mark.parametrize("offset, listed", [(-1, False), (0, False), (1, True)])
def test_a_part_1_patient_enrolled_at_another_level_after_the_rp2d_is_listed(
        db, protocol, offset, listed):
    consent = form().consent_date
    enrol(db, protocol, form(), TODAY)  # at DL1
    enrol(db, protocol, form(subject_id="101-002", dose_level="DL3"), TODAY)  # at the RP2D
    # the decision recorded afterwards, dated back (enrolment now refuses the reverse)
    record_decision(db, DEFAULT_STUDY, consent - offset * D, "RP2D declared", "DL3",
                    "SMC 4", None, TODAY)
    found = check_data(db, protocol, TODAY)
    assert [f.subject_id for f in found] == (["101-001"] if listed else [])
    if listed:
        assert found[0].what == "enrolment on 01-DEC-2025 at DL1"
        assert found[0].problem == ("a Part 1 patient enrolled at DL1 after the SMC declared "
                                    "the RP2D at DL3 on 30-NOV-2025")
