"""The one "is in the future" rule: today allowed, tomorrow refused, in the form's words."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.future import not_in_future

TODAY = date(2026, 3, 2)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(days, days)
def test_refused_exactly_when_after_today(when, today):
    if when > today:
        with pytest.raises(InvalidEntry) as info:
            not_in_future("actual_date", when, today)
        assert info.value.field == "actual_date"
    else:
        not_in_future("actual_date", when, today)


def test_worded_with_the_date_as_the_screens_write_it():
    with pytest.raises(InvalidEntry) as info:
        not_in_future("screen_fail_date", date(2026, 3, 3), TODAY)
    assert info.value.template == "{when} is in the future"
    assert info.value.message == "03-MAR-2026 is in the future"


def test_a_form_keeps_its_own_sentence_and_blanks():
    with pytest.raises(InvalidEntry) as info:
        not_in_future("death_date", date(2026, 4, 1), TODAY, "Death {text} is in the future",
                      text="APR-2026")
    assert info.value.message == "Death APR-2026 is in the future"
    assert info.value.values == {"text": "APR-2026"}
    with pytest.raises(InvalidEntry) as named:
        not_in_future("decided_on", date(2026, 3, 9), TODAY, "{decided_on} is in the future",
                      decided_on="09-MAR-2026")
    assert named.value.message == "09-MAR-2026 is in the future"


def test_empty_is_not_refused_and_times_compare_as_times():
    not_in_future("returned_on", None, TODAY)
    now = datetime(2026, 3, 2, 10, 0)
    not_in_future("dose_at", now, now)
    with pytest.raises(InvalidEntry):
        not_in_future("dose_at", now + timedelta(minutes=1), now, "{t} is in the future", t="x")
