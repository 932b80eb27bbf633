"""A patient's record as a whole, beyond one form's fields: a subject ID once per study,
consent before the first dose, a screen failure only before any dose, and a subject ID
that names one patient."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.future import not_in_future


def check_new_subject(subject_id: str, taken: bool, study_code: str) -> None:
    """A new patient's subject ID is not already enrolled in the study (`taken`)."""
    if taken:
        raise InvalidEntry("subject_id", "Subject ID {subject_id} is already enrolled in "
                                         "{code}",
                                         subject_id=subject_id, code=study_code)


def check_corrected_subject(subject_id: str, taken: bool, consent: date | None,
                            first_dose: date | None) -> None:
    """A corrected enrolment: its subject ID not another patient's (`taken`), its consent
    not after the first dose given."""
    if taken:
        raise InvalidEntry("subject_id",
                           "Subject ID {subject_id} belongs to another patient",
                           subject_id=subject_id)
    if first_dose and consent and first_dose < consent:
        raise InvalidEntry("consent_date", "Consent must precede the first dose ({first})",
                                           first=fmt_date(first_dose))


def check_screen_failure(why: str | None, when: date, today: date, dosed: bool,
                         consent: date | None) -> str:
    """A screen failure: with a reason, from consent to today, for a patient never dosed;
    the reason as recorded."""
    if not (why or "").strip():
        raise InvalidEntry("screen_fail_reason", "Give the reason for the screen failure")
    not_in_future("screen_fail_date", when, today)
    if dosed:
        raise InvalidEntry("screen_fail_date", "This patient has been dosed: record the "
                           "end of treatment instead")
    if consent and when < consent:
        raise InvalidEntry("screen_fail_date", "{when} is before consent ({consent_date})",
                                               when=fmt_date(when),
                                               consent_date=fmt_date(consent))
    return (why or "").strip()


def check_in_study(subject_id: str, patient_study: str, shown_study: str) -> None:
    """A screen applies one study's rules to its own patients only."""
    if shown_study.upper() != patient_study.upper():
        raise InvalidEntry("study", "Subject {subject_id} is in {patient_study}, not in {study}",
                                    subject_id=subject_id, patient_study=patient_study,
                                    study=shown_study)


def one_study_of(subject_id: str, studies: Collection[str]) -> None:
    """A subject ID used in several `studies` needs the study named."""
    if len(studies) > 1:
        raise InvalidEntry("study", "Subject ID {subject_id} is in {studies}: name the study",
                           subject_id=subject_id.strip().upper(),
                           studies=" and ".join(sorted(studies)))


__all__ = ["check_corrected_subject", "check_in_study", "check_new_subject", "check_screen_failure",
           "one_study_of"]
