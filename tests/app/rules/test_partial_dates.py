"""Partial dates: read as CDASH writes them, exported as ISO 8601 partial dates, imputed by
the documented rules (an onset in the month of the first dose counts as on or after it)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.partial_dates import (
    PartialDate,
    as_iso,
    as_text,
    impute_death,
    impute_end,
    impute_start,
    parse_partial,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("text", "parsed"), [
    ("UN-JAN-2026", PartialDate(2026, 1)), ("un jan 2026", PartialDate(2026, 1)),
    ("UNK-FEB-2026", PartialDate(2026, 2)), ("UN-UNK-2026", PartialDate(2026, None)),
    ("2026-03", PartialDate(2026, 3)), ("2026", PartialDate(2026, None)),
    ("12-JAN-2026", date(2026, 1, 12)), ("", None),
])
def test_partial_and_full_dates_are_read(text, parsed):
    assert parse_partial(text) == parsed


@pytest.mark.parametrize(("text", "words"), [
    ("UN-JAX-2026", "'JAX' is not a month"), ("2026-13", "month 13 does not exist"),
    ("31-FEB-2026", "not a date"), ("soon", "UN-JAN-2026 when the day is unknown"),
])
def test_what_is_not_a_date_says_why(text, words):
    with pytest.raises(ValueError, match=words):
        parse_partial(text)


def test_text_and_iso():
    assert PartialDate(2026, 1).text == "UN-JAN-2026" and PartialDate(2026, 1).iso == "2026-01"
    assert PartialDate(2026, None).text == "UN-UNK-2026" and PartialDate(2026, None).iso == "2026"
    assert as_iso(date(2026, 1, 5), "UN-JAN-2026") == "2026-01"
    assert as_iso(date(2026, 1, 5), None) == "2026-01-05"
    assert as_text(date(2026, 1, 5), "UN-JAN-2026") == "UN-JAN-2026"
    assert as_text(date(2026, 1, 5), None) == "05-JAN-2026"


def test_an_onset_in_the_month_of_the_first_dose_counts_from_the_first_dose():
    jan = PartialDate(2026, 1)
    assert impute_start(jan, TODAY, first_dose=date(2026, 1, 20)) == date(2026, 1, 20)
    assert impute_start(jan, TODAY, first_dose=date(2026, 2, 3)) == date(2026, 1, 1)
    assert impute_start(PartialDate(2026, None), TODAY, date(2026, 5, 4)) == date(2026, 5, 4)
    assert impute_start(jan, TODAY, None, not_before=date(2026, 1, 9)) == date(2026, 1, 9)
    assert impute_start(PartialDate(2026, 11), TODAY) == date(2026, 11, 1)
    assert impute_end(PartialDate(2026, 2), TODAY) == date(2026, 2, 28)
    assert impute_end(PartialDate(2026, None), TODAY) == TODAY
    assert impute_death(PartialDate(2026, 6), last_alive=date(2026, 6, 14)) == \
        date(2026, 6, 14)
    assert impute_death(PartialDate(2026, 6), last_alive=date(2026, 5, 14)) == \
        date(2026, 6, 1)


@given(st.integers(1990, 2030), st.one_of(st.none(), st.integers(1, 12)),
       st.dates(date(1990, 1, 1), date(2031, 12, 31)))
def test_imputed_dates_stay_inside_the_partial_period(year, month, first_dose):
    p = PartialDate(year, month)
    today = date(2031, 12, 31)
    assert parse_partial(p.text) == p and parse_partial(p.iso) == p
    for imputed in (impute_start(p, today, first_dose), impute_end(p, today),
                    impute_death(p, first_dose)):
        assert p.earliest <= imputed <= p.latest
    if p.earliest <= first_dose <= p.latest:
        assert impute_start(p, today, first_dose) == first_dose
