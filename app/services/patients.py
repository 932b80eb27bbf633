"""Enrolment, screen failure and one patient's page (the list of patients:
app/services/patient_list.py, re-exported here)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.rules.calendar import CANCELLED, DONE
from app.rules.entry.disposition import ContactForm
from app.rules.entry.enrolment import SEXES, EnrolmentForm, check_enrolment
from app.rules.entry.visits import VisitEntry
from app.rules.first_dose import day_one_visit, left_study_on, study_day_shown
from app.rules.patient_actions import (
    PatientActions,
    patient_actions,
    visit_cancelled,
    visit_to_do,
    visit_to_record,
)
from app.rules.patient_record import (
    check_corrected_subject,
    check_new_subject,
    check_screen_failure,
    one_study_of,
)
from app.rules.protocol import Protocol
from app.rules.statuses import day_status, status_word
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.changes import delegated, reason_needed, set_changed
from app.services.conflicts import check_version, merged
from app.services.escalation import place_patient
from app.services.patient_list import PatientRow, list_patients
from app.services.studies import study_id_of
from db import Database
from db.models import CalendarVisit, Patient, VisitRecord
from db.studies import Study


@attempt("enrol a patient")
@delegated("enrolment")
def enrol(db: Database, protocol: Protocol, form: EnrolmentForm, today: date) -> int:
    """Enrol a consented patient; the calendar is built at once if the first dose is planned."""
    clean = check_enrolment(form, protocol, today)
    with db.unit_of_work() as session:
        study_id = study_id_of(session, protocol)
        taken = session.scalar(select(Patient.id).where(
            func.upper(Patient.subject_id) == clean.subject_id, Patient.study_id == study_id))
        check_new_subject(clean.subject_id, taken is not None, protocol.code)
        clean = replace(clean, dose_level=place_patient(
            session, study_id, protocol, clean.part or 0, clean.dose_level, clean.cohort,
            enrolled=clean.consent_date))
        patient = Patient(study_id=study_id, **clean.__dict__)
        session.add(patient)
        session.flush()
        screening_done(session, protocol, patient.id, [], None, clean.screening_date)
        cal.rebuild(session, patient.id, today, field="planned_first_dose")
        return patient.id


def screening_done(session: Session, protocol: Protocol, patient_id: int,
                   records: list[VisitRecord], before: date | None, when: date | None) -> None:
    """The screening date of the enrolment form is the screening visit's: done on that
    date, in the same save (so audited with it). A changed date moves the visit recorded
    from the old one (or not yet done); a screening visit recorded on a date of its own is
    left as the nurse recorded it."""
    code = next((v.code for v in protocol.visits if v.kind == "screening"), None)
    if when is None or code is None:
        return
    record = next((r for r in records if r.code == code and not r.unscheduled), None)
    if record is None:
        session.add(VisitRecord(patient_id=patient_id, code=code, unscheduled=False,
                                outcome=DONE, actual_date=when))
    elif record.outcome is None or (record.outcome == DONE and record.actual_date == before):
        set_changed(record, {"outcome": DONE, "actual_date": when, "missed_reason": None})


@attempt("correct the patient record of {subject}")
def update_patient(db: Database, protocol: Protocol, patient_id: int, form: EnrolmentForm,
                   today: date, reason: str | None = None, *,
                   base: EnrolmentForm | None = None, version: int | None = None) -> None:
    """Correct enrolment data; a changed saved value needs a reason (audit trail).

    With `base` and `version` (what the dialog read) only the user's changes are written.
    """
    with reason_needed("Give a reason for the change"), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        if base is not None:
            check_version(session, loaded.patient, version, base.__dict__)
            stored = {k: getattr(loaded.patient, k) for k in form.__dict__}
            form = EnrolmentForm(**merged(base.__dict__, form.__dict__, stored))
        clean = check_enrolment(form, protocol, today)
        taken = session.scalar(select(Patient.id).where(
            func.upper(Patient.subject_id) == clean.subject_id, Patient.id != patient_id,
            Patient.study_id == loaded.patient.study_id))
        check_corrected_subject(clean.subject_id, taken is not None, clean.consent_date,
                                cal.dosed_on(loaded.records, protocol))
        p = loaded.patient
        if (clean.part, clean.cohort) == (p.part, p.cohort) and \
                (clean.cohort is not None or clean.dose_level == p.dose_level):
            clean = replace(clean, dose_level=p.dose_level)  # the level placed at enrolment
        else:
            clean = replace(clean, dose_level=place_patient(
                session, p.study_id, protocol, clean.part or 0, clean.dose_level,
                clean.cohort, patient_id, enrolled=clean.consent_date))
        before = p.screening_date
        set_changed(p, clean.__dict__)
        if clean.screening_date != before:
            screening_done(session, protocol, patient_id, loaded.records, before,
                           clean.screening_date)
        cal.rebuild(session, patient_id, today, field="planned_first_dose")


def record_screen_failure(db: Database, protocol: Protocol, patient_id: int, when: date,
                          why: str, today: date) -> None:
    """A consented patient who will never be dosed: kept on record, with the reason."""
    with db.unit_of_work() as session:
        loaded = cal.load(session, patient_id, protocol)
        p = loaded.patient
        why = check_screen_failure(why, when, today,
                                   cal.dosed_on(loaded.records, loaded.protocol) is not None,
                                   p.consent_date)
        p.screen_fail_date, p.screen_fail_reason = when, why
        cal.rebuild(session, patient_id, today, field="screen_fail_date")


# --- reading ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CalendarRow:
    code: str
    label: str
    kind: str
    cycle: int | None
    target: date
    earliest: date
    latest: date
    status: str
    actual: date | None
    booked_date: date | None
    booked_time: time | None
    reason: str | None
    protocol_version: str | None = None  # the version of the protocol that made the visit

    @property
    def cancelled(self) -> bool:
        return visit_cancelled(self.status)

    @property
    def to_do(self) -> bool:
        """Planned, open or overdue: still to do."""
        return visit_to_do(self.status)


@dataclass(frozen=True)
class RecordView:
    code: str
    unscheduled: bool
    unscheduled_reason: str | None
    booked_date: date | None
    booked_time: time | None
    booking_reason: str | None
    outcome: str | None
    actual_date: date | None
    actual_time: time | None
    missed_reason: str | None
    delay_days: int | None
    delay_reason: str | None
    dose_level: str | None
    dose_action: str | None
    comment: str | None
    version: int = 0  # the record's version when read: a save from an older copy is refused
    id: int | None = None  # the stored record's (its History…)

    def entry(self) -> VisitEntry:
        """The record as the visit dialog holds it (what a save compares against)."""
        return VisitEntry(
            booked_date=self.booked_date, booked_time=self.booked_time,
            booking_reason=self.booking_reason, outcome=self.outcome,
            actual_date=self.actual_date, actual_time=self.actual_time,
            missed_reason=self.missed_reason, delay_days=self.delay_days,
            delay_reason=self.delay_reason, dose_level=self.dose_level,
            dose_action=self.dose_action, comment=self.comment)


@dataclass(frozen=True)
class ContactView:
    id: int
    contact_date: date
    method: str
    result: str
    death_date: date | None
    subsequent_therapy: str | None
    visit_code: str | None
    comment: str | None = None
    version: int = 0  # when read: a correction from an older copy is refused
    removed_reason: str | None = None  # entered in error: why (shown struck through)

    def form(self) -> ContactForm:
        """The contact as its dialog holds it (to correct it)."""
        return ContactForm(contact_date=self.contact_date, method=self.method,
                           result=self.result, death_date=self.death_date,
                           subsequent_therapy=self.subsequent_therapy, comment=self.comment)


@dataclass(frozen=True)
class PatientPage:
    id: int
    form: EnrolmentForm
    status: str
    first_dose: date | None
    days_on_study: int | None  # the Study Day (Day 1 = C1D1, no Day 0) once dosed
    calendar: list[CalendarRow]
    records: dict[str, RecordView]
    contacts: list[ContactView]
    screen_fail_date: date | None = None
    screen_fail_reason: str | None = None
    disposition: dict[str, object] = field(default_factory=dict)
    version: int = 0  # the patient record's, when read
    study: str = ""  # the study's code
    protocol_version: str = ""  # the version of its protocol the patient follows now
    #: the study's amendments after that version: the patient has yet to re-consent to them
    amendments_to_consent: tuple[str, ...] = ()
    #: dose reductions and re-escalations (from, to level), from the Dosing tab
    level_changes: tuple[tuple[date, str], ...] = ()
    left_study: date | None = None  # off study: the day they left (death, withdrawal, lost)

    @property
    def status_text(self) -> str:
        return status_word(self.status)

    @property
    def may(self) -> PatientActions:
        """What the patient's status allows the site to record next."""
        return patient_actions(self.status, bool(self.disposition.get("last_dose_date")))

    @property
    def visit_to_record(self) -> str | None:
        """The calendar visit to record when none is chosen: the first open or overdue."""
        return visit_to_record((r.code, r.status) for r in self.calendar)

    @property
    def current_dose_level(self) -> str | None:
        """The dose level the patient takes now: the one given at the latest dosing visit
        done or set by the latest dose modification, else the one they were enrolled at
        (offered as the dose of the next visit)."""
        given = sorted([(r.actual_date, 0, r.dose_level) for r in self.records.values()
                        if r.outcome == "done" and r.actual_date and r.dose_level]
                       + [(day, 1, level) for day, level in self.level_changes])
        return given[-1][2] if given else self.form.dose_level

    @property
    def unscheduled(self) -> list[RecordView]:
        return [r for r in self.records.values() if r.unscheduled]


