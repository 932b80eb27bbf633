"""The order of visits around the first dose, and an unscheduled visit, without a database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.first_dose import treatment_before_dose
from app.rules.protocol import default_protocol
from app.rules.visit_order import (
    check_unscheduled,
    refuse_pretreatment_after_dose,
    refuse_treatment_before_dose,
)

P = default_protocol()
DOSE = date(2026, 1, 10)
D = timedelta(days=1)


def _refusal(call, *args) -> InvalidEntry:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value


def test_a_new_treatment_visit_before_any_dose_is_refused_an_old_one_left():
    done = {"LI24": DOSE}
    assert _refusal(refuse_treatment_before_dose, P, done, []).field == "actual_date"
    refuse_treatment_before_dose(P, done, treatment_before_dose(P, done))  # stored so before
    refuse_treatment_before_dose(P, {"LI": DOSE, "LI24": DOSE + D}, [])


def test_screening_after_the_first_dose_is_refused_unless_stored_so_before():
    done = {"SCR": DOSE + D, "LI": DOSE}
    error = _refusal(refuse_pretreatment_after_dose, P, done, None, set(), [])
    assert error.message.startswith("SCR on 11-JAN-2026 would be after the first dose "
                                    "(10-JAN-2026)")
    refuse_pretreatment_after_dose(P, done, DOSE, {("SCR", DOSE + D)}, [])
    refuse_pretreatment_after_dose(P, {"SCR": DOSE - D}, None, set(), [DOSE + 5 * D])


@given(st.integers(-5, 5), st.one_of(st.none(), st.integers(-5, 5)))
def test_a_baseline_scan_after_a_moved_first_dose_is_refused(scan, before):
    done = {"SCR": DOSE - 10 * D, "LI": DOSE}
    first_before = DOSE + before * D if before is not None else None
    scan_date = DOSE + scan * D
    newly_after = scan_date > DOSE and first_before != DOSE and (
        first_before is None or scan_date <= first_before)
    if newly_after:
        assert "baseline scan" in _refusal(refuse_pretreatment_after_dose, P, done,
                                           first_before, set(), [scan_date]).message
    else:
        refuse_pretreatment_after_dose(P, done, first_before, set(), [scan_date])


def test_an_unscheduled_visit_has_a_reason_and_a_day_from_consent_to_today_or_death():
    today, consent = date(2026, 3, 1), date(2026, 1, 1)
    assert check_unscheduled(" rash ", today, today, consent, None) == "rash"
    assert _refusal(check_unscheduled, " ", today, today, consent, None).field == (
        "unscheduled_reason")
    assert _refusal(check_unscheduled, "x", today + D, today, consent, None).message == (
        "02-MAR-2026 is in the future")
    assert _refusal(check_unscheduled, "x", consent - D, today, consent, None).message == (
        "31-DEC-2025 is before consent")
    assert _refusal(check_unscheduled, "x", today, today, consent, today - D).message == (
        "01-MAR-2026 is after the recorded death")
