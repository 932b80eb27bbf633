"""Enrolment entry rules, pure: each test names its rule and checks its edge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.errors import InvalidEntry
from app.rules.entry.enrolment import EnrolmentForm, check_enrolment
from app.rules.protocol import default_protocol

P = default_protocol()
TODAY = date(2026, 3, 2)
D = timedelta(days=1)
OK = EnrolmentForm(subject_id="101-001", initials="abc", year_of_birth=1960, sex="F", part=1,
                   dose_level="DL1", consent_date=date(2026, 1, 1),
                   screening_date=date(2026, 1, 2), planned_first_dose=date(2026, 1, 5))


def _field(form: EnrolmentForm) -> str:
    with pytest.raises(InvalidEntry) as info:
        check_enrolment(form, P, TODAY)
    return info.value.field


def test_a_valid_form_is_cleaned():
    clean = check_enrolment(replace(OK, subject_id=" 101-001 "), P, TODAY)
    assert (clean.subject_id, clean.initials, clean.cohort) == ("101-001", "ABC", None)


@pytest.mark.parametrize(("subject", "ok"), [("101-001", True), ("101-01", False),
                                              ("", False), ("1O1-001", False)])
def test_subject_id_in_the_study_format(subject, ok):
    form = replace(OK, subject_id=subject)
    if ok:
        check_enrolment(form, P, TODAY)
    else:
        assert _field(form) == "subject_id"


@pytest.mark.parametrize(("initials", "ok"), [("AB", True), ("A-C", True), ("ABCD", True),
                                               ("ÉL", True), ("张三", True), ("øk", True),
                                               ("ΑΒΓ", True), ("A", False), ("ABCDE", False),
                                               ("A1", False), ("-A", False), ("A B", False)])
def test_initials_are_two_to_four_letters(initials, ok):
    form = replace(OK, initials=initials)
    if ok:
        assert check_enrolment(form, P, TODAY).initials == initials.upper()
    else:
        assert _field(form) == "initials"


def test_adults_only_the_year_of_the_eighteenth_birthday():
    check_enrolment(replace(OK, year_of_birth=TODAY.year - 18), P, TODAY)      # the edge
    assert _field(replace(OK, year_of_birth=TODAY.year - 17)) == "year_of_birth"
    assert _field(replace(OK, year_of_birth=1899)) == "year_of_birth"


def test_consent_today_but_not_tomorrow():
    check_enrolment(replace(OK, consent_date=TODAY, screening_date=None,
                            planned_first_dose=None), P, TODAY)
    assert _field(replace(OK, consent_date=TODAY + D)) == "consent_date"


def test_screening_and_first_dose_not_before_consent():
    c = OK.consent_date
    check_enrolment(replace(OK, screening_date=c, planned_first_dose=c), P, TODAY)
    assert _field(replace(OK, screening_date=c - D)) == "screening_date"
    assert _field(replace(OK, planned_first_dose=c - D)) == "planned_first_dose"


def test_part_two_takes_its_cohorts_dose_level():
    cohort = P.cohorts[0]
    clean = check_enrolment(replace(OK, part=2, dose_level=None, cohort=cohort.code), P, TODAY)
    assert clean.dose_level == cohort.dose_level and clean.cohort == cohort.code
    assert _field(replace(OK, part=2, cohort=None)) == "cohort"
    assert _field(replace(OK, dose_level="DL99")) == "dose_level"


def test_consent_before_adulthood_is_refused_on_its_field():
    """Consent dated 1950 for a patient born in 1961: a typing slip, caught."""
    form = replace(OK, year_of_birth=1961, consent_date=date(1950, 1, 12))
    assert _field(form) == "consent_date"
    with pytest.raises(InvalidEntry, match="Consent on 12-JAN-1950 is before the patient was "
                                           r"an adult \(born 1961\)"):
        check_enrolment(form, P, TODAY)
