"""The end of study's record rules without a database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.end_of_study import (
    CancelsBookedVisits,
    check_booked_kept,
    check_not_done_reason,
    check_result_kept,
    impute_death_date,
)
from app.rules.entry.disposition import DispositionForm

TODAY = date(2026, 3, 15)


@given(st.integers(1, 12), st.one_of(st.none(), st.integers(1, 28)))
def test_a_death_in_a_month_is_not_in_the_future_nor_before_last_alive(month, alive_day):
    words = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    form = DispositionForm(death_partial=f"UN-{words[month - 1]}-2026")
    alive = date(2026, month, alive_day) if alive_day else None
    if date(2026, month, 1) > TODAY:
        with pytest.raises(InvalidEntry) as info:
            impute_death_date(form, TODAY, alive)
        assert info.value.template == "Death {text} is in the future"
    else:
        done = impute_death_date(form, TODAY, alive)
        assert done.death_partial == form.death_partial
        assert done.death_date == max(date(2026, month, 1), alive or date.min)


def test_a_full_or_no_death_date_is_kept_as_is():
    assert impute_death_date(DispositionForm(death_partial="03-MAR-2026"), TODAY,
                             None).death_date == date(2026, 3, 3)
    assert impute_death_date(DispositionForm(death_partial=""), TODAY, None).death_partial is None
    with pytest.raises(InvalidEntry):
        impute_death_date(DispositionForm(death_partial="soon"), TODAY, None)


def test_cancelled_bookings_a_reason_and_a_kept_result():
    check_booked_kept([], False)
    check_booked_kept([("C3D1", TODAY)], True)
    with pytest.raises(CancelsBookedVisits) as info:
        check_booked_kept([("C3D1", TODAY)], False)
    assert info.value.message == "This cancels the booked visit C3D1 (15-MAR-2026)"
    with pytest.raises(InvalidEntry):
        check_not_done_reason("")
    check_not_done_reason("patient withdrew")
    check_result_kept("alive", "alive")
    with pytest.raises(InvalidEntry):
        check_result_kept("dead", "alive")
