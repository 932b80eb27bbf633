"""Safety rules at their edges: TEAE window, DLT period, SAE clock, grades that exist."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.ctcae import CtcaeEntry
from app.rules.protocol import default_protocol
from app.rules.safety import (
    GradeSpell,
    close_spells,
    current_spell,
    dlt_period,
    dlt_problem,
    emergence,
    grade_at,
    grade_problem,
    sae_clock,
    worst_grade,
)

P = default_protocol()
PARIS = ZoneInfo("Europe/Paris")
FIRST = date(2026, 1, 5)
LAST = date(2026, 4, 20)
D = timedelta(days=1)
ALOPECIA = CtcaeEntry("10001760", "Alopecia", "Skin and subcutaneous tissue disorders",
                      "Hair loss <50%", "Hair loss >=50%", None, None, None, None, None)


def is_teae(onset, first, last, window=30, spells=None):
    spells = spells if spells is not None else [GradeSpell(1, onset)]
    return emergence(onset, spells, first, last, window).teae


@pytest.mark.parametrize(("onset", "teae"), [
    (FIRST - D, False), (FIRST, True), (LAST, True), (LAST + 30 * D, True),
    (LAST + 31 * D, False)])
def test_teae_window_edges(onset, teae):
    assert is_teae(onset, FIRST, LAST, P.safety.teae_days_after_last_dose) is teae


def test_teae_while_on_treatment_and_before_dosing():
    assert is_teae(date(2027, 1, 1), FIRST, None)
    assert not is_teae(FIRST, None, None)


def test_baseline_grade_is_the_grade_at_the_first_dose():
    spells = [GradeSpell(1, FIRST - 90 * D, FIRST - 10 * D), GradeSpell(2, FIRST - 9 * D)]
    assert grade_at(spells, FIRST) == 2
    assert grade_at(spells, FIRST - 10 * D) == 1
    assert grade_at(spells, FIRST - 91 * D) == 0
    # a spell with no end lasts until the next one starts
    assert grade_at([GradeSpell(1, FIRST - 5 * D), GradeSpell(3, FIRST + 3 * D)], FIRST) == 1
    assert grade_at([GradeSpell(1, FIRST - 5 * D, FIRST - D)], FIRST) == 0


def test_condition_before_the_first_dose_that_stays_at_its_grade_is_not_teae():
    e = emergence(FIRST - 90 * D, [GradeSpell(2, FIRST - 90 * D)], FIRST, None, 30)
    assert e == type(e)(False, 2, None, None)


@pytest.mark.parametrize("ticked", [True, False])
def test_condition_that_worsens_after_the_first_dose_is_teae_from_that_day(ticked):
    """Worsening is derived from the grade history, whether or not "pre-existing" was ticked
    (the rule does not take the tick at all); the summary counts the on-treatment grade."""
    spells = [GradeSpell(1, FIRST - 90 * D, FIRST + 9 * D), GradeSpell(3, FIRST + 10 * D)]
    e = emergence(FIRST - 90 * D, spells, FIRST, None, 30)
    assert e.teae and e.baseline_grade == 1 and e.worsened_on == FIRST + 10 * D
    assert e.grade == 3


def test_worsening_edges_of_the_teae_window():
    def spells(rise):
        return [GradeSpell(1, FIRST - 90 * D, rise - D), GradeSpell(2, rise)]
    onset = FIRST - 90 * D
    assert emergence(onset, spells(FIRST), FIRST, LAST, 30).worsened_on == FIRST
    assert emergence(onset, spells(LAST + 30 * D), FIRST, LAST, 30).teae
    assert not emergence(onset, spells(LAST + 31 * D), FIRST, LAST, 30).teae
    # higher before the first dose, lower after: the baseline is the grade AT the first dose
    falling = [GradeSpell(3, FIRST - 20 * D, FIRST - D), GradeSpell(2, FIRST)]
    assert not emergence(FIRST - 20 * D, falling, FIRST, None, 30).teae


def test_a_grade_from_before_the_first_dose_never_counts():
    spells = [GradeSpell(4, FIRST - 30 * D, FIRST - 20 * D), GradeSpell(1, FIRST - 19 * D),
              GradeSpell(2, FIRST + 5 * D)]
    e = emergence(FIRST - 30 * D, spells, FIRST, None, 30)
    assert e.teae and e.baseline_grade == 1 and e.grade == 2


def test_condition_resolved_before_dosing_that_returns_is_teae():
    spells = [GradeSpell(2, FIRST - 30 * D, FIRST - 20 * D), GradeSpell(1, FIRST + 4 * D)]
    e = emergence(FIRST - 30 * D, spells, FIRST, None, 30)
    assert e.teae and e.baseline_grade == 0 and e.worsened_on == FIRST + 4 * D


def test_dlt_period_edges():
    c1d1 = FIRST + 7 * D
    period = dlt_period(P, FIRST, c1d1)
    assert period == (FIRST, c1d1 + 20 * D)                 # first dose through C1D21
    assert dlt_problem(P, 1, FIRST, period) is None
    assert dlt_problem(P, 1, c1d1 + 20 * D, period) is None
    assert "inside the DLT period" in dlt_problem(P, 1, c1d1 + 21 * D, period)
    assert "inside the DLT period" in dlt_problem(P, 1, FIRST - D, period)
    assert "Part 1 only" in dlt_problem(P, 2, FIRST, period)


def test_sae_clock_at_24_hours_exactly():
    aware = datetime(2026, 2, 1, 9, 30, tzinfo=PARIS)
    assert sae_clock(aware, aware + timedelta(hours=24), aware).state == "reported on time"
    late = sae_clock(aware, aware + timedelta(hours=24, minutes=1), aware)
    assert late.state == "reported late" and late.late
    assert sae_clock(aware, None, aware + timedelta(hours=24)).state == "due"
    assert sae_clock(aware, None, aware + timedelta(hours=24, seconds=1)).state == "overdue"
    assert sae_clock(aware, None, aware).due_at == datetime(2026, 2, 2, 9, 30, tzinfo=PARIS)


def test_sae_clock_across_the_spring_change_is_24_real_hours():
    """Aware at 09:30 on 28-MAR-2026 (UTC+1): due 10:30 on the 29th, the clocks having gone
    forward; a report at 10:00 that day is on time (23.5 real hours)."""
    aware = datetime(2026, 3, 28, 9, 30, tzinfo=PARIS)
    clock = sae_clock(aware, None, aware)
    assert clock.due_at.astimezone(PARIS) == datetime(2026, 3, 29, 10, 30, tzinfo=PARIS)
    assert sae_clock(aware, datetime(2026, 3, 29, 10, 0, tzinfo=PARIS), aware).state == \
        "reported on time"
    assert sae_clock(aware, datetime(2026, 3, 29, 10, 31, tzinfo=PARIS), aware).state == \
        "reported late"


def test_sae_clock_across_the_autumn_change_is_24_real_hours():
    """Aware at 09:30 on 24-OCT-2026 (UTC+2): due 08:30 on the 25th by the clock (UTC+1);
    a report at 09:00 that day is 24.5 real hours later: late."""
    aware = datetime(2026, 10, 24, 9, 30, tzinfo=PARIS)
    assert f"{sae_clock(aware, None, aware).due_at:%H:%M}" == "08:30"
    assert sae_clock(aware, datetime(2026, 10, 25, 9, 0, tzinfo=PARIS), aware).state == \
        "reported late"
    assert sae_clock(aware, None, datetime(2026, 10, 25, 8, 29, tzinfo=PARIS)).state == "due"


def test_only_the_grades_a_term_has():
    assert grade_problem(ALOPECIA, 2) is None
    assert grade_problem(ALOPECIA, 3) == (
        "Alopecia has no grade 3 in CTCAE v5.0 (its grades: 1, 2)")
    assert "1 to 5" in grade_problem(ALOPECIA, 6)


def test_worst_grade():
    spells = [GradeSpell(1, FIRST), GradeSpell(3, FIRST + D, FIRST + 5 * D),
              GradeSpell(2, FIRST + 6 * D)]
    assert worst_grade(spells) == 3 and worst_grade([]) is None


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(0, 400))
def test_teae_window_edges_for_any_patient(first, treated):
    """TEAE: from the first dose (not the day before) to the last dose + 30 days (not 31)."""
    last = first + timedelta(days=treated)
    assert not is_teae(first - D, first, last)
    assert is_teae(first, first, last)
    assert is_teae(last + 30 * D, first, last)
    assert not is_teae(last + 31 * D, first, last)


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(0, 2000))
def test_still_on_treatment_every_event_from_the_first_dose_is_teae(first, later):
    assert is_teae(first + later * D, first, None)
    assert not is_teae(first - D, first, None)


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(1, 4), st.integers(1, 5),
       st.integers(-60, 60))
def test_teae_grade_is_never_one_from_before_the_first_dose(first, before, after, shift):
    """Whatever the history, the grade counted is one that started inside the window."""
    rise = first + timedelta(days=shift)
    spells = [GradeSpell(before, first - 100 * D, rise - D), GradeSpell(after, rise)]
    e = emergence(first - 100 * D, spells, first, None, 30)
    assert e.teae == (rise >= first and after > before)
    if e.teae:
        assert e.grade == after and e.worsened_on == rise


# --- a change of grade ends the grade before it --------------------------------------------
NOV22, NOV25, NOV30, DEC01 = (date(2026, 11, 22), date(2026, 11, 25), date(2026, 11, 30),
                              date(2026, 12, 1))


def test_a_change_of_grade_closes_the_grade_before_it_the_day_before():
    typed = [GradeSpell(1, NOV22), GradeSpell(2, NOV25, NOV30), GradeSpell(1, DEC01)]
    assert close_spells(typed) == [GradeSpell(1, NOV22, NOV25 - D), GradeSpell(2, NOV25, NOV30),
                                   GradeSpell(1, DEC01)]
    # the day before the next grade is the grade before it; the day of, the new grade
    closed = close_spells(typed)
    assert [grade_at(closed, day) for day in (NOV25 - D, NOV25, NOV30, DEC01, DEC01 + D)] == [
        1, 2, 2, 1, 1]


def test_an_end_typed_is_kept_and_a_grade_starting_the_same_day_is_left_for_the_rules():
    typed = [GradeSpell(1, NOV22, NOV22 + D), GradeSpell(2, NOV25)]
    assert close_spells(typed) == typed                                     # typed: kept
    same_day = [GradeSpell(1, NOV22), GradeSpell(2, NOV22)]
    assert close_spells(same_day) == same_day                    # nothing to close it to
    assert close_spells([GradeSpell(1, NOV22), GradeSpell(2, NOV22 + D)])[0].end == NOV22
    assert close_spells([]) == []


def test_the_current_grade_is_the_latest_change_not_the_first():
    spells = close_spells([GradeSpell(1, NOV22), GradeSpell(2, NOV25, NOV30),
                           GradeSpell(1, DEC01)])
    assert current_spell(spells) == GradeSpell(1, DEC01)
    assert current_spell(reversed(spells)) == GradeSpell(1, DEC01)         # whatever order
    assert worst_grade(spells) == 2
    assert current_spell([]) is None


@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6, unique=True),
       st.lists(st.integers(min_value=1, max_value=5), min_size=6, max_size=6))
def test_closed_spells_never_overlap_and_leave_no_gap(offsets, grades):
    starts = sorted(NOV22 + k * D for k in offsets)
    closed = close_spells([GradeSpell(g, s) for g, s in zip(grades, starts, strict=False)])
    for spell, after in pairwise(closed):
        assert spell.end == after.start - D
    assert closed[-1].end is None
    assert current_spell(closed).start == starts[-1]
