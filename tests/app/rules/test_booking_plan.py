"""A cycle booked at once, bookings that a change of the calendar leaves behind, the
planner's load and conflicts, a move by keys (issue 38); hypothesis for the day arithmetic."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.booking import Block, Closure, Nurses, Place, SiteBook, Wanted, book, free_days
from app.rules.booking_plan import (
    Held,
    conflicts,
    moved_by_keys,
    nurse_loads,
    propose_cycle,
    stale_bookings,
    tick_minutes,
)
from app.rules.protocol import default_protocol
from tests.conftest import examples

P = default_protocol()
TODAY = date(2026, 3, 2)
SITE = SiteBook(places=(Place("Chair 1"), Place("Chair 2")),
                closures=(Closure(date(2026, 3, 12), "Site holiday"),))
NURSES = Nurses({"t.nurse": True}, 10)
D = timedelta(days=1)


def wanted(code: str, target: date, before: int = 1, after: int = 1, at: time = time(8, 0),
           subject: str = "101-001") -> Wanted:
    return Wanted(subject, code, datetime.combine(target, at), P.needs_of(code),
                  target - before * D, target + after * D, target, tick_minutes(P, code))


def test_a_cycle_lands_every_visit_in_its_window_on_free_chairs():
    cycle = [wanted("C1D1", date(2026, 3, 5)), wanted("C1D2", date(2026, 3, 6), 0, 0),
             wanted("C1D8", date(2026, 3, 12)), wanted("C1D15", date(2026, 3, 19))]
    # Chair 1 taken all C1D1's day
    other = book(wanted("C1D1", date(2026, 3, 5), subject="101-009"), SITE, [], NURSES, TODAY)
    out = propose_cycle(cycle, SITE, [other], NURSES, TODAY)
    assert [(p.code, p.start.date() if p.start else None, p.place) for p in out] == [
        ("C1D1", date(2026, 3, 5), "Chair 2"), ("C1D2", date(2026, 3, 6), "Chair 1"),
        ("C1D8", date(2026, 3, 13), "Chair 1"), ("C1D15", date(2026, 3, 19), "Chair 1")]
    # the holiday is named on the visit it moved, never silently
    assert out[2].note == "booked on 13-MAR-2026, not its target 12-MAR-2026: " \
        "The site is closed on 12-MAR-2026 (Site holiday)"
    assert all(p.note is None for p in (out[0], out[1], out[3]))


def test_a_visit_that_fits_nowhere_says_so():
    full = [book(wanted("C1D1", date(2026, 3, 6), 0, 0, subject=s), SITE, [], NURSES, TODAY)
            for s in ("101-008",)]
    full.append(book(replace(wanted("C1D1", date(2026, 3, 6), 0, 0, subject="101-009")),
                     SITE, full, NURSES, TODAY))
    out = propose_cycle([wanted("C1D2", date(2026, 3, 6), 0, 0)], SITE, full, NURSES, TODAY)
    assert out[0].start is None and "nothing fits in its window 06-MAR-2026" in out[0].problem
    assert "No chair is free on 06-MAR-2026" in out[0].problem


@settings(max_examples=examples(60), deadline=None)
@given(target=st.dates(date(2026, 3, 2), date(2027, 12, 31)),
       before=st.integers(0, 7), after=st.integers(0, 7), taken=st.integers(0, 6),
       today=st.dates(date(2026, 3, 1), date(2026, 3, 20)))
def test_proposals_and_free_days_stay_in_the_window(target, before, after, taken, today):
    cycle = [wanted("C1D8", target, before, after)]
    blocks = [book(wanted("C1D1", target + k * D, 3, 3, subject=f"9-{k}"), SITE, [],
                   NURSES, date(2020, 1, 1))
              for k in range(-taken // 2, taken // 2)
              if SITE.closure_on(target + k * D) is None and (target + k * D).weekday() < 5]
    for p in propose_cycle(cycle, SITE, blocks, NURSES, today):
        if p.start is not None:
            day = p.start.date()
            assert p.earliest <= day <= p.latest and day >= today
            assert day.weekday() < 5 and SITE.closure_on(day) is None
            assert (p.note is None) == (day == target)
        else:
            assert p.problem
    for day in free_days(cycle[0], SITE, blocks, NURSES, today):
        assert max(cycle[0].earliest, today) <= day <= cycle[0].latest


@settings(max_examples=examples(60), deadline=None)
@given(delay=st.integers(0, 30), booked_offset=st.integers(-3, 3))
def test_a_delay_lists_the_later_bookings_now_outside_their_windows(delay, booked_offset):
    target = date(2026, 4, 2) + delay * D  # the delayed C3D1
    booked = date(2026, 4, 2) + booked_offset * D  # booked before the delay, in the old window
    held = [Held("101-001", "C3D1", booked, time(9), target - 3 * D, target + 3 * D, target,
                 "pending")]
    stale = stale_bookings(held, TODAY)
    assert bool(stale) == (abs(booked_offset - delay) > 3)
    if stale:
        assert "now outside its window" in stale[0].why


def test_ended_visits_are_listed_to_cancel_done_ones_left_alone():
    day = date(2026, 4, 2)
    held = [Held("101-001", "C3D1", day, None, day, day, day, "cancelled"),
            Held("101-001", "C2D1", day, None, day, day, day, "done"),
            Held("101-001", "C1D8", date(2026, 3, 1), None, day, day, day, "cancelled")]
    assert [(s.held.code, str(s.why)) for s in stale_bookings(held, TODAY)] == [
        ("C3D1", "C3D1 is no longer expected: cancel its booking")]


@settings(max_examples=examples(80), deadline=None)
@given(start=st.datetimes(datetime(2026, 1, 1), datetime(2027, 1, 1)),
       days=st.integers(-5, 5), minutes=st.sampled_from([-30, -15, 15, 30]),
       before=st.integers(0, 3), after=st.integers(0, 3))
def test_a_move_by_keys_never_leaves_the_window(start, days, minutes, before, after):
    b = Block("101-001", "C2D1", start, 60, "Chair 1", earliest=start.date() - before * D,
              latest=start.date() + after * D)
    moved = moved_by_keys(b, days, minutes)
    if moved is not None:
        assert b.earliest <= moved.date() <= b.latest
        assert moved - start == timedelta(days=days, minutes=minutes)
    else:
        assert not -before <= days <= after or (start + timedelta(days=days)).date() != \
            (start + timedelta(days=days, minutes=minutes)).date()


def test_the_planner_counts_each_nurse_and_names_the_conflicts():
    a = book(wanted("C1D1", date(2026, 3, 5)).__class__(
        **{**wanted("C1D1", date(2026, 3, 5)).__dict__, "nurse": "t.nurse"}), SITE, [],
        NURSES, TODAY)
    clash = Block("101-002", "C1D8", datetime(2026, 3, 5, 9, 0), 60, "Chair 1", "t.nurse",
                  (datetime(2026, 3, 5, 9, 2),), date(2026, 3, 6), date(2026, 3, 8))
    loads = nurse_loads([a, clash])
    assert [(n.nurse, n.patients, n.tubes) for n in loads] == [("t.nurse", 2, 8)]
    said = [str(c.what) for c in conflicts([a, clash], SITE, 10)]
    assert said == ["Chair 1: 101-001 C1D1 and 101-002 C1D8 overlap",
                    "t.nurse has PK tubes of 101-001 C1D1 and 101-002 C1D8 less than 10 min "
                    "apart", "101-002 C1D8 is booked outside its window"]
