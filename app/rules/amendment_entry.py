"""What may be recorded about a study's amendments: a protocol file added as a new version
of its own study (not one already there, under a label of its own, effective no earlier than
the latest), and a patient's re-consent to an amendment."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from app.errors import InvalidEntry
from app.rules.amendments import Version, amendment_problem
from app.rules.dates import fmt_date
from app.rules.future import not_in_future


def check_new_study(code: str, at_site: bool) -> None:
    """A study is added once (`at_site`: it is already); a new version is an amendment."""
    if at_site:
        raise InvalidEntry("study", "Study {code} is already at this site: a new version of its "
                                    "protocol is an amendment (study amend {code} FILE "
                                    "--effective DATE)",
                                    code=code)


def check_amendment(study_code: str, file_name: str, protocol_code: str, label: str,
                    sha: str, known_shas: Collection[str], versions: Sequence[Version],
                    effective: date) -> None:
    """A file that amends `study_code`, whose `versions` (their files' `known_shas`) are
    on record."""
    if protocol_code.upper() != study_code.upper():
        raise InvalidEntry("file", "{file_name} is the protocol of {file_study}, not of {study}",
                                   file_name=file_name, file_study=protocol_code,
                                   study=study_code)
    if sha in known_shas:
        raise InvalidEntry("file", "{file_name} is already a version of {code}",
                                   file_name=file_name, code=study_code)
    if any(v.label.upper() == label.upper() for v in versions):
        raise InvalidEntry("file", "{code} already has a version '{version}': give the amendment "
                                   "its own version in [study] version",
                                   code=study_code, version=label)
    problem = amendment_problem(effective, versions)
    if problem:
        raise InvalidEntry("effective", problem[0].upper() + problem[1:])


def check_reconsent(label: str, when: date, today: date, versions: Sequence[Version],
                    consent: date | None, reconsented: Collection[int],
                    subject_id: str) -> Version:
    """The amendment (`label`, any case, among the study's `versions`) a patient re-consents
    to on `when`: not in the future, not before the amendment applies nor before the
    patient's consent, and once (`reconsented`: the versions' ids already consented to)."""
    not_in_future("consent_date", when, today)
    version = next((v for v in versions if v.label.upper() == label.strip().upper()), None)
    if version is None or version.effective is None:
        amendments = ", ".join(v.label for v in versions if v.effective is not None)
        raise InvalidEntry("version", f"No amendment '{label.strip()}' in this study"
                           + (f" (amendments: {amendments})" if amendments
                              else ": it has no amendment yet"))
    if when < version.effective:
        raise InvalidEntry("consent_date", "{label} applies from {effective}: re-consent on "
                                           "{when} is before it",
                                           label=version.label,
                                           effective=fmt_date(version.effective),
                                           when=fmt_date(when))
    if consent and when < consent:
        raise InvalidEntry("consent_date", "{when} is before the patient's consent "
                                           "({consent_date})",
                                           when=fmt_date(when),
                                           consent_date=fmt_date(consent))
    if version.id in reconsented:
        raise InvalidEntry("version", "{subject_id} has already re-consented to {label}",
                                      subject_id=subject_id, label=version.label)
    return version


__all__ = ["check_amendment", "check_new_study", "check_reconsent"]
