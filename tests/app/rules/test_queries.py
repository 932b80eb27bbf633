"""The query rules, pure: targets as typed, who may take which step, the period's counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.queries import (
    QueryState,
    StateStep,
    Target,
    TargetKind,
    check_answer,
    check_close,
    check_reopen,
    count_steps,
    parse_target,
)


@pytest.mark.parametrize(("typed", "target", "words"), [
    ("C1D1", Target(TargetKind.VISIT, "C1D1"), "visit C1D1"),
    ("c1d1.actual_date", Target(TargetKind.VISIT, "C1D1", "actual_date"),
     "visit C1D1: Actual date"),
    ("AE:7", Target(TargetKind.AE, "7"), "AE 7"),
    ("scan:3.overall", Target(TargetKind.SCAN, "3", "overall"),
     "scan 3: Investigator's overall response"),
    ("PK:C1D1", Target(TargetKind.PK, "C1D1"), "PK samples of C1D1"),
    ("patient.consent_date", Target(TargetKind.PATIENT, None, "consent_date"),
     "patient: Consent"),
])
def test_targets_as_typed(typed, target, words):
    assert parse_target(typed) == target
    assert target.words == words
    assert parse_target(target.code) == target


@pytest.mark.parametrize(("typed", "message"), [
    ("", "is not a query target"), ("AE:", "is not a query target"),
    ("AE:seven", "AE needs the record's number"), ("LAB:1", "is not a query target"),
    ("C1D1.colour", "A query on a visit can name one of its fields"),
])
def test_bad_targets(typed, message):
    with pytest.raises(InvalidEntry, match=message) as caught:
        parse_target(typed)
    assert caught.value.field == "on"


def test_steps_by_state_and_person():
    assert check_answer("open", "  fixed ") == "fixed"
    with pytest.raises(InvalidEntry, match="An answer needs a text"):
        check_answer("open", " ")
    with pytest.raises(InvalidEntry, match="only an open query is answered"):
        check_answer("closed", "late")
    check_close("answered", "mona", True, "mona")
    check_close("open", "max", True, "mona")  # another monitor
    check_close("open", "ivan", False, "ivan")  # the investigator who opened it
    with pytest.raises(InvalidEntry, match="Only mona, who opened this query"):
        check_close("answered", "ivan", False, "mona")
    with pytest.raises(InvalidEntry, match="already closed"):
        check_close("closed", "mona", True, "mona")
    assert check_reopen("closed", "mona", True, "mona", "again") == "again"
    with pytest.raises(InvalidEntry, match="already open"):
        check_reopen("open", "mona", True, "mona", "again")
    with pytest.raises(InvalidEntry, match="Re-opening a query needs a text"):
        check_reopen("answered", "mona", True, "mona", "")


@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 400),
       st.integers(0, 400))
def test_a_query_open_at_the_end_is_as_old_as_its_opening(opened, wait, after):
    end = opened + timedelta(days=wait)
    steps = [StateStep(1, opened, QueryState.OPEN, True)]
    counts = count_steps(steps, opened, end)
    assert (counts.opened, counts.open_now, counts.oldest_open_days) == (1, 1, wait)
    # answered after the end: still open at the end; answered by then: not
    answered = [*steps, StateStep(1, end + timedelta(days=after), QueryState.ANSWERED, False)]
    later = count_steps(answered, opened, end)
    assert later.open_now == (1 if after > 0 else 0)
    assert later.answered == (0 if after > 0 else 1)


def test_counts_of_a_period():
    d = date(2026, 3, 1)
    steps = [StateStep(1, d, "open", True), StateStep(2, d + timedelta(days=2), "open", True),
             StateStep(1, d + timedelta(days=3), "answered", False),
             StateStep(1, d + timedelta(days=4), "closed", False),
             StateStep(1, d + timedelta(days=5), "open", False),  # re-opened
             StateStep(3, d + timedelta(days=40), "open", True)]
    counts = count_steps(steps, d + timedelta(days=1), d + timedelta(days=10))
    assert (counts.opened, counts.answered, counts.closed, counts.open_now,
            counts.oldest_open_days) == (1, 1, 1, 2, 10)
    assert count_steps([], d, d).oldest_open_days is None
