"""End of treatment, progression, death, withdrawal, loss to follow-up; survival contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.dates import fmt_date
from app.protocol import LAST_DOSE, Protocol
from app.services import calendar as cal
from app.services.conflicts import check_version, merged
from app.services.errors import InvalidEntry
from db import Database, ReasonRequired
from db.models import SurvivalContact

EOT_REASONS = ("progression", "toxicity", "withdrawal", "investigator decision", "death",
               "other")
CONTACT_METHODS = ("phone", "clinic", "records")
CONTACT_RESULTS = ("alive", "dead", "lost")


@dataclass
class DispositionForm:
    last_dose_date: date | None = None
    end_of_treatment_reason: str | None = None
    progression_date: date | None = None
    death_date: date | None = None
    death_cause: str | None = None
    withdrawal_date: date | None = None
    lost_to_follow_up_date: date | None = None
    new_therapy_date: date | None = None
    new_therapy: str | None = None


_DATE_FIELDS = {
    "last_dose_date": "Last dose", "progression_date": "Progression", "death_date": "Death",
    "withdrawal_date": "Withdrawal of consent", "lost_to_follow_up_date": "Lost to follow-up",
    "new_therapy_date": "New anticancer therapy",
}


def _check(form: DispositionForm, today: date) -> DispositionForm:
    f = DispositionForm(**form.__dict__)
    f.death_cause = (f.death_cause or "").strip() or None
    f.new_therapy = (f.new_therapy or "").strip() or None
    for name, label in _DATE_FIELDS.items():
        when = getattr(f, name)
        if when is not None and when > today:
            raise InvalidEntry(name, f"{label} date {fmt_date(when)} is in the future")
    if f.last_dose_date and f.end_of_treatment_reason not in EOT_REASONS:
        raise InvalidEntry("end_of_treatment_reason",
                           f"Why did treatment end? {', '.join(EOT_REASONS)}")
    if not f.last_dose_date:
        f.end_of_treatment_reason = None
    if f.death_date and not f.death_cause:
        raise InvalidEntry("death_cause", "Give the cause of death (or 'unknown')")
    if f.new_therapy_date and not f.new_therapy:
        raise InvalidEntry("new_therapy", "Name the new anticancer therapy")
    if f.last_dose_date and f.death_date and f.death_date < f.last_dose_date:
        raise InvalidEntry("death_date", f"Death {fmt_date(f.death_date)} is before the last "
                           f"dose ({fmt_date(f.last_dose_date)})")
    return f


def set_disposition(db: Database, protocol: Protocol, patient_id: int, form: DispositionForm,
                    today: date, reason: str | None = None, *,
                    base: DispositionForm | None = None, version: int | None = None) -> None:
    """Record how treatment and the study ended for this patient; the calendar follows.

    With `base` and `version` (what the dialog read) only the user's changes are written,
    and fields another user saved meanwhile are not overwritten (EditConflict).
    """
    try:
        with db.unit_of_work(reason=reason) as session:
            loaded = cal.load(session, patient_id)
            p = loaded.patient
            if base is not None:
                check_version(session, p, version, base.__dict__)
                stored = {k: getattr(p, k) for k in form.__dict__}
                form = DispositionForm(**merged(base.__dict__, form.__dict__, stored))
            clean = _check(form, today)
            first = cal.first_dose_of(p, loaded.records, protocol)
            if clean.last_dose_date and not cal.dosed_on(loaded.records, protocol):
                raise InvalidEntry("last_dose_date", "The first dose is not recorded yet: "
                                   f"record {protocol.first_dose_visit} first")
            if clean.last_dose_date and first and clean.last_dose_date < first:
                raise InvalidEntry("last_dose_date", f"Last dose {fmt_date(clean.last_dose_date)}"
                                   f" is before the first dose ({fmt_date(first)})")
            if clean.progression_date and first and clean.progression_date < first:
                raise InvalidEntry("progression_date", "Progression is before the first dose")
            visits = [r for r in loaded.records if r.outcome == "done" and r.actual_date]
            if clean.death_date and visits:
                last = max(visits, key=lambda r: r.actual_date)
                if clean.death_date < last.actual_date:
                    raise InvalidEntry("death_date", f"Death {fmt_date(clean.death_date)} is "
                                       f"before the last visit, {last.code} on "
                                       f"{fmt_date(last.actual_date)}")
            for c in loaded.contacts:
                if clean.death_date and c.contact_date > clean.death_date and c.result != "dead":
                    raise InvalidEntry("death_date", f"A survival contact on "
                                       f"{fmt_date(c.contact_date)} found the patient alive")
            for name in ("withdrawal_date", "lost_to_follow_up_date"):
                when = getattr(clean, name)
                if when and p.consent_date and when < p.consent_date:
                    raise InvalidEntry(name, f"{fmt_date(when)} is before consent")
            for key, value in clean.__dict__.items():
                if getattr(p, key) != value:
                    setattr(p, key, value)
            cal.rebuild(session, patient_id, protocol, today, field="last_dose_date")
    except ReasonRequired as exc:
        raise InvalidEntry("reason", f"Give a reason for changing saved data: {exc}") from None


@dataclass
class ContactForm:
    contact_date: date | None = None
    method: str | None = None
    result: str | None = None
    death_date: date | None = None
    death_cause: str | None = None
    subsequent_therapy: str | None = None
    comment: str | None = None


def add_survival_contact(db: Database, protocol: Protocol, patient_id: int, form: ContactForm,
                         today: date) -> int:
    """A survival follow-up contact; it completes the survival visit whose window holds it."""
    if form.contact_date is None:
        raise InvalidEntry("contact_date", "Give the date of the contact")
    if form.contact_date > today:
        raise InvalidEntry("contact_date", f"{fmt_date(form.contact_date)} is in the future")
    if form.method not in CONTACT_METHODS:
        raise InvalidEntry("method", f"How was the contact made? {', '.join(CONTACT_METHODS)}")
    if form.result not in CONTACT_RESULTS:
        raise InvalidEntry("result", f"Result: {', '.join(CONTACT_RESULTS)}")
    if form.result == "dead":
        if form.death_date is None:
            raise InvalidEntry("death_date", "Give the date of death")
        if form.death_date > form.contact_date:
            raise InvalidEntry("death_date", "The death date is after the contact")
        if not (form.death_cause or "").strip():
            raise InvalidEntry("death_cause", "Give the cause of death (or 'unknown')")
    with db.unit_of_work() as session:
        loaded = cal.load(session, patient_id)
        p = loaded.patient
        if p.last_dose_date is None:
            raise InvalidEntry("contact_date", "Survival follow-up starts after the last dose: "
                               "record the last dose first")
        if form.contact_date < p.last_dose_date:
            raise InvalidEntry("contact_date", f"{fmt_date(form.contact_date)} is before the "
                               f"last dose ({fmt_date(p.last_dose_date)})")
        if p.death_date and form.contact_date > p.death_date:
            raise InvalidEntry("contact_date", f"{fmt_date(form.contact_date)} is after the "
                               f"recorded death on {fmt_date(p.death_date)}")
        off_study = p.death_date or p.withdrawal_date or p.lost_to_follow_up_date
        if off_study and form.result == "alive":
            raise InvalidEntry("result", "The patient is already off study")
        calendar = cal.calendar_of(loaded, protocol, today, "contact_date")
        # contacts already made complete their visits: those have an actual date
        visit_code = cal.series_visit_at(calendar, protocol, LAST_DOSE, form.contact_date)
        contact = SurvivalContact(
            patient_id=patient_id, visit_code=visit_code, contact_date=form.contact_date,
            method=form.method, result=form.result,
            death_date=form.death_date if form.result == "dead" else None,
            subsequent_therapy=(form.subsequent_therapy or "").strip() or None,
            comment=(form.comment or "").strip() or None)
        session.add(contact)
        if form.result == "dead" and p.death_date is None:
            p.death_date, p.death_cause = form.death_date, form.death_cause.strip()
        if form.result == "lost" and p.lost_to_follow_up_date is None:
            p.lost_to_follow_up_date = form.contact_date
        session.flush()
        cal.rebuild(session, patient_id, protocol, today, field="contact_date")
        return contact.id
