"""The enrolment's screening date is the screening visit's: SCR done on that date, in the
same save (audited with it); a corrected date moves it; one recorded on its own is kept."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.errors import InvalidEntry
from app.services.history import patient_history
from app.services.patients import enrol, patient_page, update_patient
from app.services.visits import VisitEntry, record_visit

from .conftest import TODAY, form

SCREENED = date(2025, 12, 10)  # inside SCR's window (08-DEC-2025 to 04-JAN-2026)


def _scr(db, protocol, pid):  # type: ignore[no-untyped-def]
    page = patient_page(db, protocol, pid, TODAY)
    row = next(r for r in page.calendar if r.code == "SCR")
    return row.status, row.actual, page.records["SCR"].outcome


def test_the_screening_date_records_scr_done_in_the_enrolment_save(db, protocol):
    pid = enrol(db, protocol, form(screening_date=SCREENED), TODAY)
    assert _scr(db, protocol, pid) == ("done", SCREENED, "done")
    page = patient_page(db, protocol, pid, TODAY)
    assert page.calendar[0].code == "SCR" and page.status == "screening"
    trail = patient_history(db, pid)
    visit = [h for h in trail if h.table == "visit_record" and h.field == "actual_date"]
    enrolment = [h for h in trail if h.table == "patient" and h.action == "insert"]
    assert visit and enrolment and visit[0].actor == enrolment[0].actor == "tester"
    assert visit[0].new_value == "2025-12-10" and visit[0].action == "insert"


def test_no_screening_date_no_scr_recorded(db, protocol):
    pid = enrol(db, protocol, form(screening_date=None), TODAY)
    assert "SCR" not in patient_page(db, protocol, pid, TODAY).records


def test_a_screening_date_without_a_calendar_yet_is_kept_for_it(db, protocol):
    pid = enrol(db, protocol, form(screening_date=SCREENED, planned_first_dose=None), TODAY)
    page = patient_page(db, protocol, pid, TODAY)
    assert page.calendar == [] and page.records["SCR"].actual_date == SCREENED
    update_patient(db, protocol, pid, form(screening_date=SCREENED), TODAY,
                   reason="first dose planned", base=page.form, version=page.version)
    assert _scr(db, protocol, pid) == ("done", SCREENED, "done")


def test_a_corrected_screening_date_moves_scr_with_the_reason(db, protocol):
    pid = enrol(db, protocol, form(screening_date=SCREENED), TODAY)
    page = patient_page(db, protocol, pid, TODAY)
    with pytest.raises(InvalidEntry) as refused:
        update_patient(db, protocol, pid, form(screening_date=date(2025, 12, 11)), TODAY,
                       base=page.form, version=page.version)
    assert refused.value.field == "reason"
    assert _scr(db, protocol, pid)[1] == SCREENED                   # nothing saved
    update_patient(db, protocol, pid, form(screening_date=date(2025, 12, 11)), TODAY,
                   reason="date mistyped", base=page.form, version=page.version)
    assert _scr(db, protocol, pid) == ("done", date(2025, 12, 11), "done")
    moved = [h for h in patient_history(db, pid)
             if h.table == "visit_record" and h.field == "actual_date" and h.action == "update"]
    assert moved and moved[0].reason == "date mistyped"


def test_scr_recorded_on_its_own_date_is_left_as_recorded(db, protocol):
    pid = enrol(db, protocol, form(screening_date=None), TODAY)
    record_visit(db, protocol, pid, "SCR", VisitEntry(outcome="done", actual_date=SCREENED),
                 TODAY)
    page = patient_page(db, protocol, pid, TODAY)
    update_patient(db, protocol, pid, form(screening_date=date(2025, 12, 9)), TODAY,
                   reason="screening date added", base=page.form, version=page.version)
    assert _scr(db, protocol, pid)[1] == SCREENED


@pytest.mark.parametrize("when", [date(2025, 11, 30), date(2026, 3, 3)])
def test_a_screening_date_refused_records_nothing(db, protocol, when):
    with pytest.raises(InvalidEntry) as refused:          # before consent, or in the future
        enrol(db, protocol, form(screening_date=when), TODAY)
    assert refused.value.field == "screening_date"
