"""Writing the demo's patients: each one made in memory (its rows given their ids, its
calendar built by the engine from them), then written in bulk every few hundred patients,
with the same audit lines an entry through the session would leave (db/bulk.py).

The per-object unit of work and the two calendar reloads per patient made 7,000 patients
take a quarter of an hour; the rows and the trail are the same, written in a few
statements."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.rules.calendar import DONE, OPEN, PLANNED
from app.rules.dosing import HOLD
from app.rules.protocol import Protocol
from app.rules.site_time import TimeProblem, later, local_instant
from app.services import calendar as cal
from app.services.demo_findings import demo_findings
from app.services.demo_labs import demo_ranges
from app.services.demo_treatment import adverse_events
from app.services.site_time import zone_in
from app.services.studies import DEFAULT_STUDY, Following, following_at_enrolment
from db.bulk import Ids, add_all
from db.dosing import DoseModification
from db.models import (
    CalendarVisit,
    LesionMeasurement,
    Patient,
    PkSample,
    SurvivalContact,
    TumourAssessment,
    VisitRecord,
)

if TYPE_CHECKING:
    from app.services.demo import DemoPatient

T = TypeVar("T")

#: patients made in memory before they are written (the memory a fill holds)
CHUNK = 250
#: rows of later steps (the dispensing of every cycle) made before they are written
ROWS_AT_ONCE = 50_000


@dataclass
class Stored:
    """What the fill's later steps need of a written patient (escalation, dispensing),
    kept instead of the patient's rows."""

    id: int
    study_id: int
    subject_id: str
    consent_date: date | None
    screen_fail_date: date | None
    part: int | None
    dose_level: str | None
    cohort: str | None
    last_dose_date: date | None
    #: (record id, dose level) of each visit record a dose level was given at
    dosed: list[tuple[int, str | None]] = field(default_factory=list)
    #: the date of each visit done, by code
    done: dict[str, date] = field(default_factory=dict)
    #: (start, end) of each dose hold
    holds: list[tuple[date, date | None]] = field(default_factory=list)


