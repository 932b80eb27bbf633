"""End of treatment, progression, death, withdrawal, loss to follow-up; survival contacts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidEntry
from app.rules.calendar import MISSED, OPEN, OVERDUE, PLANNED, Calendar
from app.rules.dates import fmt_date
from app.rules.entry.disposition import (
    CONTACT_METHODS,
    CONTACT_RESULTS,
    EOT_CHOICES,
    EOT_REASONS,
    ContactForm,
    DispositionForm,
    Record,
    check_against_record,
    check_contact,
    check_contact_timing,
    check_disposition,
)
from app.rules.partial_dates import PartialDate, impute_death, parse_partial
from app.rules.protocol import LAST_DOSE, Protocol
from app.services import calendar as cal
from app.services.changes import reason_needed, set_changed
from app.services.conflicts import check_version, merged
from app.services.errors import EditConflict
from db import Database
from db.models import CalendarVisit, Patient, SurvivalContact, VisitRecord

#: the reasons offered for the visits never recorded when treatment or the study ends
NOT_DONE_REASONS = ("ended treatment", "off study", "patient did not attend",
                    "data not available")


@dataclass(frozen=True)
class OpenVisit:
    """A visit whose window has closed with nothing recorded: offered to be marked not done
    when treatment or the study ends."""

    code: str
    label: str
    earliest: date
    latest: date
    target: date


@dataclass(frozen=True)
class NotDone:
    """The open past visits the user marks not done (missed) in the disposition's save."""

    codes: frozenset[str]
    reason: str


class CancelsBookedVisits(InvalidEntry):
    """The disposition would cancel visits the site has booked: saved only when the user
    says so (`cancel_booked=True`), never silently."""

    def __init__(self, visits: list[tuple[str, date]]) -> None:
        listed = ", ".join(f"{code} ({fmt_date(when)})" for code, when in visits)
        if len(visits) == 1:
            super().__init__("last_dose_date", "This cancels the booked visit {listed}",
                             listed=listed)
        else:
            super().__init__("last_dose_date", "This cancels {n} booked visits: {listed}",
                             n=len(visits), listed=listed)
        self.visits = visits


def _booked_open(session: Session, patient_id: int) -> dict[str, date]:
    """The patient's visits booked and not yet done or cancelled."""
    rows = session.execute(
        select(CalendarVisit.code, CalendarVisit.booked_date).where(
            CalendarVisit.patient_id == patient_id, CalendarVisit.booked_date.is_not(None),
            CalendarVisit.actual.is_(None), CalendarVisit.state != "cancelled"))
    return {code: booked for code, booked in rows if booked is not None}


def _facts_changes(form: DispositionForm, dosed: bool, screen_fail: date | None
                   ) -> dict[str, Any]:
    """The disposition's dates as the calendar engine reads them."""
    return {"last_dose": form.last_dose_date, "progression": form.progression_date,
            "new_anticancer_therapy": form.new_therapy_date,
            "lost_to_follow_up": form.lost_to_follow_up_date, "death": form.death_date,
            "withdrawal": form.withdrawal_date,
            "screening_ended": screen_fail or (None if dosed else form.withdrawal_date)}


def _open_past(calendar: Calendar | None, off_study: bool) -> list[OpenVisit]:
    """The visits left open whose window has closed (overdue), by date; off study, every
    visit left open (nothing is due any more: a loss to follow-up leaves a visit whose
    target came before it open)."""
    left = (OVERDUE, OPEN, PLANNED) if off_study else (OVERDUE,)
    return [OpenVisit(v.code, v.label, v.earliest, v.latest, v.target)
            for v in (calendar.visits if calendar else ()) if v.status in left]


def open_past_visits(db: Database, protocol: Protocol, patient_id: int, form: DispositionForm,
                     today: date) -> list[OpenVisit]:
    """The visits that would stay overdue once this disposition is saved: the dialog lists
    them to be marked not done in the same save. Nothing is written."""
    with db.reading() as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol
        p = loaded.patient
        done = [r.actual_date for r in loaded.records
                if r.outcome == "done" and r.actual_date is not None]
        alive = [c.contact_date for c in loaded.contacts if c.result != "dead"] + (
            [form.last_dose_date] if form.last_dose_date else [])
        form = impute_death_date(form, today, max(done + alive, default=None))
        dosed = cal.dosed_on(loaded.records, protocol) is not None
        off = any((form.death_date, form.withdrawal_date, form.lost_to_follow_up_date))
        return _open_past(cal.calendar_of(loaded, protocol, today, "last_dose_date",
                                          _facts_changes(form, dosed, p.screen_fail_date)),
                          off)


