"""The site's dose-escalation picture: each Part 1 dose level with its slots, every
patient's DLT evaluability (derived, with why) and the investigator's review, the SMC's
decisions; and the summary `sitetrack escalation` prints and the place exports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.dosing import Evaluability, Evaluable, Modification, Supply, evaluability
from app.rules.protocol import Protocol
from app.rules.safety import dlt_period
from app.rules.site_time import utc
from app.services import calendar as cal
from app.services.dosing import as_supply, cycle_compliance
from app.services.escalation import Decision, DecisionRow, escalation_of, slots_at
from app.services.studies import study_protocol
from db import Database
from db.dosing import Dispensing, DltReview, DoseModification, SmcDecision
from db.models import AdverseEvent, CalendarVisit, Patient

T = TypeVar("T")


@dataclass(frozen=True)
class ReviewView:
    id: int
    evaluable: bool
    dlt: bool
    comment: str | None
    reviewed_by: str
    reviewed_at: datetime
    version: int


@dataclass(frozen=True)
class EscalationPatient:
    patient_id: int
    subject_id: str
    dose_level: str
    status: str
    evaluability: Evaluability
    period_end: date | None
    review: ReviewView | None

    @property
    def evaluable(self) -> bool:
        """What counts: the investigator's review where signed off, else the derivation."""
        if self.review is not None:
            return self.review.evaluable
        return self.evaluability.status is Evaluable.YES

    @property
    def dlt(self) -> bool:
        return self.review.dlt if self.review is not None else self.evaluability.dlt


@dataclass(frozen=True)
class LevelRow:
    code: str
    dose: str  # "DL2 · 100 mg"
    opened: int | None  # None: slots not recorded
    patients: tuple[EscalationPatient, ...]

    @property
    def enrolled(self) -> int:
        return len(self.patients)

    @property
    def evaluable(self) -> int:
        return sum(p.evaluable for p in self.patients)

    @property
    def with_dlt(self) -> int:
        return sum(p.dlt for p in self.patients)

    @property
    def open(self) -> int | None:
        return None if self.opened is None else max(0, self.opened - self.enrolled)


@dataclass(frozen=True)
class EscalationView:
    study: str
    design: str
    levels: tuple[LevelRow, ...]
    decisions: tuple[DecisionRow, ...]
    rp2d: str | None
    mtd: str | None


@dataclass(frozen=True)
class _Part1:
    """What every Part 1 patient's evaluability needs, read in a few queries for all of them
    (a site's place opens as fast with 5,000 patients as with 30)."""

    firsts: dict[int, date]
    anchors: dict[int, date]  # the DLT period's end anchor (C1D1): actual, else target
    day1s: dict[int, date]  # cycle 1's day 1
    dlts: dict[int, list[tuple[date, str]]]
    mods: dict[int, list[Modification]]
    supplies: dict[int, list[Supply]]


def _part1(session: Session, protocol: Protocol, ids: list[int]) -> _Part1:
    def by_patient(rows: Iterable[tuple[int, T]]) -> dict[int, list[T]]:
        out: dict[int, list[T]] = {}
        for pid, item in rows:
            out.setdefault(pid, []).append(item)
        return out

    anchor = protocol.safety.dlt.end_anchor
    first_visit = protocol.cycles.first_visit if protocol.cycles else anchor
    stored = session.execute(select(CalendarVisit.patient_id, CalendarVisit.code,
                                    CalendarVisit.actual, CalendarVisit.target).where(
        CalendarVisit.patient_id.in_(ids), CalendarVisit.code.in_([anchor, first_visit])))
    anchors, day1s = {}, {}
    for pid, code, actual, target in stored:
        if code == anchor:
            anchors[pid] = actual or target
        if code == first_visit:
            day1s[pid] = actual or target
    dlts = by_patient((ae.patient_id, (ae.onset_date, ae.term or ae.verbatim))
                      for ae in session.scalars(select(AdverseEvent).where(
                          AdverseEvent.patient_id.in_(ids), AdverseEvent.dlt.is_(True),
                          cal.live(AdverseEvent))))
    mods = by_patient((m.patient_id, cal.as_modification(m))
                      for m in session.scalars(select(DoseModification).where(
                          DoseModification.patient_id.in_(ids), cal.live(DoseModification))))
    supplies = by_patient((d.patient_id, as_supply(d)) for d in session.scalars(
        select(Dispensing).where(Dispensing.patient_id.in_(ids), cal.live(Dispensing))))
    firsts = cal.first_doses(session, dict.fromkeys(ids, protocol), ids)
    return _Part1(firsts, anchors, day1s, dlts, mods, supplies)


def _patient(protocol: Protocol, data: _Part1, p: Patient, today: date,
             review: DltReview | None) -> EscalationPatient:
    esc = protocol.escalation
    assert esc is not None
    first, anchor = data.firsts.get(p.id), data.anchors.get(p.id)
    period = dlt_period(protocol, first, anchor) if first and anchor else None
    supplies = data.supplies.get(p.id, [])
    day1 = data.day1s.get(p.id)
    c1 = next((c for c in cycle_compliance(
        protocol, p.dose_level, data.mods.get(p.id, []), supplies,
        {1: day1} if day1 else {}, p.last_dose_date) if c.cycle == 1), None)
    ev = evaluability(esc, period, data.dlts.get(p.id, []), c1, p.last_dose_date, today)
    view = None if review is None else ReviewView(
        review.id, review.evaluable, review.dlt, review.comment, review.reviewed_by,
        utc(review.reviewed_at), review.version)
    return EscalationPatient(p.id, p.subject_id, p.dose_level or "", p.status, ev,
                             period[1] if period else None, view)


