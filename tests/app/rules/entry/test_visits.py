"""Visit entry rules, pure: booking window, outcome, delay, dose; edges by the day."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.entry.visits import VisitEntry, VisitWindow, check_done_in_window, check_visit
from app.rules.protocol import default_protocol

P = default_protocol()
TODAY = date(2026, 3, 2)
D = timedelta(days=1)
WINDOW = VisitWindow(earliest=date(2026, 2, 1), latest=date(2026, 2, 5), target=date(2026, 2, 3))
CONSENT = date(2026, 1, 1)
LATE = "patient unwell that week"  # why a visit is done outside its window


def _field(entry: VisitEntry, code: str = "C2D1") -> str:
    with pytest.raises(InvalidEntry) as info:
        check_visit(entry, P, code, WINDOW, TODAY, CONSENT)
    return info.value.field


@pytest.mark.parametrize(("day", "inside"), [(WINDOW.earliest - D, False),
                                              (WINDOW.earliest, True), (WINDOW.latest, True),
                                              (WINDOW.latest + D, False)])
def test_booking_outside_the_window_needs_a_reason(day, inside):
    entry = VisitEntry(booked_date=day)
    if inside:
        check_visit(entry, P, "C2D1", WINDOW, TODAY, CONSENT)
    else:
        assert _field(entry) == "booking_reason"
        check_visit(VisitEntry(booked_date=day, booking_reason="clinic closed"), P, "C2D1",
                    WINDOW, TODAY, CONSENT)


def test_a_booked_time_needs_its_date():
    assert _field(VisitEntry(booked_time=time(9, 0))) == "booked_date"


def test_done_today_not_tomorrow_and_not_before_consent():
    check_visit(VisitEntry(outcome="done", actual_date=TODAY, booking_reason=LATE), P, "C2D1",
                WINDOW, TODAY, CONSENT)
    assert _field(VisitEntry(outcome="done", actual_date=TODAY + D)) == "actual_date"
    check_visit(VisitEntry(outcome="done", actual_date=CONSENT, booking_reason=LATE), P,
                "C2D1", WINDOW, TODAY, CONSENT)
    assert _field(VisitEntry(outcome="done", actual_date=CONSENT - D)) == "actual_date"


def test_missed_needs_a_reason_and_clears_the_moot_fields():
    assert _field(VisitEntry(outcome="missed")) == "missed_reason"
    clean = check_visit(VisitEntry(outcome="done", actual_date=TODAY, missed_reason=" x ",
                                   booking_reason=LATE), P, "C2D1", WINDOW, TODAY, CONSENT)
    assert clean.missed_reason is None
    assert _field(VisitEntry(actual_date=TODAY)) == "outcome"


@pytest.mark.parametrize(("days", "ok"), [(0, True), (1, True), (120, True), (121, False)])
def test_a_cycle_is_delayed_1_to_120_days(days, ok):
    entry = VisitEntry(delay_days=days, delay_reason="toxicity")
    if ok:
        clean = check_visit(entry, P, "C2D1", WINDOW, TODAY, CONSENT)
        assert clean.delay_days == (days or None)
    else:
        assert _field(entry) == "delay_days"


def test_only_a_cycles_day_1_is_delayed_and_with_a_known_reason():
    assert _field(VisitEntry(delay_days=3, delay_reason="toxicity"), "C1D8") == "delay_days"
    assert _field(VisitEntry(delay_days=3, delay_reason="holiday")) == "delay_reason"


def test_a_dose_at_a_dosing_visit_once_done_at_a_level_of_the_study():
    done = {"outcome": "done", "actual_date": TODAY, "booking_reason": LATE}
    check_visit(VisitEntry(**done, dose_level="DL1", dose_action="as planned"), P, "C2D1",
                WINDOW, TODAY, CONSENT)
    rp2d = P.dose_level_codes()[-1]
    check_visit(VisitEntry(**done, dose_level=rp2d, dose_action="reduced"), P, "C2D1",
                WINDOW, TODAY, CONSENT)
    assert _field(VisitEntry(**done, dose_level="DL9", dose_action="as planned")) == "dose_level"
    assert _field(VisitEntry(dose_level="DL1", dose_action="as planned")) == "dose_action"
    assert _field(VisitEntry(**done, dose_level="DL1", dose_action="as planned"),
                  "SCR") == "dose_level"


@pytest.mark.parametrize(("day", "inside"), [(WINDOW.earliest - D, False),
                                              (WINDOW.earliest, True), (WINDOW.latest, True),
                                              (WINDOW.latest + D, False)])
def test_done_outside_the_window_needs_the_reason_of_the_deviation(day, inside):
    entry = VisitEntry(outcome="done", actual_date=day)
    if inside:
        check_done_in_window(entry, "C2D1", WINDOW)
        return
    with pytest.raises(InvalidEntry, match=r"C2D1 done on .* is outside its window "
                                           r"01-FEB-2026 to 05-FEB-2026 .*: give the reason") \
            as info:
        check_done_in_window(entry, "C2D1", WINDOW)
    assert info.value.field == "booking_reason"
    check_done_in_window(VisitEntry(outcome="done", actual_date=day, booking_reason=LATE),
                         "C2D1", WINDOW)


@given(days=st.integers(0, 120), already=st.integers(0, 120))
def test_a_delay_moves_the_whole_window_by_the_difference(days, already):
    from app.rules.entry.visits import delayed_window

    moved = delayed_window(WINDOW, already, days or None)
    shift = timedelta(days=days - already)
    assert (moved.earliest, moved.target, moved.latest) == (
        WINDOW.earliest + shift, WINDOW.target + shift, WINDOW.latest + shift)
    assert delayed_window(moved, days, already or None) == WINDOW
