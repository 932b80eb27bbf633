"""How treatment and the study ended, and survival contacts: checked against the record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from app.errors import InvalidEntry
from app.rules.dates import fmt_date


class EndOfTreatmentReason(StrEnum):
    """Why study treatment ended (the CDISC disposition terms a sponsor's EDC asks for)."""

    ADVERSE_EVENT = "adverse event"
    PROGRESSION = "progression"
    COMPLETED = "completed"
    PATIENT_DECISION = "patient decision"
    PHYSICIAN_DECISION = "physician decision"
    WITHDRAWAL = "withdrawal"
    DEATH = "death"
    OTHER = "other"
    # words of earlier releases, still read from saved records, no longer offered
    TOXICITY = "toxicity"
    INVESTIGATOR_DECISION = "investigator decision"


class ContactMethod(StrEnum):
    PHONE = "phone"
    CLINIC = "clinic"
    RECORDS = "records"


class ContactResult(StrEnum):
    ALIVE = "alive"
    DEAD = "dead"
    LOST = "lost"


EOT_REASONS = tuple(EndOfTreatmentReason)
#: the reasons offered for a new end of treatment (the older words stay valid when saved)
EOT_CHOICES = tuple(r for r in EndOfTreatmentReason
                    if r not in (EndOfTreatmentReason.TOXICITY,
                                 EndOfTreatmentReason.INVESTIGATOR_DECISION))

CONTACT_METHODS = tuple(ContactMethod)
CONTACT_RESULTS = tuple(ContactResult)

DATE_FIELDS = {
    "last_dose_date": "Last dose", "progression_date": "Progression", "death_date": "Death",
    "withdrawal_date": "Withdrawal of consent", "lost_to_follow_up_date": "Lost to follow-up",
    "new_therapy_date": "New anticancer therapy",
}


@dataclass(kw_only=True)
class DispositionForm:
    last_dose_date: date | None = None
    end_of_treatment_reason: str | None = None
    progression_date: date | None = None
    death_date: date | None = None
    #: the death date as entered when partial ("UN-JAN-2026"): `death_date` is imputed
    death_partial: str | None = None
    death_cause: str | None = None
    withdrawal_date: date | None = None
    lost_to_follow_up_date: date | None = None
    new_therapy_date: date | None = None
    new_therapy: str | None = None


@dataclass(kw_only=True)
class ContactForm:
    contact_date: date | None = None
    method: str | None = None
    result: str | None = None
    death_date: date | None = None
    death_cause: str | None = None
    subsequent_therapy: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Record:
    """What the disposition is checked against: the patient's dates and what was done."""

    consent: date | None
    first_dose: date | None
    dosed: bool
    last_visit: tuple[str, date] | None  # the latest visit done: (code, date)
    alive_contacts: Sequence[date] = ()  # survival contacts that found the patient alive
    first_dose_visit: str = "the first dose"


def check_disposition(form: DispositionForm, today: date) -> DispositionForm:
    """The form alone: no future dates, a reason for ending, a cause for a death."""
    f = replace(form, death_cause=(form.death_cause or "").strip() or None,
                new_therapy=(form.new_therapy or "").strip() or None)
    for name, label in DATE_FIELDS.items():
        when = getattr(f, name)
        if when is not None and when > today:
            raise InvalidEntry(name, "{label} date {when} is in the future",
                                     label=label, when=fmt_date(when))
    if f.last_dose_date and f.end_of_treatment_reason not in EOT_REASONS:
        raise InvalidEntry("end_of_treatment_reason",
                           "Choose why treatment ended: "
                           + ", ".join(r.capitalize() for r in EOT_CHOICES))
    if not f.last_dose_date:
        f.end_of_treatment_reason = None
    if f.death_date and not f.death_cause:
        raise InvalidEntry("death_cause", "Give the cause of death (or 'unknown')")
    if f.new_therapy_date and not f.new_therapy:
        raise InvalidEntry("new_therapy", "Name the new anticancer therapy")
    if f.last_dose_date and f.death_date and f.death_date < f.last_dose_date:
        raise InvalidEntry("death_date", "Death {death_date} is before the last dose "
                                         "({last_dose_date})",
                                         death_date=fmt_date(f.death_date),
                                         last_dose_date=fmt_date(f.last_dose_date))
    return f


def check_against_record(f: DispositionForm, record: Record) -> None:
    """The disposition against what the record already says happened."""
    if f.last_dose_date and not record.dosed:
        raise InvalidEntry("last_dose_date", "The first dose is not recorded yet: record "
                                             "{first_dose_visit} first",
                                             first_dose_visit=record.first_dose_visit)
    first = record.first_dose
    if f.last_dose_date and first and f.last_dose_date < first:
        raise InvalidEntry("last_dose_date", "Last dose {last_dose_date} is before the first "
                                             "dose ({first})",
                                             last_dose_date=fmt_date(f.last_dose_date),
                                             first=fmt_date(first))
    if f.progression_date and first and f.progression_date < first:
        raise InvalidEntry("progression_date", "Progression is before the first dose")
    if f.death_date and record.last_visit and f.death_date < record.last_visit[1]:
        code, when = record.last_visit
        raise InvalidEntry("death_date", "Death {death_date} is before the last visit, {code} on "
                                         "{when}",
                                         death_date=fmt_date(f.death_date), code=code,
                                         when=fmt_date(when))
    for seen in record.alive_contacts:
        if f.death_date and seen > f.death_date:
            raise InvalidEntry("death_date", "A survival contact on {seen} found the patient "
                                             "alive",
                                             seen=fmt_date(seen))
    for name in ("withdrawal_date", "lost_to_follow_up_date"):
        when = getattr(f, name)
        if when and record.consent and when < record.consent:
            raise InvalidEntry(name, "{when} is before consent",
                                     when=fmt_date(when))


def check_contact(form: ContactForm, today: date) -> date:
    """The contact alone: when, how, what was found; the contact date."""
    if form.contact_date is None:
        raise InvalidEntry("contact_date", "Give the date of the contact")
    if form.contact_date > today:
        raise InvalidEntry("contact_date", "{contact_date} is in the future",
                                           contact_date=fmt_date(form.contact_date))
    if form.method not in CONTACT_METHODS:
        raise InvalidEntry("method", "How was the contact made? {CONTACT_METHODS}",
                                     CONTACT_METHODS=', '.join(CONTACT_METHODS))
    if form.result not in CONTACT_RESULTS:
        raise InvalidEntry("result", "Result: {CONTACT_RESULTS}",
                                     CONTACT_RESULTS=', '.join(CONTACT_RESULTS))
    if form.result == "dead":
        if form.death_date is None:
            raise InvalidEntry("death_date", "Give the date of death")
        if form.death_date > form.contact_date:
            raise InvalidEntry("death_date", "The death date is after the contact")
        if not (form.death_cause or "").strip():
            raise InvalidEntry("death_cause", "Give the cause of death (or 'unknown')")
    return form.contact_date


def check_contact_timing(when: date, result: str | None, last_dose: date | None,
                         death: date | None, off_study: date | None) -> None:
    """Survival follow-up: after the last dose, not after a death, not once off study."""
    if last_dose is None:
        raise InvalidEntry("contact_date", "Survival follow-up starts after the last dose: "
                           "record the last dose first")
    if when < last_dose:
        raise InvalidEntry("contact_date", "{when} is before the last dose ({last_dose})",
                                           when=fmt_date(when), last_dose=fmt_date(last_dose))
    if death and when > death:
        raise InvalidEntry("contact_date", "{when} is after the recorded death on {death}",
                                           when=fmt_date(when), death=fmt_date(death))
    if off_study and result == "alive":
        raise InvalidEntry("result", "The patient is already off study")