def escalation_view(db: Database, study_id: int, today: date) -> EscalationView:
    """Each Part 1 dose level with its slots, patients (evaluable or not, and why; DLTs),
    and the SMC's decisions, newest first."""
    protocol = study_protocol(db, study_id)
    esc = escalation_of(protocol)
    assert protocol.dosing is not None
    with db.reading() as session:
        slots = slots_at(session, study_id)
        reviews = {r.patient_id: r for r in session.scalars(select(DltReview).join(
            Patient, Patient.id == DltReview.patient_id).where(Patient.study_id == study_id))}
        patients = list(session.scalars(select(Patient).where(
            Patient.study_id == study_id, Patient.part == 1, cal.live(Patient),
            Patient.screen_fail_date.is_(None)).order_by(Patient.subject_id)))
        data = _part1(session, protocol, [p.id for p in patients])
        rows = [_patient(protocol, data, p, today, reviews.get(p.id)) for p in patients]
        decisions = tuple(DecisionRow(d.id, d.decided_on, d.decision, d.dose_level,
                                      d.minutes_ref, d.comment, d.version)
                          for d in session.scalars(select(SmcDecision).where(
                              SmcDecision.study_id == study_id, cal.live(SmcDecision))
                              .order_by(SmcDecision.decided_on.desc(), SmcDecision.id.desc())))
    by_level: dict[str, list[EscalationPatient]] = {}
    for r in rows:
        by_level.setdefault(r.dose_level, []).append(r)
    levels = [code for code in reversed(protocol.dosing.ladder)
              if code in slots or code in by_level]
    return EscalationView(
        protocol.code, esc.design,
        tuple(LevelRow(code, protocol.dose_text(code),
                       slots[code][0] if slots else None,
                       tuple(by_level.get(code, ()))) for code in levels),
        decisions,
        next((d.dose_level for d in decisions if d.decision == Decision.RP2D), None),
        next((d.dose_level for d in decisions if d.decision == Decision.MTD), None))


def summary(view: EscalationView) -> dict[str, object]:
    """The site's dose-escalation summary, as `sitetrack escalation --json` prints it."""
    return {
        "study": view.study, "design": view.design, "rp2d": view.rp2d, "mtd": view.mtd,
        "dose_levels": [{
            "dose_level": lv.code, "dose": lv.dose, "slots_opened": lv.opened,
            "slots_open": lv.open, "enrolled": lv.enrolled, "evaluable": lv.evaluable,
            "with_dlt": lv.with_dlt,
            "patients": [{"subject_id": p.subject_id, "evaluable": p.evaluability.status.value,
                          "why": p.evaluability.why, "dlt": p.dlt,
                          "reviewed": p.review is not None} for p in lv.patients],
        } for lv in view.levels],
        "decisions": [{"date": d.decided_on.isoformat(), "decision": d.decision,
                       "dose_level": d.dose_level, "minutes": d.minutes_ref}
                      for d in view.decisions],
    }


def summary_rows(view: EscalationView) -> Sequence[list[str]]:
    return [[lv.dose, str(lv.enrolled), str(lv.evaluable), str(lv.with_dlt),
             "" if lv.opened is None else str(lv.opened)] for lv in view.levels]


SUMMARY_COLUMNS = ["Dose level", "Enrolled", "DLT-evaluable", "With a DLT", "Slots opened"]
REVIEW_COLUMNS = ["Subject", "Dose level", "DLT period ends", "Evaluable (derived)", "Why",
                  "Investigator's review", "Reviewed by", "Signed"]


def review_rows(db: Database, view: EscalationView) -> list[list[str]]:
    """The DLT review list: each Part 1 patient, derived and reviewed, with its signature."""
    from app.rules.dates import fmt_date
    from app.services.signatures import signatures_of

    patients = [p for lv in view.levels for p in lv.patients]
    signed = signatures_of(db, "dlt_review", [p.review.id for p in patients if p.review])
    rows = []
    for p in patients:
        r = p.review
        verdict = "" if r is None else (
            f"{'evaluable' if r.evaluable else 'not evaluable'}, "
            f"{'DLT' if r.dlt else 'no DLT'}" + (f": {r.comment}" if r.comment else ""))
        sign = signed.get(r.id) if r is not None else None
        rows.append([p.subject_id, p.dose_level,
                     fmt_date(p.period_end) if p.period_end else "",
                     p.evaluability.status.value, p.evaluability.why, verdict,
                     r.reviewed_by if r else "", sign.text if sign else ""])
    return rows


def export_escalation(db: Database, path: Path | str, view: EscalationView, user: str
                      ) -> int:
    """The dose-escalation summary and the DLT review list: two sheets of one workbook
    (.xlsx), or two CSV files (the summary at `path`, the review beside it as
    NAME-dlt-review.csv). Returns the patients listed."""
    from app.exchange.listing import write_listing, write_workbook
    from app.services.exports import listing_header

    target = Path(path)
    summary_table = (SUMMARY_COLUMNS, [list(r) for r in summary_rows(view)])
    review_table = (REVIEW_COLUMNS, review_rows(db, view))
    header = listing_header(db, "Dose-escalation summary", view.study, user)
    if target.suffix.lower() == ".xlsx":
        write_workbook(target, header, {"Dose levels": summary_table,
                                        "DLT review": review_table})
    else:
        write_listing(target, header, *summary_table)
        write_listing(target.with_name(f"{target.stem}-dlt-review{target.suffix}"),
                      replace(header, listing="DLT review"), *review_table)
    return len(review_table[1])


__all__ = ["REVIEW_COLUMNS", "SUMMARY_COLUMNS", "EscalationPatient", "EscalationView",
           "LevelRow", "ReviewView", "escalation_view", "export_escalation", "review_rows",
           "summary", "summary_rows"]