class Fill:
    """The fill's rows not yet written, and what is kept of the patients written."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids = Ids(session)
        self.zone: tzinfo = zone_in(session)
        self.rows: list[Any] = []
        self.calendar: list[dict[str, Any]] = []
        self.stored: list[Stored] = []
        self.made = 0
        self.lab_ranges = False  # the demo lab's reference ranges added
        self._follows: dict[tuple[int, date | None], Following] = {}

    def add(self, obj: T) -> T:
        """A new row, given its id now (its children name it)."""
        row: Any = obj
        if row.id is None:
            row.id = self.ids.next(type(obj))
        self.rows.append(obj)
        return obj

    def follows(self, study_id: int, consent: date | None) -> Following:
        key = (study_id, consent)
        if key not in self._follows:
            self._follows[key] = following_at_enrolment(self.session, study_id, consent)
        return self._follows[key]

    def patient_done(self) -> None:
        self.made += 1
        if self.made % CHUNK == 0:
            self.write()

    def written_if_many(self) -> None:
        """The rows made so far written once they are many (the memory a fill holds)."""
        if len(self.rows) >= ROWS_AT_ONCE:
            self.write()

    def write(self) -> None:
        """Everything made so far into the database, with its audit lines."""
        add_all(self.session, self.rows)
        self.rows.clear()
        if self.calendar:
            self.session.connection().execute(insert(CalendarVisit), self.calendar)
            self.calendar.clear()


def site_clock(day: date, clock: time, zone: tzinfo) -> datetime:
    """A demo clock time at the site (a time in a spring-forward gap moves an hour on)."""
    try:
        return local_instant(day, clock, zone)
    except TimeProblem:
        return local_instant(day, clock.replace(hour=(clock.hour + 1) % 24), zone)


def _pk_samples(fill: Fill, protocol: Protocol, patient: Patient, p: DemoPatient,
                rng: random.Random) -> None:
    """Dose times and tubes for the PK visits done: mostly on time, a few late or missed."""
    from app.rules import pk

    doses: dict[str, datetime] = {}
    for code, r in sorted(p.records.items(), key=lambda kv: kv[1].get("actual_date") or date.max):
        if r.get("outcome") != DONE or not pk.has_pk(protocol, code):
            continue
        slots = pk.slots(protocol, code)
        if slots[0].dose_of == code:
            doses[code] = site_clock(r["actual_date"], r.get("actual_time") or time(8, 30),
                                     fill.zone)
            r["dose_at"] = doses[code]
        dose = doses.get(slots[0].dose_of)
        if dose is None:
            continue
        for slot in slots:
            due = pk.times_for(slot, dose)
            roll = rng.random()
            sid = pk.sample_id(protocol.code, p.subject_id, code, slot.id)
            if roll < 0.03:
                fill.add(PkSample(patient_id=patient.id, visit_code=code, timepoint=slot.id,
                                  sample_id=sid, not_collected_reason="cannula blocked"))
                continue
            off = rng.choice([0, 0, 1, -1, 2, -2, 3])
            if roll > 0.95:
                off = slot.timepoint.after_min + rng.randint(2, 15)
            if slot.timepoint.pre_dose:
                off = -rng.randint(5, 40)
            fill.add(PkSample(patient_id=patient.id, visit_code=code, timepoint=slot.id,
                              sample_id=sid,
                              collected_at=later(due.nominal, timedelta(minutes=off))))


def _scans(fill: Fill, protocol: Protocol, patient: Patient, p: DemoPatient,
           rng: random.Random) -> list[TumourAssessment]:
    """A baseline and a scan at each tumour-assessment visit done, along one trajectory."""
    scan_codes = sorted((c for c in p.records if (s := protocol.series_of(c)) is not None
                         and s.anchor == protocol.response.sd_anchor),
                        key=lambda c: p.records[c].get("actual_date") or date.max)
    if p.stage in ("screening", "screen_failure"):
        return []
    organs = rng.sample(["liver", "lung", "peritoneum", "adrenal", "pelvis"], 2)
    sizes = {"T1": Decimal(rng.randint(150, 600)) / 10, "T2": Decimal(rng.randint(120, 400)) / 10}
    shape = rng.choice(["responder", "responder", "stable", "stable", "progressor"])
    base = fill.add(TumourAssessment(patient_id=patient.id, scan_date=p.planned_first_dose
                                     - timedelta(days=rng.randint(8, 20)), modality="CT",
                                     baseline=True))
    scans = [base]
    for (lid, size), organ in zip(sizes.items(), organs, strict=True):
        fill.add(LesionMeasurement(assessment_id=base.id, lesion_id=lid, kind="target",
                                   organ=organ, tenths_mm=int(size * 10)))
    fill.add(LesionMeasurement(assessment_id=base.id, lesion_id="NT1", kind="non_target",
                               organ="bone", status="present"))
    factor = Decimal(1)
    for n, code in enumerate(scan_codes, start=1):
        record = p.records[code]
        if record.get("outcome") != DONE:
            continue  # a scan missed stays on record, missed (not overdue for ever)
        del p.records[code]
        step = {"responder": Decimal("0.78") if n < 3 else Decimal("0.98"),
                "stable": Decimal(rng.choice(["0.95", "1.0", "1.05"])),
                "progressor": Decimal("1.15")}[shape]
        factor *= step
        scan = fill.add(TumourAssessment(patient_id=patient.id, visit_code=code,
                                         scan_date=record["actual_date"], modality="CT",
                                         new_lesion=shape == "progressor" and n >= 3))
        scans.append(scan)
        for lid, size in sizes.items():
            fill.add(LesionMeasurement(assessment_id=scan.id, lesion_id=lid, kind="target",
                                       tenths_mm=int(size * factor * 10)))
        fill.add(LesionMeasurement(assessment_id=scan.id, lesion_id="NT1", kind="non_target",
                                   status="present"))
        if shape == "progressor" and n >= 3:
            if patient.progression_date is None:
                patient.progression_date = record["actual_date"]
            break
    return scans


def _loaded(fill: Fill, patient: Patient, records: list[VisitRecord],
            contacts: list[SurvivalContact], scans: list[TumourAssessment],
            holds: list[DoseModification]) -> cal.Loaded:
    """The patient as `calendar.load` would read them back, from the rows in memory."""
    return cal.Loaded(patient, records, sorted(contacts, key=lambda c: c.contact_date),
                      sorted(scans, key=lambda s: s.scan_date),
                      fill.follows(patient.study_id, patient.consent_date),
                      tuple(cal.as_modification(m) for m in holds))


def store(fill: Fill, protocol: Protocol, p: DemoPatient, today: date, rng: random.Random,
          study_id: int = DEFAULT_STUDY) -> None:
    """One fictional patient, made in memory inside the fill's single transaction."""
    patient = Patient(
        study_id=study_id,
        subject_id=p.subject_id, initials=p.initials, year_of_birth=p.year_of_birth,
        sex=p.sex, part=p.part, dose_level=p.dose_level, cohort=p.cohort,
        consent_date=p.consent, screening_date=p.consent + timedelta(days=1),
        planned_first_dose=p.planned_first_dose)
    if p.screen_fail:
        patient.screen_fail_date, patient.screen_fail_reason = p.screen_fail
        patient.planned_first_dose = None
    for key, value in p.disposition.items():
        setattr(patient, key, value)
    fill.add(patient)
    first_row = len(fill.rows)
    _pk_samples(fill, protocol, patient, p, rng)  # sets the records' dose times
    scans = _scans(fill, protocol, patient, p, rng)  # takes the scan visits' records
    adverse_events(fill, patient, p, today, rng)
    records = [fill.add(VisitRecord(patient_id=patient.id, code=code, unscheduled=False, **r))
               for code, r in p.records.items()]
    contacts = [fill.add(SurvivalContact(patient_id=patient.id, **c)) for c in p.contacts]
    if protocol.labs and not fill.lab_ranges:  # the demo lab's ranges, once
        demo_ranges(fill.add, protocol)
        fill.lab_ranges = True
    demo_findings(fill.add, protocol, patient.id, p.records, p.consent, today, p.sex)
    holds = [m for m in fill.rows[first_row:]
             if isinstance(m, DoseModification) and m.kind == HOLD]
    loaded = _loaded(fill, patient, records, contacts, scans, holds)
    calendar = cal.calendar_of(loaded, loaded.protocol, today)  # then book two weeks' visits
    for v in calendar.visits if calendar else ():
        if v.status in (OPEN, PLANNED) and v.earliest <= today + timedelta(days=14) \
                and v.code not in p.records and rng.random() < 0.6:
            day = max(v.target, today)
            if v.status == OPEN and v.target < today:  # late already: the first free day
                day = min(today + timedelta(days=rng.choice([0, 1, 1])), v.latest)
            if day <= v.latest:
                records.append(fill.add(VisitRecord(
                    patient_id=patient.id, code=v.code, unscheduled=False, booked_date=day,
                    booked_time=time(9 + rng.randint(0, 6), 0))))
    # a booking changes no fact of the calendar (only the rows' booked day and time)
    fill.calendar.extend(cal.stored_calendar(loaded, calendar))
    fill.stored.append(_kept(patient, records, holds))
    fill.patient_done()


def _kept(patient: Patient, records: list[VisitRecord], holds: list[DoseModification]
          ) -> Stored:
    return Stored(
        patient.id, patient.study_id, patient.subject_id, patient.consent_date,
        patient.screen_fail_date, patient.part, patient.dose_level, patient.cohort,
        patient.last_dose_date,
        dosed=[(r.id, r.dose_level) for r in records if r.dose_level is not None],
        done={r.code: r.actual_date for r in records
              if r.outcome == DONE and r.actual_date is not None},
        holds=[(m.start_date, m.end_date) for m in holds])


__all__ = ["CHUNK", "Fill", "Stored", "site_clock", "store"]
