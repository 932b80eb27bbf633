"""Part 1's dose escalation at the site: the cohort slots the sponsor opened and who fills
them, each patient's DLT evaluability (derived, with why) and the investigator's DLT review,
the SMC's decisions as the sponsor communicated them, and the RP2D that opens Part 2."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.dates import fmt_date
from app.dosing import Evaluability, Evaluable, Modification, Supply, evaluability
from app.errors import InvalidEntry
from app.protocol import Protocol
from app.protocol.dosing import Escalation
from app.safety import dlt_period
from app.services import calendar as cal
from app.services.adverse_events import dlt_period_of
from app.services.changes import reason_needed, set_changed
from app.services.dosing import as_supply, cycle_compliance
from app.services.errors import EditConflict
from app.services.studies import study_id_of, study_protocol
from app.site_time import utc
from app.words import count
from db import Database
from db.dosing import CohortSlot, Dispensing, DltReview, DoseModification, SmcDecision
from db.models import AdverseEvent, CalendarVisit, Patient

T = TypeVar("T")


class Decision(StrEnum):
    ESCALATE = "escalate"
    STAY = "stay"
    DE_ESCALATE = "de-escalate"
    MTD = "MTD declared"
    RP2D = "RP2D declared"


DECISIONS = tuple(Decision)


def _escalation(protocol: Protocol) -> Escalation:
    if protocol.escalation is None:
        raise InvalidEntry("dose_level", f"The protocol of {protocol.code} has no dose "
                           "escalation ([escalation] section)")
    return protocol.escalation


# --- slots and the RP2D: what enrolment asks ------------------------------------------------

def slots_at(session: Session, study_id: int) -> dict[str, tuple[int, int]]:
    """(opened, filled) per Part 1 dose level; {} when the site records no slots, in which
    case enrolment is not limited by them. Screen failures free their slot."""
    opened: dict[str, int] = {}
    for level, n in session.execute(select(CohortSlot.dose_level, func.sum(CohortSlot.slots))
                                    .where(CohortSlot.study_id == study_id,
                                           cal.live(CohortSlot))
                                    .group_by(CohortSlot.dose_level)):
        opened[level] = int(n or 0)
    if not opened:
        return {}
    filled = dict(session.execute(
        select(Patient.dose_level, func.count()).where(
            Patient.study_id == study_id, Patient.part == 1, cal.live(Patient),
            Patient.screen_fail_date.is_(None)).group_by(Patient.dose_level)).all())
    levels = set(opened) | {k for k in filled if k}
    return {k: (opened.get(k, 0), int(filled.get(k, 0))) for k in levels}


def rp2d_in(session: Session, study_id: int) -> str | None:
    """The dose level the SMC declared the RP2D (its latest such decision), if any."""
    return session.scalar(select(SmcDecision.dose_level).where(
        SmcDecision.study_id == study_id, SmcDecision.decision == Decision.RP2D,
        cal.live(SmcDecision)).order_by(SmcDecision.decided_on.desc(), SmcDecision.id.desc())
        .limit(1))


def place_patient(session: Session, study_id: int, protocol: Protocol, part: int,
                  dose_level: str | None, cohort: str | None, patient_id: int | None = None
                  ) -> str | None:
    """The dose level a new (or re-assigned) patient takes: Part 1 an open slot's level,
    Part 2 the declared RP2D; InvalidEntry naming the rule otherwise."""
    esc = protocol.escalation
    if esc is None:
        return dose_level
    if cohort is not None and dose_level == esc.rp2d_placeholder:
        rp2d = rp2d_in(session, study_id)
        if rp2d is None:
            raise InvalidEntry("cohort", "Part 2 opens at the RP2D, which the SMC has not "
                               "declared yet: record the SMC's decision under Escalation first")
        return rp2d
    if cohort is None and dose_level is not None:
        slots = slots_at(session, study_id)
        if slots:
            opened, filled = slots.get(dose_level, (0, 0))
            if patient_id is not None:
                filled -= 1  # the patient's own slot, when re-assigned
            if filled >= opened:
                raise InvalidEntry("dose_level", f"{dose_level} has no open slot "
                                   f"({filled} of {count(opened, 'slot')} filled): enrol "
                                   "once the sponsor opens one, recorded under Escalation")
    return dose_level


def arm_notes(db: Database, protocol: Protocol) -> tuple[dict[str, str], str | None]:
    """What the enrolment form says beside each Part 1 dose level (its open slots, where
    the site records slots) and the RP2D Part 2's cohorts enrol at (None: not declared)."""
    if protocol.escalation is None:
        return {}, None
    with db.reading(purpose=None) as session:
        study_id = study_id_of(session, protocol)
        slots, rp2d = slots_at(session, study_id), rp2d_in(session, study_id)
    notes = {code: (f"{count(opened - filled, 'slot')} open" if opened > filled else "full")
             for code, (opened, filled) in slots.items()}
    return notes, rp2d


