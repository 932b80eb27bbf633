"""Tumour assessments: record scans, evaluate RECIST 1.1, let progression reach the calendar."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.dates import fmt_date
from app.rules.efficacy import efficacy_window
from app.rules.endpoints import FollowUp, PatientEndpoints, patient_endpoints
from app.rules.entry.scans import LesionEntry, ScanForm, check_scan
from app.rules.protocol import Protocol
from app.rules.recist import (
    Assessment,
    Evaluation,
    NonTargetLesion,
    RecistError,
    TargetLesion,
    evaluate,
)
from app.rules.refusals import on_field
from app.rules.scan_record import check_scan_date, tenths_of_mm
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.changes import delegated, reason_needed, set_changed, withdraw
from app.services.errors import NotFound
from db import Database
from db.models import AdverseEvent, LesionMeasurement, TumourAssessment

TEN, TENTH = Decimal(10), Decimal("0.1")


def _assessment(scan: Any, lesions: list[Any]) -> Assessment:
    """A stored scan (an ORM object or a Core row of its columns) as RECIST reads it."""
    targets, non_targets = [], []
    for m in lesions:
        size = None if m.tenths_mm is None else (Decimal(m.tenths_mm) / TEN).quantize(TENTH)
        if m.kind == "target":
            targets.append(TargetLesion(m.lesion_id, m.organ or "", m.nodal, size, m.too_small,
                                        m.not_assessed))
        else:
            non_targets.append(NonTargetLesion(m.lesion_id, m.organ or "", m.nodal,
                                               m.status or "present", size))
    return Assessment(scan.scan_date, scan.baseline, tuple(targets), tuple(non_targets),
                      scan.new_lesion, scan.overall, scan.modality)


@dataclass(frozen=True)
class Evaluated:
    evaluation: Evaluation
    assessments: list[Assessment]
    scheduled_scans: list[tuple[date, date]]  # the windows of the planned scans


class BaselineAfterDose(RecistError):
    """A scan marked baseline but dated after the first dose: an assessment after the first
    dose is never a baseline, so nothing is evaluated against it."""

    def __init__(self, scan: date, first_dose: date) -> None:
        super().__init__(f"the baseline scan of {fmt_date(scan)} is after the first dose "
                         f"({fmt_date(first_dose)}): an assessment after the first dose is "
                         "never a baseline")
        self.scan, self.first_dose = scan, first_dose


def evaluate_patient(session: Session, protocol: Protocol, loaded: cal.Loaded, today: date
                     ) -> Evaluated | None:
    """The patient's scans through RECIST 1.1 inside the efficacy window (None before the
    calendar has its Day 1); RecistError when the scans break a rule."""
    calendar = cal.calendar_of(loaded, protocol, today, "scan_date")
    anchor = calendar.get(protocol.response.sd_anchor) if calendar else None
    if calendar is None or anchor is None:
        return None
    ids = [s.id for s in loaded.scans]
    lesions: dict[int, list[LesionMeasurement]] = {}
    if ids:
        for m in session.scalars(select(LesionMeasurement).where(
                LesionMeasurement.assessment_id.in_(ids), cal.live(LesionMeasurement))):
            lesions.setdefault(m.assessment_id, []).append(m)
    rs = protocol.response
    scheduled = [(v.earliest, v.latest) for v in calendar.visits
                 if (s := protocol.series_of(v.code)) is not None and s.anchor == rs.sd_anchor]
    return evaluated_course(protocol, loaded.patient, cal.dosed_on(loaded.records, protocol),
                            loaded.scans, lesions, anchor.actual or anchor.target, scheduled)


def evaluated_course(protocol: Protocol, patient: Any, first: date | None,
                     scans: Sequence[Any], lesions: Mapping[int, Sequence[Any]], day1: date,
                     scheduled: list[tuple[date, date]]) -> Evaluated:
    """The scans (by date, with their live lesions by scan id) through RECIST 1.1 from the
    calendar's Day 1 inside the efficacy window; `patient` has the patient's disposition
    dates. RecistError when the scans break a rule."""
    late = sorted(s.scan_date for s in scans
                  if s.baseline and first is not None and s.scan_date > first)
    if late and first is not None:
        raise BaselineAfterDose(late[0], first)
    assessments = [_assessment(s, list(lesions.get(s.id, []))) for s in scans]
    rs = protocol.response
    window = efficacy_window(day1, patient.last_dose_date, patient.new_therapy_date,
                             rs.efficacy_days_after_last_dose)
    result = evaluate(assessments, day1, rs.confirm_min_days, rs.sd_min_days, window)
    return Evaluated(result, assessments, scheduled)


@attempt("save a scan of {subject}")
@delegated("tumour_measurement")
def save_scan(db: Database, protocol: Protocol, patient_id: int, form: ScanForm, today: date,
              scan_id: int | None = None, reason: str | None = None) -> int:
    """Record one scan; the whole course is re-evaluated and must obey RECIST 1.1.

    The first overall progression becomes the patient's progression date (when none is
    documented yet), and the calendar engine then cancels the later scans.
    """
    when = check_scan(form, today)
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        check_scan_date(when, form.baseline, cal.dosed_on(loaded.records, protocol),
                        protocol.response.baseline_max_days,
                        [s.scan_date for s in loaded.scans if s.id != scan_id])
        scan, old = _load_scan(session, loaded, patient_id, scan_id)
        calendar = cal.calendar_of(loaded, protocol, today, "scan_date")
        visit_code = None if form.baseline else cal.series_visit_at(
            calendar, protocol, protocol.response.sd_anchor, when, keep=scan.visit_code)
        set_changed(scan, {"scan_date": when, "modality": form.modality,
                           "baseline": form.baseline, "new_lesion": form.new_lesion,
                           "overall": form.overall, "comment": form.comment,
                           "visit_code": visit_code})
        session.flush()
        _write_lesions(session, scan, form.lesions, old, reason)
        session.flush()
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol  # the version this patient follows
        with on_field("lesions", RecistError):
            evaluated = evaluate_patient(session, protocol, loaded, today)
        first_pd = evaluated.evaluation.first_progression_date if evaluated else None
        if first_pd and loaded.patient.progression_date is None:
            loaded.patient.progression_date = first_pd
        cal.rebuild(session, patient_id, today, field="scan_date")
        return scan.id


def _load_scan(session: Session, loaded: cal.Loaded, patient_id: int, scan_id: int | None
               ) -> tuple[TumourAssessment, dict[str, LesionMeasurement]]:
    """The scan to change with its lesions by ID (a new scan when `scan_id` is None)."""
    if scan_id is None:
        scan = TumourAssessment(patient_id=patient_id)
        session.add(scan)
        return scan, {}
    found = next((s for s in loaded.scans if s.id == scan_id), None)
    if found is None:
        raise NotFound("scan", "no scan {scan_id} for this patient",
                                   scan_id=scan_id)
    old = {m.lesion_id: m for m in session.scalars(select(LesionMeasurement).where(
        LesionMeasurement.assessment_id == scan_id, cal.live(LesionMeasurement)))}
    return found, old


def _write_lesions(session: Session, scan: TumourAssessment, lesions: list[LesionEntry],
                   old: dict[str, LesionMeasurement], reason: str | None) -> None:
    """Lesions as entered: changed in place, added, or withdrawn (never deleted)."""
    for lesion in lesions:
        values = {"kind": lesion.kind, "organ": lesion.organ or None,
                  "nodal": lesion.nodal, "tenths_mm": tenths_of_mm(lesion.mm,
                                                              f"lesion {lesion.lesion_id}"),
                  "too_small": lesion.too_small, "not_assessed": lesion.not_assessed,
                  "status": (lesion.status or "present")
                  if lesion.kind == "non_target" else None}
        row = old.pop(lesion.lesion_id, None)
        if row is None:
            session.add(LesionMeasurement(assessment_id=scan.id, lesion_id=lesion.lesion_id,
                                          **values))
        else:
            set_changed(row, values)
    for row in old.values():  # a lesion taken off the scan: marked, never deleted
        withdraw(row, session.info.get("actor"), reason)


@dataclass(frozen=True)
class PatientResponse:
    evaluation: Evaluation | None
    endpoints: PatientEndpoints | None
    assessments: list[Assessment]
    scan_ids: list[int]


def _known_alive(session: Session, loaded: cal.Loaded) -> list[date]:
    """Dates the patient was seen alive: visits done, AE dates, survival contacts that
    found them alive (a contact that failed is not evidence of life)."""
    seen = [r.actual_date for r in loaded.records if r.outcome == "done" and r.actual_date]
    seen += [c.contact_date for c in loaded.contacts if c.result == "alive"]
    for onset, end in session.execute(select(AdverseEvent.onset_date, AdverseEvent.end_date)
                                      .where(AdverseEvent.patient_id == loaded.patient.id,
                                             cal.live(AdverseEvent))):
        seen += [d for d in (onset, end) if d is not None]
    return seen


def patient_response(db: Database, protocol: Protocol, patient_id: int, today: date
                     ) -> PatientResponse:
    """The patient's scans evaluated, and their endpoints once dosed."""
    with db.reading() as session:
        return response_in(session, protocol, patient_id, today)


def response_in(session: Session, protocol: Protocol, patient_id: int, today: date
                ) -> PatientResponse:
    """patient_response in a reading session the caller holds (the site's results read
    the whole study at once: study_responses)."""
    loaded = cal.load(session, patient_id, protocol)
    protocol = loaded.protocol  # the version this patient follows
    try:
        evaluated = evaluate_patient(session, protocol, loaded, today)
    except RecistError:
        evaluated = None
    first = cal.dosed_on(loaded.records, protocol)
    alive = _known_alive(session, loaded)
    return responded(protocol, loaded.patient, evaluated, first, alive,
                      [s.id for s in loaded.scans])


def responded(protocol: Protocol, p: Any, evaluated: Evaluated | None, first: date | None,
               alive: list[date], ids: list[int]) -> PatientResponse:
    if evaluated is None:
        return PatientResponse(None, None, [], ids)
    endpoints = None
    if first is not None:
        endpoints = patient_endpoints(evaluated.evaluation, FollowUp(
            first, p.death_date, p.new_therapy_date, alive, evaluated.scheduled_scans,
            protocol.response.pfs_missed_scans))
    return PatientResponse(evaluated.evaluation, endpoints, evaluated.assessments, ids)
