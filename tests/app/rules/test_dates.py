"""DD-MMM-YYYY read and written: every date round-trips, whatever way it is typed."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.dates import (
    fmt_date,
    fmt_time,
    fmt_window,
    parse_iso_date,
    parse_user_date,
    parse_user_time,
)

DATES = st.dates(date(1900, 1, 1), date(2100, 12, 31))


@given(DATES)
def test_dd_mmm_yyyy_round_trips(d):
    text = fmt_date(d)
    assert len(text) == 11 and text[2] == text[6] == "-"
    assert parse_user_date(text) == d
    assert parse_user_date(text.lower()) == d                  # typed in lower case
    assert parse_user_date(text.replace("-", " ")) == d         # or with spaces
    assert parse_user_date(text.replace("-", "")) == d          # or run together
    assert parse_user_date(d.isoformat()) == d                  # or ISO


@given(DATES)
def test_iso_round_trips(d):
    assert parse_iso_date(d.isoformat()) == d


@pytest.mark.parametrize("text", ["12/01/2026", "12-JNX-2026", "tomorrow"])
def test_ambiguous_or_unreadable_dates_are_refused_with_the_format(text):
    with pytest.raises(ValueError, match="DD-MMM-YYYY"):
        parse_user_date(text)


@pytest.mark.parametrize(("text", "why"), [
    ("31-FEB-2026", "February 2026 has 28 days"), ("29 feb 2028", None),
    ("2026-04-31", "April 2026 has 30 days"), ("2026-13-01", "there is no month 13")])
def test_a_day_the_month_has_not_says_so(text, why):
    if why is None:
        assert parse_user_date(text) == date(2028, 2, 29)
        return
    with pytest.raises(ValueError, match=f"'{text}' is not a real date: {why}"):
        parse_user_date(text)


def test_blank_is_no_date():
    assert parse_user_date("   ") is None


@pytest.mark.parametrize(("text", "expected"), [("9:05", time(9, 5)), ("09:05", time(9, 5)),
                                                ("0905", time(9, 5)), ("23:59", time(23, 59)),
                                                ("", None)])
def test_times_as_typed(text, expected):
    assert parse_user_time(text) == expected
    assert fmt_time(expected) == (f"{expected:%H:%M}" if expected else "")


@pytest.mark.parametrize("text", ["24:00", "9:60", "noon"])
def test_impossible_times_are_refused(text):
    with pytest.raises(ValueError):
        parse_user_time(text)


def test_a_window_reads_as_its_days():
    assert fmt_window(date(2026, 2, 5), date(2026, 2, 19), date(2026, 2, 12)) == \
        "05-FEB-2026 to 19-FEB-2026 (target 12-FEB)"
    assert fmt_window(date(2026, 2, 5), date(2026, 2, 5), date(2026, 2, 5)) == "05-FEB-2026"


def test_iso_errors_name_the_value():
    with pytest.raises(ValueError, match="--today '2026-02-30' is not a real date"):
        parse_iso_date("2026-02-30", "--today")
