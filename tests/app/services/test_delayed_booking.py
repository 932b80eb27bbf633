"""A delayed cycle booked on its new date in one save: the delay moves the window first
(issue 40, item 2). C1D1 is 12-JAN-2026, so C2D1 is due 02-FEB (30-JAN to 05-FEB); delayed
by 7 days it is due 09-FEB, window 06-FEB to 12-FEB."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.services.errors import InvalidEntry
from app.services.patients import patient_page
from app.services.visits import VisitEntry, record_visit
from app.services.worklist import deviations
from tests.app.services.conftest import TODAY

D = timedelta(days=1)
EARLIEST, LATEST = date(2026, 2, 6), date(2026, 2, 12)
TOXICITY = {"delay_days": 7, "delay_reason": "toxicity"}


def _c2(db, protocol, pid):
    return next(r for r in patient_page(db, protocol, pid, TODAY).calendar if r.code == "C2D1")


@pytest.mark.parametrize(("day", "inside"), [(EARLIEST - D, False), (EARLIEST, True),
                                              (LATEST, True), (LATEST + D, False)])
def test_a_delay_and_its_booking_in_one_save(db, protocol, dosed, day, inside):
    entry = VisitEntry(booked_date=day, booked_time=time(9, 0), **TOXICITY)
    if inside:
        record_visit(db, protocol, dosed, "C2D1", entry, TODAY)
        row = _c2(db, protocol, dosed)
        assert (row.target, row.booked_date) == (date(2026, 2, 9), day)
        return
    # 05-FEB was inside the window before the delay: the delayed window is the one checked
    with pytest.raises(InvalidEntry) as info:
        record_visit(db, protocol, dosed, "C2D1", entry, TODAY)
    assert info.value.field == "booking_reason"
    assert "06-FEB-2026 to 12-FEB-2026" in info.value.message
    row = _c2(db, protocol, dosed)
    assert (row.target, row.booked_date) == (date(2026, 2, 2), None)  # nothing saved


def test_a_toxicity_delay_done_on_its_new_date_is_no_deviation(db, protocol, dosed):
    record_visit(db, protocol, dosed, "C2D1", VisitEntry(
        booked_date=date(2026, 2, 9), outcome="done", actual_date=date(2026, 2, 9),
        dose_level="DL1", dose_action="as planned", **TOXICITY), TODAY)
    row = _c2(db, protocol, dosed)
    assert (row.status, row.target) == ("done", date(2026, 2, 9))
    assert [r for r in deviations(db) if r.code == "C2D1"] == []
    assert patient_page(db, protocol, dosed, TODAY).records["C2D1"].booking_reason is None


def test_a_delay_taken_back_moves_the_window_back(db, protocol, dosed):
    record_visit(db, protocol, dosed, "C2D1", VisitEntry(booked_date=date(2026, 2, 9),
                                                         **TOXICITY), TODAY)
    with pytest.raises(InvalidEntry) as info:  # 09-FEB is out of the undelayed window
        record_visit(db, protocol, dosed, "C2D1", VisitEntry(booked_date=date(2026, 2, 9)),
                     TODAY, reason="delay entered in error")
    assert info.value.field == "booking_reason" and "30-JAN-2026 to 05-FEB-2026" in \
        info.value.message
    record_visit(db, protocol, dosed, "C2D1", VisitEntry(booked_date=date(2026, 2, 4)),
                 TODAY, reason="delay entered in error")
    assert _c2(db, protocol, dosed).target == date(2026, 2, 2)


def test_the_first_dose_done_a_day_late_keeps_its_booking(db, protocol, patient):
    """The lead-in's date moves its own window: its booking, right when made, is not
    checked again against the window it moved to."""
    record_visit(db, protocol, patient, "LI", VisitEntry(booked_date=date(2026, 1, 5)), TODAY)
    record_visit(db, protocol, patient, "LI", VisitEntry(
        booked_date=date(2026, 1, 5), outcome="done", actual_date=date(2026, 1, 6)), TODAY)
    row = next(r for r in patient_page(db, protocol, patient, TODAY).calendar if r.code == "LI")
    assert (row.status, row.actual, row.booked_date) == ("done", date(2026, 1, 6),
                                                         date(2026, 1, 5))
