"""Enrolment: the subject ID in the study's format, initials, adulthood, arm, consent."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.protocol import Part, Protocol


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"
    UNKNOWN = "U"


SEXES = {Sex.FEMALE: "Female", Sex.MALE: "Male", Sex.UNKNOWN: "Unknown"}
def initials_ok(initials: str) -> bool:
    """2 to 4 letters of any script (ÉL, 张三, ØK), a hyphen allowed after the first for a
    missing middle initial."""
    return (2 <= len(initials) <= 4 and initials[0].isalpha()
            and all(c.isalpha() or c == "-" for c in initials[1:]))
ADULT_YEARS = 18


@dataclass(kw_only=True)
class EnrolmentForm:
    subject_id: str = ""
    initials: str = ""
    year_of_birth: int | None = None
    sex: str | None = None
    part: int | None = None
    dose_level: str | None = None
    cohort: str | None = None
    consent_date: date | None = None
    screening_date: date | None = None
    planned_first_dose: date | None = None


def check_subject(subject_id: str, protocol: Protocol) -> str:
    """The subject ID in upper case, in the study's format."""
    subject = (subject_id or "").strip().upper()
    if not subject:
        raise InvalidEntry("subject_id", "Subject ID is required")
    if not re.fullmatch(protocol.subject_id_pattern, subject):
        example = protocol.subject_id_example
        example = f" (for example {example})" if example else ""
        raise InvalidEntry("subject_id",
                           "Subject ID '{subject}' does not have this study's format{example}",
                           subject=subject, example=example)
    return subject


def check_person(form: EnrolmentForm, today: date) -> str:
    """Initials (2 to 4 letters), an adult's year of birth, a known sex; the initials."""
    initials = (form.initials or "").strip().upper()
    if not initials_ok(initials):
        raise InvalidEntry("initials", "Initials must be 2 to 4 letters, of any alphabet (a "
                           "hyphen may stand for a missing middle initial)")
    if form.year_of_birth is not None and \
            not 1900 <= form.year_of_birth <= today.year - ADULT_YEARS:
        raise InvalidEntry("year_of_birth", "Year of birth must be between 1900 and "
                                            "{latest_year} (adults only)",
                                            latest_year=today.year - ADULT_YEARS)
    if form.sex is not None and form.sex not in SEXES:
        raise InvalidEntry("sex", "Sex must be F, M or U")
    return initials


def check_arm(form: EnrolmentForm, protocol: Protocol) -> tuple[Part, str | None, str | None]:
    """The part, with its dose level (Part 1) or cohort (Part 2, whose level it sets)."""
    parts = {p.number: p for p in protocol.parts}
    part = parts.get(form.part) if form.part is not None else None
    if part is None:
        raise InvalidEntry("part", "Choose the study part ({parts})",
                                   parts=', '.join(str(n) for n in parts))
    dose_level, cohort = form.dose_level or None, form.cohort or None
    if part.uses == "dose_levels":
        if dose_level not in {d.code for d in protocol.dose_levels}:
            raise InvalidEntry("dose_level", "Choose the dose level for {label}",
                                             label=part.label)
        return part, dose_level, None
    if cohort not in {c.code for c in protocol.cohorts}:
        raise InvalidEntry("cohort", "Choose the expansion cohort for {label}",
                                     label=part.label)
    return part, next(c.dose_level for c in protocol.cohorts if c.code == cohort), cohort


def check_enrolment_dates(form: EnrolmentForm, today: date) -> date:
    """Consent first, nothing in the future; the consent date."""
    consent = form.consent_date
    if consent is None:
        raise InvalidEntry("consent_date", "Consent date is required")
    if consent > today:
        raise InvalidEntry("consent_date", "Consent date {consent} is in the future",
                                           consent=fmt_date(consent))
    born = form.year_of_birth
    if born is not None and consent.year - born < ADULT_YEARS:
        raise InvalidEntry("consent_date", "Consent on {consent} is before the patient was an "
                                           "adult (born {born}): check the consent date",
                                           consent=fmt_date(consent), born=born)
    if form.screening_date is not None:
        if form.screening_date < consent:
            raise InvalidEntry("screening_date", "Screening cannot start before consent "
                                                 "({consent})",
                                                 consent=fmt_date(consent))
        if form.screening_date > today:
            raise InvalidEntry("screening_date",
                               "Screening date {screening_date} is in the future",
                               screening_date=fmt_date(form.screening_date))
    if form.planned_first_dose is not None and form.planned_first_dose < consent:
        raise InvalidEntry("planned_first_dose",
                           "First dose {planned_first_dose} is before consent ({consent})",
                           planned_first_dose=fmt_date(form.planned_first_dose),
                           consent=fmt_date(consent))
    return consent


def check_enrolment(form: EnrolmentForm, protocol: Protocol, today: date) -> EnrolmentForm:
    """The enrolment form cleaned (upper-case IDs, the cohort's dose level), or InvalidEntry."""
    subject = check_subject(form.subject_id, protocol)
    initials = check_person(form, today)
    part, dose_level, cohort = check_arm(form, protocol)
    check_enrolment_dates(form, today)
    return replace(form, subject_id=subject, initials=initials, part=part.number,
                   dose_level=dose_level, cohort=cohort)
