"""Enrolment and the patient list, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.services.errors import InvalidEntry
from app.services.escalation import record_decision
from app.services.patients import (
    enrol,
    find_patient,
    list_patients,
    patient_history,
    patient_page,
    record_screen_failure,
    update_patient,
)
from app.services.studies import DEFAULT_STUDY
from db.models import Patient
from tests.app.services.conftest import FD, TODAY, form


def _count(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Patient))


def test_enrol_builds_the_calendar(db, protocol):
    pid = enrol(db, protocol, form(), TODAY)
    page = patient_page(db, protocol, pid, TODAY)
    assert page.form.subject_id == "101-001" and page.status == "screening"
    codes = [r.code for r in page.calendar]
    assert codes[:5] == ["SCR", "LI", "LI24", "LI48", "C1D1"]
    assert page.calendar[1].target == FD
    rows = list_patients(db)
    assert rows[0].next_visit_code == "SCR" and rows[0].status_text == "Screening"


def test_enrol_without_planned_dose_has_no_calendar_yet(db, protocol):
    pid = enrol(db, protocol, form(planned_first_dose=None), TODAY)
    assert patient_page(db, protocol, pid, TODAY).calendar == []


@pytest.mark.parametrize(("over", "field", "text"), [
    ({"subject_id": ""}, "subject_id", "required"),
    ({"subject_id": "1-1"}, "subject_id", "format"),
    ({"initials": "A1"}, "initials", "letters"),
    ({"year_of_birth": 2020}, "year_of_birth", "adults"),
    ({"part": 3}, "part", "part"),
    ({"dose_level": "DL9"}, "dose_level", "dose level"),
    ({"part": 2, "cohort": None}, "cohort", "cohort"),
    ({"consent_date": None}, "consent_date", "required"),
    ({"consent_date": date(2026, 4, 1)}, "consent_date", "future"),
    ({"screening_date": date(2025, 11, 1)}, "screening_date", "before consent"),
    ({"planned_first_dose": date(2025, 11, 30)}, "planned_first_dose", "before consent"),
])
def test_bad_enrolment_names_the_field_and_saves_nothing(db, protocol, over, field, text):
    with pytest.raises(InvalidEntry) as info:
        enrol(db, protocol, form(**over), TODAY)
    assert info.value.field == field and text in info.value.message
    assert _count(db) == 0


def test_duplicate_subject_id_is_refused(db, protocol, patient):
    with pytest.raises(InvalidEntry) as info:
        enrol(db, protocol, form(subject_id="101-001", initials="XYZ"), TODAY)
    assert info.value.field == "subject_id" and "already enrolled" in info.value.message
    assert _count(db) == 1


def test_part_2_opens_at_the_rp2d_the_smc_declared(db, protocol):
    with pytest.raises(InvalidEntry) as info:
        enrol(db, protocol, form(part=2, dose_level=None, cohort="OVARIAN"), TODAY)
    assert info.value.field == "cohort" and "has not declared yet" in info.value.message
    assert _count(db) == 0
    record_decision(db, DEFAULT_STUDY, TODAY, "RP2D declared", "DL3", "SMC minutes 4", None,
                    TODAY)
    pid = enrol(db, protocol, form(part=2, dose_level=None, cohort="OVARIAN"), TODAY)
    page = patient_page(db, protocol, pid, TODAY)
    assert (page.form.cohort, page.form.dose_level) == ("OVARIAN", "DL3")



@pytest.mark.parametrize("declared_before_consent, refused", [(1, True), (0, False),
                                                               (-1, False)])
def test_part_1_enrols_at_the_rp2d_once_the_smc_declared_it(db, protocol,
                                                            declared_before_consent, refused):
    consent = form().consent_date
    record_decision(db, DEFAULT_STUDY, consent - timedelta(days=declared_before_consent),
                    "RP2D declared", "DL3", "SMC minutes 4", None, TODAY)
    if refused:
        with pytest.raises(InvalidEntry) as info:
            enrol(db, protocol, form(), TODAY)  # at DL1
        assert info.value.field == "dose_level"
        assert info.value.message == ("The SMC declared the RP2D at DL3 on 30-NOV-2025: a "
                                      "patient enrolled since then is treated at DL3, not DL1")
        assert _count(db) == 0
    else:
        enrol(db, protocol, form(), TODAY)
    enrol(db, protocol, form(subject_id="101-002", dose_level="DL3"), TODAY)  # the RP2D


def test_the_enrolment_form_marks_part_1_levels_closed_once_the_rp2d_is_declared(db, protocol):
    """The form never offers as open a level the save would refuse."""
    from app.services.escalation import arm_notes

    notes, rp2d = arm_notes(db, protocol)
    assert rp2d is None and not any(n.startswith("closed") for n in notes.values())
    record_decision(db, DEFAULT_STUDY, TODAY, "RP2D declared", "DL3", "SMC minutes 4", None,
                    TODAY)
    notes, rp2d = arm_notes(db, protocol)
    assert rp2d == "DL3" and notes["DL3"] == "the RP2D"
    assert notes["DL1"] == notes["DL2"] == "closed: the RP2D is DL3"


def test_correction_needs_a_reason_and_is_in_the_history(db, protocol, patient):
    with pytest.raises(InvalidEntry) as info:
        update_patient(db, protocol, patient, form(initials="ABD"), TODAY)
    assert info.value.field == "reason"
    update_patient(db, protocol, patient, form(initials="ABD"), TODAY, reason="typo at entry")
    history = patient_history(db, patient)
    assert history[0].field == "initials" and history[0].reason == "typo at entry"
    assert (history[0].old_value, history[0].new_value) == ("ABC", "ABD")


def test_moving_the_planned_first_dose_moves_the_calendar(db, protocol, patient):
    update_patient(db, protocol, patient, form(planned_first_dose=date(2026, 1, 12)), TODAY,
                   reason="patient asked for a week later")
    page = patient_page(db, protocol, patient, TODAY)
    assert next(r for r in page.calendar if r.code == "C1D1").target == date(2026, 1, 19)


def test_screen_failure_stays_on_record(db, protocol, patient):
    with pytest.raises(InvalidEntry) as info:
        record_screen_failure(db, protocol, patient, date(2026, 1, 2), "", TODAY)
    assert info.value.field == "screen_fail_reason"
    record_screen_failure(db, protocol, patient, date(2026, 1, 2), "eligibility: ANC low", TODAY)
    page = patient_page(db, protocol, patient, TODAY)
    assert page.status == "screen_failed" and page.screen_fail_reason == "eligibility: ANC low"
    assert all(r.status in ("cancelled", "overdue", "done") for r in page.calendar
               if r.target > date(2026, 1, 2))
    assert [r.subject_id for r in list_patients(db, status="screen_failed")] == ["101-001"]


def test_search_by_subject_or_initials(db, protocol):
    enrol(db, protocol, form(), TODAY)
    enrol(db, protocol, form(subject_id="101-002", initials="XYZ"), TODAY)
    assert [r.subject_id for r in list_patients(db, "002")] == ["101-002"]
    assert [r.subject_id for r in list_patients(db, "xy")] == ["101-002"]
    assert find_patient(db, "101-001") is not None and find_patient(db, "999-999") is None
