"""From stored records to the engine's facts, and the engine's calendar back to storage.

The calendar is rebuilt whole by the engine after every change, never patched by hand.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NoReturn

from sqlalchemy import ColumnElement, delete, insert, select
from sqlalchemy.orm import Session

from app.rules import statuses
from app.rules.accounts import Role, may
from app.rules.calendar import (
    DONE,
    MISSED,
    Calendar,
    CycleDelay,
    PatientFacts,
    ScheduleError,
    build_calendar,
)
from app.rules.dosing import HOLD, Modification, delays_from_holds
from app.rules.first_dose import calendar_anchor, first_dose_date
from app.rules.patient_record import check_in_study
from app.rules.protocol import Protocol
from app.rules.refusals import on_field
from app.rules.statuses import (
    PENDING,
    PatientStatus,
    stored_state,
)
from app.services.errors import NotAllowed, NotFound
from app.services.patient_rows import patient_rows
from app.services.studies import Following, following, read_patient
from db.access import ALL_STUDIES, STUDIES
from db.dosing import DoseModification
from db.models import CalendarVisit, Patient, SurvivalContact, TumourAssessment, VisitRecord
from db.studies import Study

SCREENING, SCREEN_FAILED, ON_TREATMENT, FOLLOW_UP, OFF_STUDY = tuple(PatientStatus)


def live(model: Any) -> ColumnElement[bool]:
    """Rows not marked deleted (any clinical table: they all mix in SoftDelete)."""
    column: ColumnElement[Any] = model.deleted_at
    return column.is_(None)


def done_visits(records: Sequence[VisitRecord]) -> dict[str, date]:
    """The calendar visits recorded done, by code (unscheduled visits left out)."""
    return {r.code: r.actual_date for r in records
            if r.outcome == DONE and r.actual_date and not r.unscheduled}


def dosed_on(records: Sequence[VisitRecord], protocol: Protocol) -> date | None:
    """The date of the actual first dose (the first dosing visit done), or None: not dosed."""
    return first_dose_date(protocol, done_visits(records))


def first_doses(session: Session, protocols: Mapping[int, Protocol],
                only: Collection[int] | None = None) -> dict[int, date]:
    """Each dosed patient's first dose (of the patients `only`, when given), in one query;
    `protocols` says which protocol each patient follows (which visits are doses)."""
    if only is not None and not only:
        return {}
    stmt = select(VisitRecord.patient_id, VisitRecord.code, VisitRecord.actual_date).where(
        VisitRecord.outcome == DONE, VisitRecord.actual_date.is_not(None),
        VisitRecord.unscheduled.is_(False), live(VisitRecord))
    if only is not None:
        stmt = stmt.where(VisitRecord.patient_id.in_(list(only)))
    dosing: dict[tuple[int, str], bool] = {}
    out: dict[int, date] = {}
    for pid, code, when in session.execute(stmt):
        protocol = protocols.get(pid)
        if protocol is None:
            continue
        key = (id(protocol), code)
        if key not in dosing:
            dosing[key] = protocol.is_dosing(code)
        if when is not None and dosing[key] and (pid not in out or when < out[pid]):
            out[pid] = when
    return out


def first_dose_of(patient: Patient, records: list[VisitRecord], protocol: Protocol
                  ) -> date | None:
    """The actual first dose once recorded, else the planned one."""
    return dosed_on(records, protocol) or patient.planned_first_dose


def screening_ended(patient: Patient, dosed: date | None) -> date | None:
    """When screening ended without a dose: a screen failure, or consent withdrawn before
    any dose. Every visit not done is then cancelled."""
    if patient.screen_fail_date:
        return patient.screen_fail_date
    return patient.withdrawal_date if dosed is None else None


def facts_of(patient: Patient, records: list[VisitRecord], contacts: list[SurvivalContact],
             protocol: Protocol, scans: Sequence[TumourAssessment] = ()
             ) -> PatientFacts | None:
    recorded = done_visits(records)
    first = calendar_anchor(protocol, recorded, patient.planned_first_dose)
    if first is None:
        return None
    done: dict[str, date] = {}
    missed: dict[str, str] = {}
    delays: dict[str, CycleDelay] = {}
    for r in records:
        if r.unscheduled:
            continue
        if r.outcome == DONE and r.actual_date:
            done[r.code] = r.actual_date
        elif r.outcome == MISSED:
            missed[r.code] = r.missed_reason or ""
        if r.delay_days:
            delays[r.code] = CycleDelay(r.code, r.delay_days, r.delay_reason or "other")
    for c in contacts:  # the contact that learnt of a death after it completes no visit:
        # the death cancels the survival visits still open on its date
        if c.visit_code and c.visit_code not in done \
                and (patient.death_date is None or c.contact_date <= patient.death_date):
            done[c.visit_code] = c.contact_date
    for s in scans:  # a scan recorded for a tumour-assessment visit completes it
        if s.visit_code and s.visit_code not in done:
            done[s.visit_code] = s.scan_date
    return PatientFacts(
        first_dose=first, done=done, missed=missed, delays=delays,
        last_dose=patient.last_dose_date, progression=patient.progression_date,
        new_anticancer_therapy=patient.new_therapy_date,
        lost_to_follow_up=patient.lost_to_follow_up_date,
        end_of_study=patient.screen_fail_date, death=patient.death_date,
        withdrawal=patient.withdrawal_date,
        screening_ended=screening_ended(patient, first_dose_date(protocol, recorded)),
    )


def series_visit_at(calendar: Calendar | None, protocol: Protocol, anchor: str, when: date,
                    keep: str | None = None) -> str | None:
    """The repeating visit anchored on `anchor` (scans, survival contacts) whose window holds
    `when` and that nothing has completed yet (or `keep`, the one this record completes)."""
    for v in calendar.visits if calendar else ():
        series = protocol.series_of(v.code)
        if (series is not None and series.anchor == anchor
                and v.earliest <= when <= v.latest and (v.actual is None or v.code == keep)):
            return v.code
    return None


def patient_status(patient: Patient, records: list[VisitRecord], protocol: Protocol
                   ) -> PatientStatus:
    return statuses.patient_status(statuses.PatientDates(
        screen_fail=patient.screen_fail_date, death=patient.death_date,
        withdrawal=patient.withdrawal_date, lost_to_follow_up=patient.lost_to_follow_up_date,
        last_dose=patient.last_dose_date, first_dose=dosed_on(records, protocol)))


@dataclass(frozen=True)
class Loaded:
    patient: Patient
    records: list[VisitRecord]
    contacts: list[SurvivalContact]
    scans: list[TumourAssessment]
    #: the protocol version the patient follows (their study, their re-consents)
    follows: Following
    #: dose holds (app.rules.dosing.Modification): a cycle held over its day 1 starts after them
    holds: tuple[Modification, ...] = ()
    #: (start date, new dose level) of every dose modification that sets a level
    level_changes: tuple[tuple[date, str], ...] = ()

    @property
    def protocol(self) -> Protocol:
        return self.follows.protocol


def load(session: Session, patient_id: int, study: Protocol | None = None) -> Loaded:
    """The patient and what was recorded. In a write transaction the patient's row is
    locked (PostgreSQL SELECT ... FOR UPDATE; SQLite's writers already take turns), so two
    saves for one patient cannot interleave their calendar rebuilds.

    With `study` (the protocol the caller shows), a patient of another study is refused:
    a screen never applies one study's rules to another's patient."""
    if session.info.get("writing"):
        patient = session.scalars(select(Patient).where(
            Patient.id == patient_id, live(Patient)).with_for_update()).one_or_none()
    else:  # read once per read-only session (a day's patients at once), within the
        # account's studies
        patient = read_patient(session, patient_id)
    if patient is None:
        _out_of_reach(session, patient_id)
    assigned = session.info.get(STUDIES)
    if assigned is not None and session.info.get("writing") \
            and not may(assigned.get(patient.study_id, ""), "enter"):
        role = Role(assigned[patient.study_id]).word.lower()
        raise NotAllowed("role", "In this patient's study your account is a {role}: it cannot "
                                 "enter or correct clinical data there; nothing was saved",
                                 role=role)
    records = patient_rows(session, "visit_record", patient_id, lambda ids: select(
        VisitRecord).where(VisitRecord.patient_id.in_(ids), live(VisitRecord))
        .order_by(VisitRecord.id))
    contacts = patient_rows(session, "survival_contact", patient_id, lambda ids: select(
        SurvivalContact).where(SurvivalContact.patient_id.in_(ids), live(SurvivalContact))
        .order_by(SurvivalContact.contact_date))
    scans = patient_rows(session, "tumour_assessment", patient_id, lambda ids: select(
        TumourAssessment).where(TumourAssessment.patient_id.in_(ids), live(TumourAssessment))
        .order_by(TumourAssessment.scan_date))
    follows = following(session, patient)
    if study is not None:
        check_in_study(patient.subject_id, follows.protocol.code, study.code)
    modifications = patient_rows(session, "dose_modification by id", patient_id, lambda ids: (
        select(DoseModification).where(DoseModification.patient_id.in_(ids),
                                       live(DoseModification)).order_by(DoseModification.id)))
    holds = tuple(as_modification(m) for m in modifications if m.kind == HOLD)
    changes = tuple((m.start_date, m.to_level) for m in modifications if m.to_level is not None)
    return Loaded(patient, records, contacts, scans, follows, holds, changes)


def calendar_rows(session: Session, patient_id: int) -> list[Any]:
    """The patient's stored calendar, in the order it was stored: each visit's code, label,
    cycle, window, booking and actual date, as plain rows (a day's thirty patients hold two
    thousand visits: objects of the ORM cost five times more to make)."""
    v = CalendarVisit
    return patient_rows(session, "calendar_visit", patient_id, lambda ids: select(
        v.patient_id, v.code, v.label, v.cycle, v.target, v.earliest, v.latest,
        v.booked_date, v.booked_time, v.actual).where(v.patient_id.in_(ids))
        .order_by(v.id), scalars=False)


def as_modification(m: DoseModification) -> Modification:
    """A stored dose modification as the dosing rules read it."""
    return Modification(m.kind, m.start_date, m.end_date, m.from_level, m.to_level, m.reason,
                        m.ae_id, m.id)


def _out_of_reach(session: Session, patient_id: int) -> NoReturn:
    """A patient that cannot be opened refused: unknown, or in a study the account is not
    assigned to (said, without showing the patient)."""
    found = session.execute(select(Study.code).join(Patient, Patient.study_id == Study.id)
                            .where(Patient.id == patient_id, live(Patient))
                            .execution_options(**{ALL_STUDIES: True})).scalar()
    if found is None:
        raise NotFound("patient", f"no patient with id {patient_id}")
    raise NotAllowed("patient", f"This patient is in {found}, a study your account is not "
                                "assigned to: ask the site's administrator")


def calendar_of(loaded: Loaded, protocol: Protocol, today: date,
                field: str = "actual_date", changes: Mapping[str, Any] | None = None
                ) -> Calendar | None:
    """The patient's calendar; with `changes` (PatientFacts fields) as it would be with them,
    say a disposition not saved yet."""
    facts = facts_of(loaded.patient, loaded.records, loaded.contacts, protocol, loaded.scans)
    if facts is None:
        return None
    if changes:
        facts = replace(facts, **changes)
    with on_field(field, ScheduleError):
        calendar = build_calendar(protocol, facts, today)
        for _ in range(len(loaded.holds)):  # each hold can push one cycle more
            pushed = delays_from_holds(
                [(v.code, v.target, v.actual) for v in calendar.visits
                 if protocol.is_cycle_day1(v.code) and v.code not in facts.delays],
                loaded.holds)
            if not pushed:
                break
            code, days = next(iter(pushed.items()))
            facts = replace(facts, delays={**facts.delays,
                                           code: CycleDelay(code, days, "toxicity")})
            calendar = build_calendar(protocol, facts, today)
    return calendar


def stored_calendar(loaded: Loaded, calendar: Calendar | None) -> list[dict[str, Any]]:
    """The calendar's rows as stored (each visit with its booking and the version that made
    it); the patient's status and next visit set to match."""
    patient = loaded.patient
    patient.status = patient_status(patient, loaded.records, loaded.protocol)
    patient.next_visit_code = patient.next_visit_date = None
    if calendar is None:
        return []
    booked = {r.code: r for r in loaded.records}
    rows = []
    for v in calendar.visits:
        rec = booked.get(v.code)
        rows.append({
            "patient_id": patient.id, "code": v.code, "label": v.label[:80], "kind": v.kind,
            "cycle": v.cycle, "target": v.target, "earliest": v.earliest, "latest": v.latest,
            "state": stored_state(v.status), "actual": v.actual,
            "booked_date": rec.booked_date if rec else None,
            "booked_time": rec.booked_time if rec else None, "reason": v.reason,
            "protocol_version": loaded.follows.label_on(
                v.actual or (v.target if v.status == MISSED else None))[:40],
        })
    pending = [v for v in calendar.visits if stored_state(v.status) == PENDING]
    if pending and patient.status not in (OFF_STUDY, SCREEN_FAILED):  # nothing comes next
        nxt = min(pending, key=lambda v: (v.target, v.code))
        patient.next_visit_code, patient.next_visit_date = nxt.code, nxt.target
    return rows


def rebuild(session: Session, patient_id: int, today: date, field: str = "actual_date"
            ) -> Calendar | None:
    """Recompute the patient's calendar with the engine and store it whole, under the
    protocol version the patient follows (each visit says which version made it)."""
    session.flush()
    loaded = load(session, patient_id)
    protocol = loaded.protocol
    calendar = calendar_of(loaded, protocol, today, field)
    session.execute(delete(CalendarVisit).where(CalendarVisit.patient_id == patient_id))
    rows = stored_calendar(loaded, calendar)
    if rows:
        session.execute(insert(CalendarVisit), rows)
    return calendar