def open_past_visits_after_contact(db: Database, protocol: Protocol, patient_id: int,
                                   form: ContactForm, today: date) -> list[OpenVisit]:
    """The visits a new contact that found the patient dead or lost would leave overdue
    (the survival visit it completes left out). Nothing is written."""
    if form.result not in ("dead", "lost") or form.contact_date is None:
        return []
    with db.reading() as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol
        p = loaded.patient
        changes: dict[str, Any] = (
            {"death": p.death_date or form.death_date} if form.result == "dead"
            else {"lost_to_follow_up": p.lost_to_follow_up_date or form.contact_date})
        calendar = cal.calendar_of(loaded, protocol, today, "contact_date", changes)
        made = cal.series_visit_at(calendar, protocol, LAST_DOSE, form.contact_date)
        off = all(v is not None for v in changes.values())  # a death without its date: not yet
        return [v for v in _open_past(calendar, off) if v.code != made]


def _mark_not_done(session: Session, patient_id: int, calendar: Calendar | None,
                   not_done: NotDone) -> bool:
    """The chosen visits still open in the new calendar recorded as not done (missed), with
    the reason given; a record booked for one keeps its booking."""
    reason = " ".join(not_done.reason.split())
    patient = session.get(Patient, patient_id)
    off = patient is not None and patient.status == cal.OFF_STUDY
    left = {v.code for v in _open_past(calendar, off)} & not_done.codes
    if not left:
        return False
    if not reason:
        raise InvalidEntry("not_done_reason", "Give the reason the visits were not done")
    records = {r.code: r for r in session.scalars(select(VisitRecord).where(
        VisitRecord.patient_id == patient_id, VisitRecord.code.in_(left),
        VisitRecord.unscheduled.is_(False), cal.live(VisitRecord)))}
    for code in sorted(left):
        record = records.get(code)
        if record is None:
            record = VisitRecord(patient_id=patient_id, code=code, unscheduled=False)
            session.add(record)
        set_changed(record, {"outcome": MISSED, "missed_reason": reason})
    return True


def impute_death_date(form: DispositionForm, today: date, last_alive: date | None
                      ) -> DispositionForm:
    """A death date known in part kept as entered, with the date the rules read imputed
    (its first possible day, not before the patient was last known alive)."""
    if not form.death_partial:
        return replace(form, death_partial=None)
    try:
        parsed = parse_partial(form.death_partial)
    except ValueError as exc:
        raise InvalidEntry("death_date", str(exc)) from None
    if not isinstance(parsed, PartialDate):
        return replace(form, death_date=parsed, death_partial=None)
    if parsed.earliest > today:
        raise InvalidEntry("death_date", "Death {text} is in the future",
                                         text=parsed.text)
    return replace(form, death_date=impute_death(parsed, last_alive),
                   death_partial=parsed.text)


def set_disposition(db: Database, protocol: Protocol, patient_id: int, form: DispositionForm,
                    today: date, reason: str | None = None, *,
                    base: DispositionForm | None = None, version: int | None = None,
                    cancel_booked: bool = False, not_done: NotDone | None = None) -> None:
    """Record how treatment and the study ended for this patient; the calendar follows.

    With `not_done`, the visits it names that the new calendar leaves overdue (their window
    closed, nothing recorded) are recorded not done, missed for its reason, in the same save.

    With `base` and `version` (what the dialog read) only the user's changes are written,
    and fields another user saved meanwhile are not overwritten (EditConflict). Visits
    the site booked that the new calendar cancels are refused (CancelsBookedVisits, nothing
    saved) unless `cancel_booked`.
    """
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        p = loaded.patient
        if base is not None:
            check_version(session, p, version, base.__dict__)
            stored = {k: getattr(p, k) for k in form.__dict__}
            form = DispositionForm(**merged(base.__dict__, form.__dict__, stored))
        done = [(r.actual_date, r.code) for r in loaded.records
                if r.outcome == "done" and r.actual_date is not None]
        last = max(done) if done else None
        alive = [c.contact_date for c in loaded.contacts if c.result != "dead"] + (
            [form.last_dose_date] if form.last_dose_date else [])  # alive at the last dose
        form = impute_death_date(form, today, max([d for d, _c in done] + alive, default=None))
        clean = check_disposition(form, today)
        check_against_record(clean, Record(
            consent=p.consent_date, first_dose=cal.first_dose_of(p, loaded.records, protocol),
            dosed=cal.dosed_on(loaded.records, protocol) is not None,
            last_visit=(last[1], last[0]) if last else None,
            alive_contacts=[c.contact_date for c in loaded.contacts if c.result != "dead"],
            first_dose_visit=protocol.first_dose_visit))
        set_changed(p, clean.__dict__)
        booked = _booked_open(session, patient_id)
        calendar = cal.rebuild(session, patient_id, today, field="last_dose_date")
        if not_done is not None and _mark_not_done(session, patient_id, calendar, not_done):
            cal.rebuild(session, patient_id, today, field="last_dose_date")
        still = _booked_open(session, patient_id)
        cancelled = sorted(((c, d) for c, d in booked.items() if c not in still),
                           key=lambda v: (v[1], v[0]))
        if cancelled and not cancel_booked:
            raise CancelsBookedVisits(cancelled)  # rolls the whole save back


