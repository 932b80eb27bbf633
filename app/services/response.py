"""Tumour assessments: record scans, evaluate RECIST 1.1, let progression reach the calendar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import fmt_date
from app.endpoints import PatientEndpoints, TimeToEvent, patient_endpoints
from app.entry.scans import LesionEntry, ScanForm, check_scan
from app.protocol import Protocol
from app.recist import (
    Assessment,
    Evaluation,
    NonTargetLesion,
    RecistError,
    TargetLesion,
    evaluate,
)
from app.services import calendar as cal
from app.services.changes import reason_needed, set_changed, withdraw
from app.services.errors import InvalidEntry
from db import Database
from db.models import LesionMeasurement, TumourAssessment

TEN, TENTH = Decimal(10), Decimal("0.1")


def _tenths(value: Decimal | None, where: str) -> int | None:
    if value is None:
        return None
    tenths = value * TEN
    if tenths != tenths.to_integral_value() or value < 0:
        raise InvalidEntry("lesions", f"{where}: give millimetres to one decimal (e.g. 23.1)")
    return int(tenths)


def _assessment(scan: TumourAssessment, lesions: list[LesionMeasurement]) -> Assessment:
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


def _evaluate(session: Session, protocol: Protocol, loaded: cal.Loaded, today: date
              ) -> tuple[Evaluation, list[Assessment]] | None:
    calendar = cal.calendar_of(loaded, protocol, today, "scan_date")
    anchor = calendar.get(protocol.response.sd_anchor) if calendar else None
    if anchor is None:
        return None
    ids = [s.id for s in loaded.scans]
    lesions: dict[int, list[LesionMeasurement]] = {}
    if ids:
        for m in session.scalars(select(LesionMeasurement).where(
                LesionMeasurement.assessment_id.in_(ids), cal.live(LesionMeasurement))):
            lesions.setdefault(m.assessment_id, []).append(m)
    assessments = [_assessment(s, lesions.get(s.id, [])) for s in loaded.scans]
    result = evaluate(assessments, anchor.actual or anchor.target,
                      protocol.response.confirm_min_days, protocol.response.sd_min_days)
    return result, assessments


def save_scan(db: Database, protocol: Protocol, patient_id: int, form: ScanForm, today: date,
              scan_id: int | None = None, reason: str | None = None) -> int:
    """Record one scan; the whole course is re-evaluated and must obey RECIST 1.1.

    The first overall progression becomes the patient's progression date (when none is
    documented yet), and the calendar engine then cancels the later scans.
    """
    when = check_scan(form, today)
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id)
        if any(s.scan_date == when and s.id != scan_id for s in loaded.scans):
            raise InvalidEntry("scan_date", f"A scan of {fmt_date(when)} is "
                               "already recorded: one assessment per date")
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
        loaded = cal.load(session, patient_id)
        try:
            evaluated = _evaluate(session, protocol, loaded, today)
        except RecistError as exc:
            raise InvalidEntry("lesions", str(exc)) from None
        if evaluated and evaluated[0].first_progression_date and \
                loaded.patient.progression_date is None:
            loaded.patient.progression_date = evaluated[0].first_progression_date
        cal.rebuild(session, patient_id, protocol, today, field="scan_date")
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
        raise InvalidEntry("scan", f"no scan {scan_id} for this patient")
    old = {m.lesion_id: m for m in session.scalars(select(LesionMeasurement).where(
        LesionMeasurement.assessment_id == scan_id, cal.live(LesionMeasurement)))}
    return found, old


def _write_lesions(session: Session, scan: TumourAssessment, lesions: list[LesionEntry],
                   old: dict[str, LesionMeasurement], reason: str | None) -> None:
    """Lesions as entered: changed in place, added, or withdrawn (never deleted)."""
    for lesion in lesions:
        values = {"kind": lesion.kind, "organ": lesion.organ or None,
                  "nodal": lesion.nodal, "tenths_mm": _tenths(lesion.mm,
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


def patient_response(db: Database, protocol: Protocol, patient_id: int, today: date
                     ) -> PatientResponse:
    """The patient's scans evaluated, and their endpoints once dosed."""
    with db.reading() as session:
        loaded = cal.load(session, patient_id)
        try:
            evaluated = _evaluate(session, protocol, loaded, today)
        except RecistError:
            evaluated = None
        first = cal.dosed_on(loaded.records, protocol)
        contacts = [c.contact_date for c in loaded.contacts if c.result == "alive"]
        visits = [r.actual_date for r in loaded.records if r.actual_date]
        death = loaded.patient.death_date
        ids = [s.id for s in loaded.scans]
    if evaluated is None:
        return PatientResponse(None, None, [], ids)
    evaluation, assessments = evaluated
    endpoints = None
    if first is not None:
        last_alive = max(contacts + visits, default=None)
        endpoints = patient_endpoints(first, evaluation, death, last_alive)
    return PatientResponse(evaluation, endpoints, assessments, ids)


@dataclass(frozen=True)
class PatientCourse:
    """One patient's line on the site's pictures."""

    subject_id: str
    first_dose: date
    end: date  # last dose, or today while on treatment
    on_treatment: bool
    best_overall_response: str
    best_change_pct: Decimal | None  # the deepest change of the target sum from baseline
    changes: tuple[tuple[int, Decimal], ...]  # (days from first dose, % change)
    responses: tuple[tuple[int, str], ...]  # (days from first dose, overall response)
    endpoints: PatientEndpoints


@dataclass(frozen=True)
class SiteResponse:
    courses: list[PatientCourse]
    orr: object
    dcr: object
    median_pfs_months: float | None
    median_os_months: float | None
    median_dor_months: float | None = None


def site_response(db: Database, protocol: Protocol, today: date) -> SiteResponse:
    """Every dosed patient's course, ORR and DCR, and Kaplan-Meier medians of PFS and OS."""
    from app.endpoints import rates
    from db.models import Patient

    with db.reading() as session:
        ids = list(session.scalars(select(Patient.id).where(cal.live(Patient))
                                   .order_by(Patient.subject_id)))
    courses = []
    for pid in ids:
        result = patient_response(db, protocol, pid, today)
        if result.endpoints is None or result.evaluation is None:
            continue
        with db.reading() as session:
            p = cal.load(session, pid).patient
            subject, last_dose = p.subject_id, p.last_dose_date
        first = result.endpoints.pfs.start
        tps = result.evaluation.timepoints
        changes = tuple(((t.date - first).days, t.change_from_baseline_pct) for t in tps
                        if t.change_from_baseline_pct is not None)
        courses.append(PatientCourse(
            subject, first, last_dose or today, last_dose is None,
            result.evaluation.best_overall_response,
            min((c for _, c in changes), default=None), changes,
            tuple(((t.date - first).days, t.overall) for t in tps), result.endpoints))
    orr, dcr = rates([c.endpoints for c in courses])
    return SiteResponse(courses, orr, dcr,
                        km_median([c.endpoints.pfs for c in courses]),
                        km_median([c.endpoints.os for c in courses]),
                        km_median([c.endpoints.dor for c in courses if c.endpoints.dor]))


def km_median(times: Sequence[TimeToEvent]) -> float | None:
    """Kaplan-Meier median in months (lifelines); None when not reached or no patients."""
    if not times:
        return None
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter()
    fitter.fit([t.months for t in times], event_observed=[t.event for t in times])
    median = fitter.median_survival_time_
    return None if median == float("inf") else float(median)