DISPOSITION_FIELDS = ("last_dose_date", "end_of_treatment_reason", "progression_date",
                      "death_date", "death_partial", "death_cause", "withdrawal_date",
                      "lost_to_follow_up_date", "new_therapy_date", "new_therapy")


def patient_page(db: Database, protocol: Protocol, patient_id: int, today: date) -> PatientPage:
    """Everything the patient page shows, read in one short transaction."""
    with db.reading() as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        p = loaded.patient
        rows = session.execute(
            select(CalendarVisit.code, CalendarVisit.label, CalendarVisit.kind,
                   CalendarVisit.cycle, CalendarVisit.target, CalendarVisit.earliest,
                   CalendarVisit.latest, CalendarVisit.state, CalendarVisit.actual,
                   CalendarVisit.booked_date, CalendarVisit.booked_time, CalendarVisit.reason,
                   CalendarVisit.protocol_version)
            .where(CalendarVisit.patient_id == patient_id)
            .order_by(CalendarVisit.target, CalendarVisit.code)).all()
        form = EnrolmentForm(
            subject_id=p.subject_id, initials=p.initials, year_of_birth=p.year_of_birth,
            sex=p.sex, part=p.part, dose_level=p.dose_level, cohort=p.cohort,
            consent_date=p.consent_date, screening_date=p.screening_date,
            planned_first_dose=p.planned_first_dose)
        first = cal.dosed_on(loaded.records, protocol)
        records = {r.code: RecordView(
            r.code, r.unscheduled, r.unscheduled_reason, r.booked_date, r.booked_time,
            r.booking_reason, r.outcome, r.actual_date, r.actual_time, r.missed_reason,
            r.delay_days, r.delay_reason, r.dose_level, r.dose_action, r.comment, r.version,
            r.id)
            for r in loaded.records}
        contacts = [ContactView(c.id, c.contact_date, c.method, c.result, c.death_date,
                                c.subsequent_therapy, c.visit_code, c.comment, c.version)
                    for c in loaded.contacts]
        disposition = {k: getattr(p, k) for k in DISPOSITION_FIELDS}
        status = p.status
        sf_date, sf_reason = p.screen_fail_date, p.screen_fail_reason
        version = p.version
        study = session.get_one(Study, p.study_id).code
        follows = loaded.protocol.version
        loaded_protocol = loaded.protocol
        current = loaded.follows.in_force()
        later = tuple(v.label for v in loaded.follows.versions if v.id > current.id)
        changes = loaded.level_changes
    calendar = [CalendarRow(code, label, kind, cycle, target, earliest, latest,
                            day_status(state, earliest, latest, today), actual, bd, bt,
                            reason, made_by)
                for code, label, kind, cycle, target, earliest, latest, state, actual, bd, bt,
                reason, made_by in rows]
    left = left_study_on(*(d if isinstance(d := disposition.get(k), date) else None
                           for k in ("death_date", "withdrawal_date", "lost_to_follow_up_date")))
    one = next((r.actual or r.target for r in calendar
                if r.code == day_one_visit(loaded_protocol)), None)
    days = study_day_shown(today, one, left) if first and one else None
    return PatientPage(patient_id, form, status, first, days, calendar, records, contacts,
                       sf_date, sf_reason, disposition, version, study, follows, later,
                       changes, left)


def find_patient(db: Database, subject_id: str, study: str | None = None) -> int | None:
    """The patient with this subject ID (in `study`, a study code, when given). A subject
    ID used in two studies needs the study named."""
    with db.reading() as session:
        stmt = select(Patient.id, Study.code).join(Study, Study.id == Patient.study_id).where(
            func.upper(Patient.subject_id) == subject_id.strip().upper(), cal.live(Patient))
        if study:
            stmt = stmt.where(func.upper(Study.code) == study.strip().upper())
        found = session.execute(stmt).all()
    one_study_of(subject_id, [c for _, c in found])
    return found[0][0] if found else None


from app.services.history import patient_history  # noqa: E402  (its home is history)

__all__ = ["CANCELLED", "SEXES", "EnrolmentForm", "PatientPage", "PatientRow", "enrol",
           "list_patients", "patient_history", "patient_page", "record_screen_failure",
           "update_patient"]