def add_survival_contact(db: Database, protocol: Protocol, patient_id: int, form: ContactForm,
                         today: date, not_done: NotDone | None = None) -> int:
    """A survival follow-up contact; it completes the survival visit whose window holds it.
    With `not_done`, the visits it names left overdue are recorded not done (missed) in the
    same save (a contact that found the patient dead or lost ends the study)."""
    when = check_contact(form, today)
    with db.unit_of_work() as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        p = loaded.patient
        check_contact_timing(when, form.result, p.last_dose_date, p.death_date,
                             p.death_date or p.withdrawal_date or p.lost_to_follow_up_date)
        calendar = cal.calendar_of(loaded, protocol, today, "contact_date")
        # contacts already made complete their visits: those have an actual date
        visit_code = cal.series_visit_at(calendar, protocol, LAST_DOSE, when)
        contact = SurvivalContact(
            patient_id=patient_id, visit_code=visit_code, contact_date=when,
            method=form.method, result=form.result,
            death_date=form.death_date if form.result == "dead" else None,
            subsequent_therapy=(form.subsequent_therapy or "").strip() or None,
            comment=(form.comment or "").strip() or None)
        session.add(contact)
        if form.result == "dead" and p.death_date is None:
            p.death_date, p.death_cause = form.death_date, (form.death_cause or "").strip()
        if form.result == "lost" and p.lost_to_follow_up_date is None:
            p.lost_to_follow_up_date = form.contact_date
        session.flush()
        calendar = cal.rebuild(session, patient_id, today, field="contact_date")
        if not_done is not None and _mark_not_done(session, patient_id, calendar, not_done):
            cal.rebuild(session, patient_id, today, field="contact_date")
        return contact.id


def update_survival_contact(db: Database, protocol: Protocol, patient_id: int, contact_id: int,
                            form: ContactForm, today: date, reason: str | None,
                            version: int | None = None) -> None:
    """Correct a saved contact (with a reason). A contact's result of a death or a loss to
    follow-up is the patient's end of study: that is corrected under End of treatment."""
    when = check_contact(form, today)
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        contact = next((c for c in loaded.contacts if c.id == contact_id), None)
        if contact is None:
            raise InvalidEntry("contact_date", "This survival contact is no longer on record")
        if version is not None and contact.version != version:
            raise EditConflict("Saved by someone else while you were editing: close the "
                               "window and open the contact again", field="contact_date",
                               current_version=contact.version)
        if form.result != contact.result:  # a death or a loss ends the study: not here
            raise InvalidEntry("result", "A contact's result is not changed once saved: a "
                               "death or a loss to follow-up is corrected under End of "
                               "treatment, a contact entered in error is marked so")
        p = loaded.patient
        check_contact_timing(when, form.result, p.last_dose_date, p.death_date,
                             p.death_date or p.withdrawal_date or p.lost_to_follow_up_date)
        contact.visit_code = None  # found again below, from the corrected date
        session.flush()
        loaded = cal.load(session, patient_id, protocol)
        calendar = cal.calendar_of(loaded, protocol, today, "contact_date")
        set_changed(contact, {
            "contact_date": when, "method": form.method,
            "visit_code": cal.series_visit_at(calendar, protocol, LAST_DOSE, when),
            "subsequent_therapy": (form.subsequent_therapy or "").strip() or None,
            "comment": (form.comment or "").strip() or None})
        session.flush()
        cal.rebuild(session, patient_id, today, field="contact_date")


__all__ = [
    "CONTACT_METHODS",
    "CONTACT_RESULTS",
    "EOT_CHOICES",
    "EOT_REASONS",
    "NOT_DONE_REASONS",
    "CancelsBookedVisits",
    "ContactForm",
    "DispositionForm",
    "NotDone",
    "OpenVisit",
    "add_survival_contact",
    "open_past_visits",
    "open_past_visits_after_contact",
    "set_disposition",
    "update_survival_contact",
]
