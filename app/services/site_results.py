"""The site's results: each dosed patient's course, then ORR and DCR with exact intervals,
Kaplan-Meier medians of PFS, DOR and OS, for the site or by part, dose level or cohort, and
the DLT tally per dose level of the part that escalates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Phrase
from app.rules.endpoints import Censoring, PatientEndpoints, pfs_convention, rates
from app.rules.groups import GroupBy, group_of, group_order
from app.rules.protocol import Protocol
from app.rules.recist import Timepoint
from app.rules.statistics import Median, Proportion, clopper_pearson, km_median
from app.services import calendar as cal
from app.services.studies import study_named_in
from app.services.study_response import responses_and_first_doses
from db import Database
from db.models import AdverseEvent, Patient


@dataclass(frozen=True)
class PatientCourse:
    """One patient's line on the site's pictures and in its tables."""

    subject_id: str
    part: int
    dose_level: str | None
    cohort: str | None
    first_dose: date
    end: date  # last dose, or today while on treatment
    on_treatment: bool
    best_overall_response: str
    best_change_pct: Decimal | None  # the deepest change of the target sum from baseline
    changes: tuple[tuple[int, Decimal], ...]  # (days from first dose, % change)
    responses: tuple[tuple[int, str], ...]  # (days from first dose, overall response)
    endpoints: PatientEndpoints
    timepoints: tuple[Timepoint, ...] = ()  # each assessment, whether it counts and why


@dataclass(frozen=True)
class GroupResult:
    group: str
    n: int
    orr: Proportion  # confirmed CR + PR
    dcr: Proportion  # CR + PR + SD at 6 weeks or later
    pfs: Median
    dor: Median  # responders only
    os: Median
    pfs_all_events: Median | None = None  # every progression or death an event (EMA-style)
    censored_for_missed_scans: int = 0  # events the FDA 2018 rule censored
    missed_limit: int = 2  # the protocol's number of missed scans that censors

    @property
    def convention(self) -> Phrase:
        return pfs_convention(self.missed_limit, self.censored_for_missed_scans)

    def to_json(self) -> dict[str, object]:
        def rate(p: Proportion) -> dict[str, object]:
            return {"count": p.count, "total": p.total, "percent": p.percent,
                    "ci95": [p.low, p.high]}

        def median(m: Median) -> dict[str, object]:
            return {"n": m.n, "events": m.events, "median_months": m.months,
                    "ci95": [m.low, m.high]}

        return {"group": self.group, "n": self.n, "orr": rate(self.orr),
                "dcr": rate(self.dcr), "pfs": median(self.pfs), "dor": median(self.dor),
                "os": median(self.os),
                "pfs_convention": {"censoring": Censoring.FDA_2018.value,
                                   "missed_scans": self.missed_limit,
                                   "censored_for_missed_scans": self.censored_for_missed_scans,
                                   "text": str(self.convention)},
                "pfs_all_events": None if self.pfs_all_events is None
                else median(self.pfs_all_events)}


@dataclass(frozen=True)
class DltTally:
    """Part 1 patients dosed at a dose level, and those with a DLT."""

    dose_level: str
    dosed: int
    with_dlt: int

    def to_json(self) -> dict[str, object]:
        return {"dose_level": self.dose_level, "dosed": self.dosed, "with_dlt": self.with_dlt}


def site_courses(db: Database, protocol: Protocol, today: date) -> list[PatientCourse]:
    """Every dosed patient's course in the study of `protocol`, by subject ID (no patient
    falls out for want of scans: their best response is NE)."""
    with db.reading() as session:
        return _read_courses(session, study_named_in(session, protocol), today).courses


@dataclass(frozen=True)
class _Read:
    courses: list[PatientCourse]
    patients: list[tuple[int, str, int, str | None, str | None, date | None]]
    first_doses: dict[int, date]


def _read_courses(session: Session, study: int | None, today: date) -> _Read:
    """The study's courses, its patients and their first doses, in one query per table for
    the whole study (the DLT tally counts from the same rows)."""
    patients = [(pid, subject, part, dose_level, cohort, last_dose)
                for pid, subject, part, dose_level, cohort, last_dose in session.execute(
        select(Patient.id, Patient.subject_id, Patient.part, Patient.dose_level,
               Patient.cohort, Patient.last_dose_date)
        .where(cal.live(Patient), Patient.study_id == study)
        .order_by(Patient.subject_id))]
    found, firsts = responses_and_first_doses(session, study)
    results = [found[pid] for pid, *_ in patients]
    courses = []
    for (_pid, subject, part, dose_level, cohort, last_dose), result in zip(
            patients, results, strict=True):
        if result.endpoints is None or result.evaluation is None:
            continue
        first = result.endpoints.pfs.start
        tps = result.evaluation.timepoints
        changes = tuple(((t.date - first).days, t.change_from_baseline_pct) for t in tps
                        if t.change_from_baseline_pct is not None)
        courses.append(PatientCourse(
            subject, part, dose_level, cohort, first, last_dose or today, last_dose is None,
            result.evaluation.best_overall_response,
            min((c for _, c in changes), default=None), changes,
            tuple(((t.date - first).days, t.overall) for t in tps), result.endpoints, tps))
    return _Read(courses, patients, firsts)


def group_results(courses: list[PatientCourse], protocol: Protocol,
                  by: GroupBy | None = None) -> list[GroupResult]:
    """Per group: n, ORR and DCR with exact 95 % intervals, KM medians with 95 % intervals.
    Groups with no patient are listed too (n = 0), in the protocol's order."""
    members: dict[str, list[PatientCourse]] = {g: [] for g in group_order(protocol, by)}
    for c in courses:
        group = group_of(protocol, by, c.part, c.dose_level, c.cohort)
        if group is not None:
            members.setdefault(group, []).append(c)
    out = []
    for group, cs in members.items():
        e = [c.endpoints for c in cs]
        orr, dcr = rates(e)
        out.append(GroupResult(
            group, len(cs), clopper_pearson(orr.count, orr.total),
            clopper_pearson(dcr.count, dcr.total),
            km_median([p.pfs for p in e]), km_median([p.dor for p in e if p.dor]),
            km_median([p.os for p in e]),
            km_median([p.pfs_all_events or p.pfs for p in e]),
            sum(p.censored_for_missed_scans for p in e),
            protocol.response.pfs_missed_scans))
    return out


