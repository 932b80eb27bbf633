"""A patient's record-wide rules without a database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.patient_record import (
    check_corrected_subject,
    check_in_study,
    check_new_subject,
    check_screen_failure,
    one_study_of,
)

TODAY, CONSENT = date(2026, 3, 1), date(2026, 1, 1)
D = timedelta(days=1)


def _refusal(call, *args) -> InvalidEntry:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value


def test_a_subject_id_once_per_study():
    check_new_subject("S-1", False, "IMP7068-101")
    assert _refusal(check_new_subject, "S-1", True, "IMP7068-101").message == (
        "Subject ID S-1 is already enrolled in IMP7068-101")
    assert _refusal(check_corrected_subject, "S-1", True, None, None).message == (
        "Subject ID S-1 belongs to another patient")


@given(st.integers(-10, 10))
def test_a_corrected_consent_precedes_the_first_dose(days):
    first = CONSENT + days * D
    if days < 0:
        assert _refusal(check_corrected_subject, "S-1", False, CONSENT, first).field == (
            "consent_date")
    else:
        check_corrected_subject("S-1", False, CONSENT, first)


@given(st.dates(date(2025, 12, 1), date(2026, 4, 1)), st.booleans())
def test_a_screen_failure_before_any_dose_from_consent_to_today(when, dosed):
    if when > TODAY or dosed or when < CONSENT:
        assert _refusal(check_screen_failure, "ineligible", when, TODAY, dosed,
                        CONSENT).field == "screen_fail_date"
    else:
        assert check_screen_failure(" ineligible ", when, TODAY, dosed, CONSENT) == "ineligible"
    assert _refusal(check_screen_failure, "", when, TODAY, dosed, CONSENT).field == (
        "screen_fail_reason")


def test_a_subject_id_in_two_studies_needs_the_study():
    one_study_of("s-1", ["A"])
    assert _refusal(one_study_of, "s-1", ["B", "A"]).message == (
        "Subject ID S-1 is in A and B: name the study")


def test_a_screen_shows_its_own_studys_patients_only():
    check_in_study("S-1", "IMP7068-101", "imp7068-101")
    assert _refusal(check_in_study, "S-1", "ABC2201", "IMP7068-101").message == (
        "Subject S-1 is in ABC2201, not in IMP7068-101")
