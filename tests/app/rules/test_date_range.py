"""The dates a record can hold (01-JAN-1900 to 31-DEC-2199): every date inside is read as
typed and a calendar built from any of them computes; every date outside is refused with
one sentence, never an OverflowError deep in the arithmetic (issue 30, item 9)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import Unreadable
from app.rules.calendar import CycleDelay, PatientFacts, build_calendar
from app.rules.dates import DATE_RANGE, EARLIEST, LATEST, fmt_date, in_range, parse_user_date
from app.rules.protocol import default_protocol

INSIDE = st.dates(EARLIEST, LATEST)


@given(st.dates())
def test_a_date_is_read_inside_the_range_and_refused_outside(d):
    if in_range(d):
        assert parse_user_date(fmt_date(d)) == parse_user_date(d.isoformat()) == d
        return
    with pytest.raises(Unreadable, match=f"^'{d.isoformat()}' is outside the dates a record "
                                         f"can hold \\({DATE_RANGE}\\)$"):
        parse_user_date(d.isoformat())
    with pytest.raises(Unreadable):  # DD-MMM-YYYY (a year of fewer digits is no date at all)
        parse_user_date(fmt_date(d))


@settings(max_examples=40, deadline=None)
@given(INSIDE, st.integers(0, 3000))
def test_a_calendar_from_any_date_inside_computes(first, later):
    """The first dose anywhere in the range, today up to years after it (within the range),
    the longest delay: the calendar's sums never leave Python's dates."""
    today = min(first + timedelta(days=later), LATEST)
    facts = PatientFacts(first_dose=first,
                         delays={"C3D1": CycleDelay("C3D1", 120, "toxicity")})
    calendar = build_calendar(default_protocol(), facts, today)
    assert calendar.visits and all(v.target >= first - timedelta(days=60)
                                   for v in calendar.visits)


def test_the_ends_themselves():
    assert parse_user_date("01-JAN-1900") == EARLIEST and parse_user_date("2199-12-31") == LATEST
    assert not in_range(date(1899, 12, 31)) and not in_range(date(2200, 1, 1))


@pytest.mark.parametrize("text", ["UN-JAN-0001", "UN-UNK-9999", "9999-12", "0000",
                                  "9999-12-31", "31-DEC-2200"])
def test_a_partial_date_outside_the_range_is_refused_as_such(text):
    from app.rules.partial_dates import parse_partial

    with pytest.raises(Unreadable, match=f"^'{text}' is outside the dates a record can hold"):
        parse_partial(text)
