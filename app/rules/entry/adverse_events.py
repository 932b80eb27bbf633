"""An adverse event as entered: coded text, dates, grades over time, SAE facts, choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from app.errors import InvalidEntry
from app.rules.ctcae import CtcaeEntry
from app.rules.dates import fmt_date
from app.rules.safety import (
    ACTIONS,
    OUTCOMES,
    RELATIONSHIPS,
    SAE_CRITERIA,
    GradeSpell,
    grade_problem,
    worst_grade,
)

GRADES = (1, 2, 3, 4, 5)


@dataclass(kw_only=True)
class AeForm:
    verbatim: str = ""
    meddra_code: str | None = None  # None: saved uncoded, "not coded"
    other_specify: str | None = None
    onset_date: date | None = None
    end_date: date | None = None
    #: entered in part ("UN-JAN-2026"): the dates above are then imputed from them
    onset_partial: str | None = None
    end_partial: str | None = None
    pre_existing: bool = False  # the investigator's note; TEAE status is derived
    serious: bool = False
    sae_criteria: tuple[str, ...] = ()
    aware_at: datetime | None = None
    reported_at: datetime | None = None
    relationship: str | None = None
    action: str | None = None
    outcome: str | None = None
    dlt: bool = False
    grades: list[GradeSpell] = field(default_factory=list)


def check_text(form: AeForm, entry: CtcaeEntry | None) -> None:
    """The investigator's words, or a coded term (with the text an 'Other, specify' needs)."""
    if not form.verbatim.strip() and entry is None:
        raise InvalidEntry("verbatim", "Describe the event (the investigator's words)")
    if entry is not None and entry.other_specify and not (form.other_specify or "").strip():
        raise InvalidEntry("other_specify", "'{term}' needs the event specified",
                                            term=entry.term)


def check_dates(form: AeForm, today: date, consent: date | None) -> date:
    """Onset after consent (before it, it is medical history) and not in the future."""
    onset = form.onset_date
    if onset is None:
        raise InvalidEntry("onset_date", "Give the onset date")
    if onset > today:
        raise InvalidEntry("onset_date", "Onset {onset} is in the future",
                                         onset=fmt_date(onset))
    if consent and onset < consent:
        raise InvalidEntry("onset_date", "Onset {onset} is before consent ({consent}): a medical "
                                         "history item, not an AE",
                                         onset=fmt_date(onset), consent=fmt_date(consent))
    if form.end_date and form.end_date < onset:
        raise InvalidEntry("end_date", "End {end_date} is before onset ({onset})",
                                       end_date=fmt_date(form.end_date), onset=fmt_date(onset))
    if form.end_date and form.end_date > today:
        raise InvalidEntry("end_date", "End {end_date} is in the future",
                                       end_date=fmt_date(form.end_date))
    return onset


def _grade_exists(spell: GradeSpell, entry: CtcaeEntry | None, ctcae_version: str) -> None:
    if entry is not None:
        problem = grade_problem(entry, spell.grade, ctcae_version)
    else:
        problem = None if spell.grade in GRADES else \
            f"Grade {spell.grade} does not exist: grades are 1 to 5"
    if problem:
        raise InvalidEntry("grades", problem)


def check_grades(grades: Sequence[GradeSpell], onset: date, today: date,
                 entry: CtcaeEntry | None, ctcae_version: str) -> None:
    """Grades the term has, one after another from the onset, each closed before the next."""
    if not grades:
        raise InvalidEntry("grades", "Give the grade")
    previous_end: date | None = None
    for i, spell in enumerate(grades):
        _grade_exists(spell, entry, ctcae_version)
        if spell.start < onset:
            raise InvalidEntry("grades", "Grade {grade} from {start} is before the onset",
                                         grade=spell.grade, start=fmt_date(spell.start))
        if spell.start > today:
            raise InvalidEntry("grades", "Grade {grade} from {start} is in the future",
                                         grade=spell.grade, start=fmt_date(spell.start))
        if spell.end and spell.end < spell.start:
            raise InvalidEntry("grades", "Grade {grade} ends before it starts",
                                         grade=spell.grade)
        if i and spell.start <= grades[i - 1].start:
            raise InvalidEntry("grades", "Grade {grade} from {start} must start after the "
                                         "grade before it (from {previous})",
                                         grade=spell.grade, start=fmt_date(spell.start),
                                         previous=fmt_date(grades[i - 1].start))
        if i and previous_end is None:
            raise InvalidEntry("grades", "Close each grade before the next one starts")
        if previous_end and spell.start < previous_end:
            raise InvalidEntry("grades", "Grade spans overlap")
        previous_end = spell.end


def check_serious(form: AeForm) -> None:
    """An SAE meets known criteria and has the moment the site knew (its clock's start)."""
    if not form.serious:
        return
    unknown = [c for c in form.sae_criteria if c not in SAE_CRITERIA]
    if not form.sae_criteria or unknown:
        raise InvalidEntry("sae_criteria", "A serious AE needs the SAE criteria it meets")
    if form.aware_at is None:
        raise InvalidEntry("aware_at", "When did the site become aware of the SAE? "
                           "(the 24-hour clock starts then)")
    if form.reported_at and form.reported_at < form.aware_at:
        raise InvalidEntry("reported_at", "The report is before the site knew of the SAE")


def check_choices(form: AeForm) -> None:
    """Relationship, action and outcome from their lists; a grade 5 AE is fatal."""
    for name, value, allowed in (("relationship", form.relationship, RELATIONSHIPS),
                                 ("action", form.action, ACTIONS),
                                 ("outcome", form.outcome, OUTCOMES)):
        if value is not None and value not in allowed:
            raise InvalidEntry(name, "{entry}: one of {allowed}",
                                     entry=name.capitalize(), allowed=', '.join(allowed))
    if worst_grade(form.grades) == 5 and form.outcome not in (None, "fatal"):
        raise InvalidEntry("outcome", "A grade 5 AE is fatal: outcome 'fatal'")


def check_ae(form: AeForm, entry: CtcaeEntry | None, today: date, consent: date | None,
             ctcae_version: str) -> None:
    """Every entry rule of an AE, in the order the dialog shows its fields."""
    check_text(form, entry)
    onset = check_dates(form, today, consent)
    check_grades(form.grades, onset, today, entry, ctcae_version)
    check_serious(form)
    check_choices(form)