def dlt_tally(protocol: Protocol, read: _Read, with_dlt: set[int]) -> list[DltTally]:
    """DLTs per dose level in the parts that assess them: patients dosed, patients with at
    least one DLT (each patient counted once)."""
    parts = set(protocol.safety.dlt.parts)
    out = []
    for level in sorted(protocol.dose_levels, key=lambda d: (d.dose_mg or 0, d.code)):
        dosed = [pid for pid, _subject, part, dl, *_ in read.patients
                 if part in parts and dl == level.code and pid in read.first_doses]
        out.append(DltTally(protocol.dose_text(level.code), len(dosed),
                            sum(pid in with_dlt for pid in dosed)))
    return out


def _with_dlt(session: Session, study: int | None) -> set[int]:
    """The study's patients with at least one DLT recorded."""
    return set(session.scalars(select(AdverseEvent.patient_id).join(
        Patient, Patient.id == AdverseEvent.patient_id).where(
        AdverseEvent.dlt.is_(True), cal.live(AdverseEvent), cal.live(Patient),
        Patient.study_id == study)))


@dataclass(frozen=True)
class SiteResults:
    courses: list[PatientCourse]
    groups: list[GroupResult]
    dlts: list[DltTally]


@dataclass(frozen=True)
class SiteAnalysis:
    """The site's results with every grouping worked out at once (the Response place shows
    one and switches between them without computing)."""

    results: SiteResults
    grouped: dict[GroupBy | None, list[GroupResult]]


def site_analysis(db: Database, protocol: Protocol, today: date) -> SiteAnalysis:
    results = site_results(db, protocol, today)
    return SiteAnalysis(results, {by: group_results(results.courses, protocol, by)
                                  for by in (None, *GroupBy)})


def site_results(db: Database, protocol: Protocol, today: date, by: GroupBy | None = None
                 ) -> SiteResults:
    with db.reading() as session:  # the courses and the DLT tally read the same rows once
        study = study_named_in(session, protocol)
        read = _read_courses(session, study, today)
        with_dlt = _with_dlt(session, study)
    return SiteResults(read.courses, group_results(read.courses, protocol, by),
                       dlt_tally(protocol, read, with_dlt))