def open_slots(db: Database, study_id: int, dose_level: str, slots: int | None,
               opened_on: date | None, reference: str | None, today: date) -> int:
    """Record slots the sponsor opened at a Part 1 dose level."""
    protocol = study_protocol(db, study_id)
    esc = _escalation(protocol)
    assert protocol.dosing is not None
    if not dose_level:
        raise InvalidEntry("dose_level", "Choose the dose level the slots are for")
    if dose_level not in protocol.dosing.ladder:
        raise InvalidEntry("dose_level", f"{protocol.code} has no dose level '{dose_level}' "
                           f"(levels: {', '.join(protocol.dosing.ladder)})")
    if slots is None or not 1 <= slots <= 50:
        raise InvalidEntry("slots", f"Give how many slots were opened (1 to 50; a {esc.design} "
                           f"cohort has {esc.cohort_size})")
    if opened_on is None:
        raise InvalidEntry("opened_on", "Give the date the sponsor opened the slots")
    if opened_on > today:
        raise InvalidEntry("opened_on", f"{fmt_date(opened_on)} is in the future")
    with db.unit_of_work() as session:
        row = CohortSlot(study_id=study_id, dose_level=dose_level, slots=slots,
                         opened_on=opened_on, reference=(reference or "").strip() or None)
        session.add(row)
        session.flush()
        return row.id


# --- SMC decisions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DecisionRow:
    id: int
    decided_on: date
    decision: str
    dose_level: str
    minutes_ref: str | None
    comment: str | None
    version: int


def record_decision(db: Database, study_id: int, decided_on: date | None, decision: str,
                    dose_level: str | None, minutes_ref: str | None, comment: str | None,
                    today: date, decision_id: int | None = None, reason: str | None = None,
                    version: int | None = None) -> int:
    """The SMC's decision as the sponsor communicated it; an RP2D declared opens Part 2's
    cohorts at its dose level. A saved decision changes only with a reason."""
    protocol = study_protocol(db, study_id)
    _escalation(protocol)
    assert protocol.dosing is not None
    if decided_on is None:
        raise InvalidEntry("decided_on", "Give the date of the SMC's decision")
    if decided_on > today:
        raise InvalidEntry("decided_on", f"{fmt_date(decided_on)} is in the future")
    if decision not in DECISIONS:
        raise InvalidEntry("decision", "Choose the decision: " + ", ".join(DECISIONS))
    if not dose_level:
        raise InvalidEntry("dose_level", "Choose the dose level the decision is about")
    if dose_level not in protocol.dosing.ladder:
        raise InvalidEntry("dose_level", f"{protocol.code} has no dose level "
                           f"'{dose_level}' (levels: {', '.join(protocol.dosing.ladder)})")
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        if decision_id is None:
            row = SmcDecision(study_id=study_id)
            session.add(row)
        else:
            found = session.get(SmcDecision, decision_id)
            if found is None or found.study_id != study_id or found.deleted_at is not None:
                raise InvalidEntry("decision", "This decision is no longer on record")
            if version is not None and found.version != version:
                raise EditConflict("Changed by someone else meanwhile: open it again",
                                   field="decision", current_version=found.version)
            row = found
        set_changed(row, {"decided_on": decided_on, "decision": decision,
                          "dose_level": dose_level,
                          "minutes_ref": (minutes_ref or "").strip() or None,
                          "comment": (comment or "").strip() or None})
        session.flush()
        return row.id


# --- the site's escalation picture ------------------------------------------------------------

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
    mods = by_patient((m.patient_id, Modification(m.kind, m.start_date, m.end_date,
                                                  m.from_level, m.to_level, m.reason,
                                                  m.ae_id, m.id))
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
    esc = _escalation(protocol)
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


def review_dlt(db: Database, patient_id: int, evaluable: bool, dlt: bool,
               comment: str | None, today: date, reason: str | None = None,
               version: int | None = None) -> int:
    """The investigator's review of a Part 1 patient at the end of the DLT period (then
    signed as "DLT review"); a saved review changes only with a reason."""
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id)
        protocol = loaded.protocol
        _escalation(protocol)
        if loaded.patient.part not in protocol.safety.dlt.parts:
            raise InvalidEntry("evaluable", f"DLTs are reviewed in Part "
                               f"{', '.join(map(str, protocol.safety.dlt.parts))} only")
        period = dlt_period_of(protocol, loaded, today)
        if period is None:
            raise InvalidEntry("evaluable", "This patient has not been dosed: the DLT period "
                               "has not started")
        if today <= period[1]:
            raise InvalidEntry("evaluable", f"The DLT period ends {fmt_date(period[1])}: "
                               "review it after that day")
        if dlt and not evaluable:
            raise InvalidEntry("evaluable", "A patient with a DLT is DLT-evaluable")
        row = session.scalar(select(DltReview).where(DltReview.patient_id == patient_id))
        if row is None:
            row = DltReview(patient_id=patient_id)
            session.add(row)
        elif version is not None and row.version != version:
            raise EditConflict("Reviewed by someone else meanwhile: open it again",
                               field="evaluable", current_version=row.version)
        set_changed(row, {"evaluable": evaluable, "dlt": dlt,
                          "comment": (comment or "").strip() or None,
                          "reviewed_by": session.info.get("actor") or db.actor,
                          "reviewed_at": Clock.utc_now()})
        session.flush()
        return row.id


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

__all__ = ["DECISIONS", "SUMMARY_COLUMNS", "Decision", "DecisionRow", "EscalationPatient",
           "EscalationView", "LevelRow", "ReviewView", "arm_notes", "escalation_view", "open_slots",
           "place_patient", "record_decision", "review_dlt", "rp2d_in", "slots_at", "summary",
           "summary_rows"]
