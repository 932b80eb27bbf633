"""The first dose, derived from the dosing visits done: the lead-in, else C1D1."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.calendar import CANCELLED, MISSED, PatientFacts, build_calendar
from app.rules.first_dose import calendar_anchor, first_dose_date, kind_of, treatment_before_dose
from app.rules.protocol import default_protocol

P = default_protocol()
LI = date(2026, 1, 5)
C1D1 = date(2026, 1, 12)
D = timedelta(days=1)


def test_first_dose_is_the_lead_in_when_given():
    assert first_dose_date(P, {"SCR": LI - 20 * D, "LI": LI, "C1D1": C1D1}) == LI


def test_first_dose_is_c1d1_when_the_lead_in_was_never_given():
    assert first_dose_date(P, {"SCR": LI - 20 * D, "C1D1": C1D1}) == C1D1
    assert first_dose_date(P, {"SCR": LI - 20 * D}) is None


def test_calendar_anchor_stays_on_day_minus_7():
    assert calendar_anchor(P, {"LI": LI}, LI + D) == LI  # the lead-in done wins
    assert calendar_anchor(P, {"C1D1": C1D1}, LI) == LI  # planned, lead-in missed
    assert calendar_anchor(P, {"C1D1": C1D1}, None) == C1D1 - 7 * D
    assert calendar_anchor(P, {}, None) is None


def test_visit_kinds():
    assert kind_of(P, "C1D8") == "treatment" and kind_of(P, "C3D1") == "treatment"
    assert kind_of(P, "TA2") == "tumour_assessment" and kind_of(P, "XYZ") is None


def test_treatment_visit_before_any_dose_day_before_day_of_day_after():
    nothing = treatment_before_dose(P, {"C1D8": C1D1 + 7 * D})
    assert [(m.code, m.first_dose) for m in nothing] == [("C1D8", None)]
    assert "no dose is recorded yet" in nothing[0].message(P)
    assert "the dose of LI or the dose of C1D1" in nothing[0].message(P)
    day_before = treatment_before_dose(P, {"C1D1": C1D1, "LI24": C1D1 - D})
    assert [m.code for m in day_before] == ["LI24"]
    assert treatment_before_dose(P, {"C1D1": C1D1, "C1D2": C1D1}) == []  # the day of
    assert treatment_before_dose(P, {"C1D1": C1D1, "C1D2": C1D1 + D}) == []
    # a screening visit or a dosing visit is never "before the dose"
    assert treatment_before_dose(P, {"SCR": LI - 30 * D, "C1D1": C1D1}) == []


def test_screen_failure_cancels_every_visit_not_done():
    facts = PatientFacts(first_dose=LI, done={"SCR": LI - 28 * D},
                         missed={"LI": "failed eligibility"},
                         end_of_study=LI - 10 * D, screening_ended=LI - 10 * D)
    calendar = build_calendar(P, facts, LI + 200 * D)
    statuses = {v.code: v.status for v in calendar}
    assert statuses["SCR"] == "done" and statuses["LI"] == MISSED
    others = [v for v in calendar if v.code not in ("SCR", "LI")]
    assert others and all(v.status == CANCELLED for v in others)
    assert others[0].reason == "after screen failure in screening on 26-DEC-2025"


def test_withdrawal_in_screening_cancels_even_visits_before_it():
    facts = PatientFacts(first_dose=LI, withdrawal=LI - 30 * D, screening_ended=LI - 30 * D)
    calendar = build_calendar(P, facts, LI + 10 * D)
    assert all(v.status == CANCELLED for v in calendar)
    assert "withdrawal of consent" in calendar["SCR"].reason


def test_study_day_one_is_c1d1_and_there_is_no_day_zero():
    from app.rules.first_dose import day_one_visit, study_day
    from app.rules.protocol import default_protocol, shipped_protocol_path
    from app.rules.protocol import load_protocol as load

    assert day_one_visit(default_protocol()) == "C1D1"  # the lead-in is Day -7
    assert day_one_visit(load(shipped_protocol_path("abc2201.toml"))) == "C1D1"
    c1d1 = date(2026, 1, 12)
    assert study_day(c1d1, c1d1) == 1
    assert study_day(date(2026, 1, 11), c1d1) == -1
    assert study_day(date(2026, 1, 5), c1d1) == -7  # the lead-in dose
    assert study_day(date(2026, 3, 11), c1d1) == 59


# --- the Study Day (Day 1 = C1D1, no Day 0) --------------------------------------------------
_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(_DAYS, st.integers(min_value=-400, max_value=400))
def test_study_day_counts_from_day_one_and_skips_day_zero(day_one, offset):
    from app.rules.first_dose import study_day

    day = day_one + timedelta(days=offset)
    n = study_day(day, day_one)
    assert n != 0
    assert n == (offset + 1 if offset >= 0 else offset)
    after = study_day(day + timedelta(days=1), day_one)
    assert after - n == (2 if n == -1 else 1)                 # Day -1 is followed by Day 1


@given(_DAYS, st.integers(min_value=-60, max_value=400), st.integers(min_value=-60,
                                                                      max_value=400))
def test_an_off_study_patient_shows_the_day_they_left_not_a_running_count(day_one, left_at,
                                                                          today_at):
    from app.rules.first_dose import study_day, study_day_shown

    left, today = day_one + timedelta(days=left_at), day_one + timedelta(days=today_at)
    shown = study_day_shown(today, day_one, left)
    assert shown == study_day(min(left, today), day_one)
    later = max(left, today) + timedelta(days=30)
    assert study_day_shown(later, day_one, left) == study_day(left, day_one)  # stopped
    assert study_day_shown(today, day_one) == study_day(today, day_one)   # on study


def test_the_day_they_left_is_the_first_of_death_withdrawal_and_loss_on_the_edges():
    from app.rules.first_dose import left_study_on, study_day_shown

    c1d1 = date(2026, 1, 12)
    withdrew = date(2026, 3, 1)
    assert left_study_on(None, None, None) is None
    assert left_study_on(None, withdrew, withdrew + timedelta(days=5)) == withdrew
    # the day before, of and after leaving: the count stops on the day they left
    assert [study_day_shown(withdrew + timedelta(days=k), c1d1, withdrew)
            for k in (-1, 0, 1, 100)] == [48, 49, 49, 49]
    assert study_day_shown(c1d1 - timedelta(days=1), c1d1, None) == -1
