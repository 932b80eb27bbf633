"""Every patient's response in a study at once, for the site's results: one query per table
for the whole study, and Day 1 and the planned scans' windows read from the stored calendar
(the engine's, stored whole at every change; its windows do not depend on the day), instead
of loading and rebuilding each patient's calendar. The same results as `response_in` gives
one patient at a time (tests/app/services/test_study_response.py compares them)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Executable, Select, or_, select
from sqlalchemy.orm import Session

from app.rules.calendar import DONE
from app.rules.protocol import Protocol
from app.rules.recist import RecistError
from app.services import calendar as cal
from app.services.response import Evaluated, PatientResponse, evaluated_course, responded
from app.services.studies import protocols_by_patient
from db.access import STUDIES
from db.models import (
    AdverseEvent,
    CalendarVisit,
    LesionMeasurement,
    Patient,
    SurvivalContact,
    TumourAssessment,
    VisitRecord,
)


class _Study:
    """What the study's patients have recorded, grouped by patient (each list in the order
    the per-patient reading gives it)."""

    def __init__(self, session: Session, study_id: int | None,
                 protocols: Iterable[Protocol]) -> None:
        ids = select(Patient.id).where(cal.live(Patient))
        if study_id is not None:
            ids = ids.where(Patient.study_id == study_id)
        self.patients = {r.id: r for r in _rows(session,
            select(Patient.id, Patient.last_dose_date, Patient.new_therapy_date,
                   Patient.death_date).where(Patient.id.in_(ids)))}
        self.done: dict[int, dict[str, date]] = {}  # calendar visits done (first dose)
        self.alive: dict[int, list[date]] = {}  # dates seen alive
        for pid, code, outcome, when, unscheduled in _rows(session,
                select(VisitRecord.patient_id, VisitRecord.code, VisitRecord.outcome,
                       VisitRecord.actual_date, VisitRecord.unscheduled)
                .where(VisitRecord.patient_id.in_(ids), cal.live(VisitRecord))
                .order_by(VisitRecord.id)):
            if outcome == DONE and when:
                self.alive.setdefault(pid, []).append(when)
                if not unscheduled:
                    self.done.setdefault(pid, {})[code] = when
        for pid, when in _rows(session,
                select(SurvivalContact.patient_id, SurvivalContact.contact_date)
                .where(SurvivalContact.patient_id.in_(ids), SurvivalContact.result == "alive",
                       cal.live(SurvivalContact))):
            self.alive.setdefault(pid, []).append(when)
        for pid, onset, end in _rows(session,
                select(AdverseEvent.patient_id, AdverseEvent.onset_date, AdverseEvent.end_date)
                .where(AdverseEvent.patient_id.in_(ids), cal.live(AdverseEvent))):
            self.alive.setdefault(pid, []).extend(d for d in (onset, end) if d is not None)
        self.scans: dict[int, list[Any]] = {}
        for scan in _rows(session, _scans(ids)):
            self.scans.setdefault(scan.patient_id, []).append(scan)
        self.lesions: dict[int, list[Any]] = {}
        for m in _rows(session, _lesions(ids)):
            self.lesions.setdefault(m.assessment_id, []).append(m)
        self.calendar: dict[int, list[Any]] = {}
        for v in _rows(session,
                select(CalendarVisit.patient_id, CalendarVisit.code, CalendarVisit.target,
                       CalendarVisit.earliest, CalendarVisit.latest, CalendarVisit.actual)
                .where(CalendarVisit.patient_id.in_(ids), _response_visits(protocols))
                .order_by(CalendarVisit.patient_id, CalendarVisit.target, CalendarVisit.code)):
            self.calendar.setdefault(v.patient_id, []).append(v)


def _rows(session: Session, statement: Executable) -> Iterable[Any]:
    """Core's rows (made in C) for an account of every study: it has no scope to add. Any
    other account's go through the ORM's execution, where its study scope is added
    (db/access.py; as `Database.rows` does)."""
    if session.info.get(STUDIES) is None:
        return session.connection().execute(statement)
    return session.execute(statement)


def _response_visits(protocols: Iterable[Protocol]) -> ColumnElement[bool]:
    """Of the stored calendar, what the results read: RECIST's Day 1 and every visit whose
    code may be one of the planned scans (a LIKE of the template of each series anchored
    there, "TA{k}": "TA%"; the rules then tell the scans exactly), not the whole calendar
    (62 visits a patient, 14 of them these)."""
    anchors: set[str] = set()
    likes: set[str] = set()
    for protocol in {id(p): p for p in protocols}.values():
        anchor = protocol.response.sd_anchor
        anchors.add(anchor)
        likes.update(_like(s.code) for s in protocol.series if s.anchor == anchor)
    code = CalendarVisit.code
    return or_(code.in_(sorted(anchors)),
               *(code.like(pattern, escape="\\") for pattern in sorted(likes)))


def _like(template: str) -> str:
    """A LIKE pattern every code of a visit template matches ({k}, {n}: any number)."""
    parts = re.split(r"\{\w+\}", template)
    return "%".join(re.sub(r"([\\%_])", r"\\\1", part) for part in parts)


def _scans(ids: Select[int]) -> Executable:
    t = TumourAssessment
    return (select(t.id, t.patient_id, t.scan_date, t.baseline, t.new_lesion, t.overall,
                   t.modality)
            .where(t.patient_id.in_(ids), cal.live(t)).order_by(t.patient_id, t.scan_date))


def _lesions(ids: Select[int]) -> Executable:
    m, t = LesionMeasurement, TumourAssessment
    return (select(m.assessment_id, m.lesion_id, m.kind, m.organ, m.nodal, m.tenths_mm,
                   m.too_small, m.not_assessed, m.status)
            .join(t, t.id == m.assessment_id)
            .where(t.patient_id.in_(ids), cal.live(t), cal.live(m)).order_by(m.id))


def _evaluated(protocol: Protocol, study: _Study, pid: int, first: date | None,
               scan_visit: Callable[[str], bool]) -> Evaluated | None:
    """As response.evaluate_patient, from the stored calendar."""
    visits = study.calendar.get(pid, [])
    anchor = next((v for v in visits if v.code == protocol.response.sd_anchor), None)
    if anchor is None:  # no calendar yet, or no Day 1 in it
        return None
    scheduled = [(v.earliest, v.latest) for v in visits if scan_visit(v.code)]
    try:
        return evaluated_course(protocol, study.patients[pid], first, study.scans.get(pid, []),
                                study.lesions, anchor.actual or anchor.target, scheduled)
    except RecistError:
        return None


class _Codes:
    """What a protocol says of a visit code, asked once per protocol and code (a study's
    patients share their codes: 22,000 calendar rows, a hundred codes)."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.dosing: dict[str, bool] = {}
        self.scans: dict[str, bool] = {}

    def is_dosing(self, code: str) -> bool:
        if code not in self.dosing:
            self.dosing[code] = self.protocol.is_dosing(code)
        return self.dosing[code]

    def is_scan(self, code: str) -> bool:
        """A visit of the series anchored where RECIST's Day 1 is (the planned scans)."""
        if code not in self.scans:
            s = self.protocol.series_of(code)
            self.scans[code] = s is not None and s.anchor == self.protocol.response.sd_anchor
        return self.scans[code]

    def first_dose(self, done: dict[str, date]) -> date | None:
        """As app.rules.first_dose.first_dose_date."""
        return min((when for code, when in done.items() if self.is_dosing(code)),
                   default=None)


def study_responses(session: Session, study_id: int | None) -> dict[int, PatientResponse]:
    """Every live patient's response in the study (None: in every study), by patient id."""
    return responses_and_first_doses(session, study_id)[0]


def responses_and_first_doses(session: Session, study_id: int | None
                              ) -> tuple[dict[int, PatientResponse], dict[int, date]]:
    """Every live patient's response, and each dosed patient's first dose (as
    calendar.first_doses gives them: the DLT tally needs them too), by patient id."""
    protocols = protocols_by_patient(session, study_id)
    study = _Study(session, study_id, protocols.values())
    codes: dict[int, _Codes] = {}
    out = {}
    firsts = {}
    for pid, patient in study.patients.items():
        protocol = protocols[pid]
        said = codes.setdefault(id(protocol), _Codes(protocol))
        first = said.first_dose(study.done.get(pid, {}))
        if first is not None:
            firsts[pid] = first
        evaluated = _evaluated(protocol, study, pid, first, said.is_scan)
        out[pid] = responded(protocol, patient, evaluated, first, study.alive.get(pid, []),
                             [s.id for s in study.scans.get(pid, [])])
    return out, firsts
