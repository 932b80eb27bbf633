"""An AE's record rules without a database: coded terms, partial dates, DLTs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.ae_record import check_coded, check_dlt, impute_dates
from app.rules.entry.adverse_events import AeForm
from app.rules.protocol import default_protocol
from app.rules.safety import GradeSpell

P = default_protocol()
TODAY = date(2026, 3, 15)
PERIOD = (date(2026, 1, 1), date(2026, 1, 21))


def _refusal(call, *args) -> InvalidEntry:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value


def test_a_code_is_the_dictionarys():
    check_coded(None, None)
    assert _refusal(check_coded, "10001760", None).message == (
        "'10001760' is not in the loaded CTCAE dictionary")


def test_a_dlt_starts_inside_the_period_of_a_dlt_part():
    check_dlt(P, 1, date(2026, 1, 5), PERIOD)
    assert _refusal(check_dlt, P, 1, None, PERIOD).field == "onset_date"
    assert _refusal(check_dlt, P, 2, date(2026, 1, 5), PERIOD).field == "dlt"
    assert _refusal(check_dlt, P, 1, date(2026, 2, 5), PERIOD).field == "dlt"


def test_a_partial_onset_is_kept_as_typed_and_imputed():
    form = impute_dates(AeForm(onset_partial="un-feb-2026", grades=[GradeSpell(1, date(2026, 2, 1))]),
                        TODAY, date(2026, 2, 10), date(2026, 1, 1))
    assert form.onset_partial == "UN-FEB-2026"
    assert form.onset_date == date(2026, 2, 10)  # not before the first dose in its month
    assert form.grades[0].start == form.onset_date
    full = impute_dates(AeForm(end_partial="03-MAR-2026"), TODAY, None, None)
    assert (full.end_date, full.end_partial) == (date(2026, 3, 3), None)


@given(st.integers(2025, 2027), st.integers(1, 12))
def test_a_partial_month_in_the_future_is_refused_on_its_field(year, month):
    text = f"UN-{['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][month - 1]}-{year}"
    if date(year, month, 1) > TODAY:
        error = _refusal(impute_dates, AeForm(end_partial=text), TODAY, None, None)
        assert (error.field, error.template) == ("end_date", "End {text} is in the future")
    else:
        assert impute_dates(AeForm(end_partial=text), TODAY, None, None).end_partial == text


def test_an_unreadable_date_is_refused_on_its_field():
    assert _refusal(impute_dates, AeForm(onset_partial="garbage"), TODAY, None,
                    None).field == "onset_date"
