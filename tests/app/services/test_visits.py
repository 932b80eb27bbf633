"""Booking and recording visits; the calendar is rebuilt by the engine after each change."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.services.errors import InvalidEntry
from app.services.patients import patient_history, patient_page
from app.services.visits import VisitEntry, add_unscheduled_visit, record_visit
from app.services.worklist import deviations
from tests.app.services.conftest import C1D1, FD, TODAY


def _row(db, protocol, pid, code, today=TODAY):
    return next(r for r in patient_page(db, protocol, pid, today).calendar if r.code == code)


def _dose_first(db, protocol, pid):
    record_visit(db, protocol, pid, "LI", VisitEntry(outcome="done", actual_date=FD,
                                                     actual_time=time(8, 30)), TODAY)
    record_visit(db, protocol, pid, "C1D1", VisitEntry(outcome="done", actual_date=C1D1), TODAY)


def test_recording_done_and_the_chain_follows(db, protocol, patient):
    _dose_first(db, protocol, patient)
    record_visit(db, protocol, patient, "C2D1",
                 VisitEntry(outcome="done", actual_date=date(2026, 2, 5),
                            dose_level="DL1", dose_action="as planned"), TODAY)
    assert _row(db, protocol, patient, "C2D1").status == "done"
    assert _row(db, protocol, patient, "C3D1").target == date(2026, 2, 26)
    assert patient_page(db, protocol, patient, TODAY).status == "on_treatment"


def test_booking_inside_and_outside_the_window(db, protocol, patient):
    _dose_first(db, protocol, patient)
    record_visit(db, protocol, patient, "C1D8",
                 VisitEntry(booked_date=date(2026, 1, 19), booked_time=time(9, 0)), TODAY)
    assert _row(db, protocol, patient, "C1D8").booked_date == date(2026, 1, 19)
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, patient, "C1D15", VisitEntry(booked_date=date(2026, 1, 30)),
                     TODAY)
    assert info.value.field == "booking_reason" and "outside the window" in info.value.message
    record_visit(db, protocol, patient, "C1D15",
                 VisitEntry(booked_date=date(2026, 1, 30), booking_reason="clinic closed"), TODAY)


def test_changing_a_booking_needs_a_reason(db, protocol, patient):
    record_visit(db, protocol, patient, "SCR", VisitEntry(booked_date=date(2025, 12, 9)), TODAY)
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, patient, "SCR", VisitEntry(booked_date=date(2025, 12, 10)),
                     TODAY)
    assert info.value.field == "reason"
    record_visit(db, protocol, patient, "SCR", VisitEntry(booked_date=date(2025, 12, 10)),
                 TODAY, reason="patient asked")
    assert patient_history(db, patient)[0].reason == "patient asked"


def test_missed_needs_a_reason_and_is_a_deviation(db, protocol, patient):
    _dose_first(db, protocol, patient)
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, patient, "C1D8", VisitEntry(outcome="missed"), TODAY)
    assert info.value.field == "missed_reason"
    record_visit(db, protocol, patient, "C1D8",
                 VisitEntry(outcome="missed", missed_reason="patient unwell"), TODAY)
    assert _row(db, protocol, patient, "C1D8").status == "missed"
    rows = deviations(db)
    assert [(r.code, r.deviation, r.reason) for r in rows] == [("C1D8", "missed", "patient unwell")]


def test_delayed_cycle_shifts_later_cycles_not_scans(db, protocol, patient):
    _dose_first(db, protocol, patient)
    ta2 = _row(db, protocol, patient, "TA2").target
    record_visit(db, protocol, patient, "C2D1",
                 VisitEntry(delay_days=7, delay_reason="toxicity"), TODAY)
    assert _row(db, protocol, patient, "C2D1").target == date(2026, 2, 9)
    assert _row(db, protocol, patient, "C3D1").target == date(2026, 3, 2)
    assert _row(db, protocol, patient, "TA2").target == ta2


@pytest.mark.parametrize(("code", "entry", "field", "text"), [
    ("C1D8", VisitEntry(outcome="done", actual_date=date(2026, 3, 3)), "actual_date", "future"),
    ("C1D8", VisitEntry(outcome="done"), "actual_date", "date"),
    ("C1D8", VisitEntry(actual_date=date(2026, 1, 19)), "outcome", "done"),
    ("C1D8", VisitEntry(delay_days=3, delay_reason="toxicity"), "delay_days", "day 1"),
    ("C2D1", VisitEntry(delay_days=3, delay_reason="rain"), "delay_reason", "reason"),
    ("C1D8", VisitEntry(outcome="done", actual_date=date(2026, 1, 19), dose_level="DL1",
                        dose_action="as planned"), "dose_level", "not a dosing visit"),
    ("C1D8", VisitEntry(outcome="done", actual_date=date(2026, 1, 4)), "actual_date", "the first dose is on 05-JAN-2026, later"),
    ("XYZ", VisitEntry(), "code", "not in this patient's calendar"),
])
def test_bad_visit_input_names_the_field_and_saves_nothing(db, protocol, patient, code, entry,
                                                           field, text):
    _dose_first(db, protocol, patient)
    before = patient_page(db, protocol, patient, TODAY)
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, patient, code, entry, TODAY)
    assert info.value.field == field and text in info.value.message
    after = patient_page(db, protocol, patient, TODAY)
    assert after.records == before.records and after.calendar == before.calendar


def test_correcting_the_first_dose_moves_the_calendar(db, protocol, patient):
    _dose_first(db, protocol, patient)
    corrected = VisitEntry(outcome="done", actual_date=date(2026, 1, 6), actual_time=time(8, 30))
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, patient, "LI", corrected, TODAY)
    assert info.value.field == "reason"
    record_visit(db, protocol, patient, "LI", corrected, TODAY, reason="date mistyped")
    assert _row(db, protocol, patient, "C1D1").target == date(2026, 1, 13)
    assert _row(db, protocol, patient, "SCR").target == date(2025, 12, 9)


def test_unscheduled_visit(db, protocol, patient):
    _dose_first(db, protocol, patient)
    with pytest.raises(InvalidEntry) as info:
        add_unscheduled_visit(db, protocol, patient, date(2026, 1, 20), None, " ", TODAY)
    assert info.value.field == "unscheduled_reason"
    code = add_unscheduled_visit(db, protocol, patient, date(2026, 1, 20), time(14, 0),
                                 "grade 2 diarrhoea check", TODAY)
    page = patient_page(db, protocol, patient, TODAY)
    assert code == "UNS1" and page.unscheduled[0].unscheduled_reason == "grade 2 diarrhoea check"


def test_a_treatment_visit_before_any_dose_is_refused_naming_the_dose(db, protocol, patient):
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, patient, "C1D8",
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 19)), TODAY)
    assert info.value.field == "actual_date"
    assert "no dose is recorded yet" in info.value.message
    assert "the dose of LI or the dose of C1D1" in info.value.message
    assert _row(db, protocol, patient, "C1D8").status != "done"  # nothing saved


def test_undoing_the_only_dose_under_a_treatment_visit_is_refused(db, protocol, patient):
    _dose_first(db, protocol, patient)
    record_visit(db, protocol, patient, "C1D8",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 19)), TODAY)
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="missed", missed_reason="x"),
                 TODAY, reason="entered in error")  # C1D1 still dosed: fine
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, patient, "C1D1", VisitEntry(outcome=None), TODAY,
                     reason="entered in error")
    assert "C1D8 cannot be done" in info.value.message


def test_screen_failure_leaves_nothing_due(db, protocol, patient):
    from app.services.patients import record_screen_failure
    from app.services.worklist import worklist

    record_visit(db, protocol, patient, "SCR", VisitEntry(outcome="done",
                                                          actual_date=date(2025, 12, 10)), TODAY)
    record_screen_failure(db, protocol, patient, date(2025, 12, 20), "not eligible", TODAY)
    calendar = patient_page(db, protocol, patient, TODAY).calendar
    assert {r.status for r in calendar} == {"done", "cancelled"}
    assert not [r for r in worklist(db, TODAY, days=400) if r.patient_id == patient]


def test_a_visit_done_outside_its_window_is_saved_with_why_and_listed(db, protocol, patient):
    """C1D8's window is 18 to 20-JAN-2026: done on the 22nd it needs the reason, which the
    deviations listing then carries."""
    _dose_first(db, protocol, patient)
    late = VisitEntry(outcome="done", actual_date=date(2026, 1, 22))
    with pytest.raises(InvalidEntry, match="C1D8 done on 22-JAN-2026 is outside its window") \
            as info:
        record_visit(db, protocol, patient, "C1D8", late, TODAY)
    assert info.value.field == "booking_reason"
    assert "C1D8" not in patient_page(db, protocol, patient, TODAY).records
    record_visit(db, protocol, patient, "C1D8",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 22),
                            booking_reason="ward closed on the 19th"), TODAY)
    [row] = [r for r in deviations(db) if r.code == "C1D8"]
    assert (row.deviation, row.days_outside, row.reason) == (
        "out of window", 2, "ward closed on the 19th")
