"""Properties of the calendar that must hold for any patient on any day (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.calendar import (
    CANCELLED,
    DONE,
    DONE_OUT_OF_WINDOW,
    OPEN,
    OVERDUE,
    PLANNED,
    CycleDelay,
    PatientFacts,
    build_calendar,
)
from app.rules.protocol import default_protocol
from tests.conftest import examples

P = default_protocol()
D = timedelta


@st.composite
def patients(draw):
    """A patient somewhere in the study, with cycles done early, late or delayed."""
    fd = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    c1d1 = fd + D(7 + draw(st.integers(-1, 3)))
    done = {"LI": fd, "C1D1": c1d1}
    delays = {}
    n_done = draw(st.integers(0, 30))
    day1 = c1d1
    for n in range(2, 2 + n_done):
        code = f"C{n}D1"
        if draw(st.booleans()) and draw(st.booleans()):
            delays[code] = CycleDelay(code, draw(st.integers(1, 14)),
                                      draw(st.sampled_from(["toxicity", "patient", "other"])))
        day1 = day1 + D(21 + draw(st.integers(-3, 10)) + (delays[code].days if code in delays else 0))
        done[code] = day1
    last_event = day1
    last_dose = None
    if draw(st.booleans()):
        last_dose = last_event + D(draw(st.integers(0, 20)))
        last_event = last_dose
    death = None
    if draw(st.booleans()):
        death = last_event + D(draw(st.integers(0, 900)))
        last_event = death
    today = last_event + D(draw(st.integers(0, 1000)))
    return PatientFacts(first_dose=fd, done=done, delays=delays, last_dose=last_dose,
                        death=death), today


@settings(max_examples=examples(300), deadline=None)
@given(patients())
def test_each_visit_once_in_date_order_and_done_means_in_or_out_of_its_window(case):
    """The calendar lists each code once, by target date; a visit done inside its window
    is 'done', one done outside it 'done out of window' (the deviation listing's rule)."""
    facts, today = case
    visits = list(build_calendar(P, facts, today))
    codes = [v.code for v in visits]
    assert len(codes) == len(set(codes))
    assert [(v.target, v.code) for v in visits] == sorted((v.target, v.code) for v in visits)
    for v in visits:
        if v.code in facts.done and v.status in (DONE, DONE_OUT_OF_WINDOW):
            inside = v.earliest <= facts.done[v.code] <= v.latest
            assert v.status == (DONE if inside else DONE_OUT_OF_WINDOW), v


@settings(max_examples=examples(300), deadline=None)
@given(patients())
def test_each_cycle_follows_the_actual_previous_one(case):
    facts, today = case
    cal = build_calendar(P, facts, today)
    n = 2
    while (v := cal.get(f"C{n}D1")) is not None:
        prev = cal[f"C{n - 1}D1"]
        anchor = prev.actual or prev.target
        delay = facts.delays.get(v.code)
        assert v.target == anchor + D(21 + (delay.days if delay else 0))
        n += 1


@settings(max_examples=examples(300), deadline=None)
@given(patients())
def test_scans_never_shift_with_cycles(case):
    facts, today = case
    cal = build_calendar(P, facts, today)
    c1d1 = facts.done["C1D1"]
    for v in cal:
        if v.code.startswith("TA"):
            k = int(v.code[2:])
            offset = 42 * k if k <= 8 else 336 + 84 * (k - 8)
            assert v.target == c1d1 + D(offset)


@settings(max_examples=examples(300), deadline=None)
@given(patients())
def test_nothing_is_planned_after_death(case):
    facts, today = case
    if facts.death is None:
        return
    for v in build_calendar(P, facts, today):
        if v.target > facts.death and v.actual is None:  # a visit done early stays done
            assert v.status == CANCELLED, v


@settings(max_examples=examples(300), deadline=None)
@given(patients())
def test_status_agrees_with_today(case):
    facts, today = case
    for v in build_calendar(P, facts, today):
        if v.status == PLANNED:
            assert today < v.earliest
        elif v.status == OPEN:
            assert v.earliest <= today <= v.latest
        elif v.status == OVERDUE:
            assert today > v.latest
        elif v.status == DONE:
            assert v.earliest <= v.actual <= v.latest
        elif v.status == DONE_OUT_OF_WINDOW:
            assert not v.earliest <= v.actual <= v.latest


@settings(max_examples=examples(200), deadline=None)
@given(patients())
def test_nothing_but_follow_up_after_the_last_dose(case):
    facts, today = case
    if facts.last_dose is None:
        return
    for v in build_calendar(P, facts, today):
        if (v.kind in ("treatment", "tumour_assessment") and v.target > facts.last_dose
                and v.actual is None):
            assert v.status == CANCELLED
