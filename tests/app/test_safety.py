"""Safety rules at their edges: TEAE window, DLT period, SAE clock, grades that exist."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ctcae import CtcaeEntry
from app.protocol import default_protocol
from app.safety import (
    GradeSpell,
    dlt_period,
    dlt_problem,
    grade_problem,
    is_treatment_emergent,
    sae_clock,
    worst_grade,
)

P = default_protocol()
FIRST = date(2026, 1, 5)
LAST = date(2026, 4, 20)
D = timedelta(days=1)
ALOPECIA = CtcaeEntry("10001760", "Alopecia", "Skin and subcutaneous tissue disorders",
                      "Hair loss <50%", "Hair loss >=50%", None, None, None, None, None)


@pytest.mark.parametrize(("onset", "teae"), [
    (FIRST - D, False), (FIRST, True), (LAST, True), (LAST + 30 * D, True),
    (LAST + 31 * D, False)])
def test_teae_window_edges(onset, teae):
    assert is_treatment_emergent(onset, FIRST, LAST, P.safety.teae_days_after_last_dose) is teae


def test_teae_while_on_treatment_and_before_dosing():
    assert is_treatment_emergent(date(2027, 1, 1), FIRST, None, 30)
    assert not is_treatment_emergent(FIRST, None, None, 30)


def test_pre_existing_condition_counts_when_it_worsens_on_treatment():
    assert not is_treatment_emergent(FIRST - 90 * D, FIRST, None, 30, pre_existing=True)
    assert is_treatment_emergent(FIRST - 90 * D, FIRST, None, 30, pre_existing=True,
                                 worsened_on=FIRST + 10 * D)
    assert not is_treatment_emergent(FIRST - 90 * D, FIRST, LAST, 30, pre_existing=True,
                                     worsened_on=LAST + 31 * D)


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
    aware = datetime(2026, 2, 1, 9, 30)
    assert sae_clock(aware, aware + timedelta(hours=24), aware).state == "reported on time"
    late = sae_clock(aware, aware + timedelta(hours=24, minutes=1), aware)
    assert late.state == "reported late" and late.late
    assert sae_clock(aware, None, aware + timedelta(hours=24)).state == "due"
    assert sae_clock(aware, None, aware + timedelta(hours=24, seconds=1)).state == "overdue"
    assert sae_clock(aware, None, aware).due_at == datetime(2026, 2, 2, 9, 30)


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
    assert not is_treatment_emergent(first - D, first, last, 30)
    assert is_treatment_emergent(first, first, last, 30)
    assert is_treatment_emergent(last + 30 * D, first, last, 30)
    assert not is_treatment_emergent(last + 31 * D, first, last, 30)


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(0, 2000))
def test_still_on_treatment_every_event_from_the_first_dose_is_teae(first, later):
    assert is_treatment_emergent(first + later * D, first, None, 30)
    assert not is_treatment_emergent(first - D, first, None, 30)
