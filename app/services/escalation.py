"""Part 1's dose escalation at the site: the cohort slots the sponsor opened and who fills
them, each patient's DLT evaluability (derived, with why) and the investigator's DLT review,
the SMC's decisions as the sponsor communicated them, and the RP2D that opens Part 2."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.infra.clock import Clock
from app.rules.dose_escalation import (
    DECISIONS,
    Decision,
    check_decision,
    check_dlt_review,
    check_part1_level,
    check_slots,
    escalation_of,
    part2_level,
)
from app.rules.protocol import Protocol
from app.services import calendar as cal
from app.services.adverse_events import dlt_period_of
from app.services.changes import reason_needed, set_changed
from app.services.conflicts import refuse_newer
from app.services.studies import study_id_of, study_protocol
from app.wording.words import count
from db import Database
from db.dosing import CohortSlot, DltReview, SmcDecision
from db.models import Patient

T = TypeVar("T")


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


def rp2d_before(session: Session, study_id: int, day: date) -> tuple[date, str] | None:
    """The RP2D in force on `day`: (when the SMC declared it, its level), declared before."""
    row = session.execute(select(SmcDecision.decided_on, SmcDecision.dose_level).where(
        SmcDecision.study_id == study_id, SmcDecision.decision == Decision.RP2D,
        SmcDecision.decided_on < day, cal.live(SmcDecision))
        .order_by(SmcDecision.decided_on.desc(), SmcDecision.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row is not None else None


def place_patient(session: Session, study_id: int, protocol: Protocol, part: int,
                  dose_level: str | None, cohort: str | None, patient_id: int | None = None,
                  enrolled: date | None = None) -> str | None:
    """The dose level a new (or re-assigned) patient takes: Part 1 an open slot's level (the
    RP2D's, once the SMC declared it before `enrolled`), Part 2 the declared RP2D;
    InvalidEntry naming the rule otherwise."""
    esc = protocol.escalation
    if esc is None:
        return dose_level
    if cohort is not None and dose_level == esc.rp2d_placeholder:
        return part2_level(rp2d_in(session, study_id))
    if cohort is None and dose_level is not None:
        declared = rp2d_before(session, study_id, enrolled) if enrolled else None
        slots = slots_at(session, study_id)
        check_part1_level(dose_level, declared,
                          slots.get(dose_level, (0, 0)) if slots else None,
                          own_slot=patient_id is not None)
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
    if rp2d is not None:  # Part 1 enrols at the RP2D once declared (check-data lists others)
        notes = {d.code: "the RP2D" if d.code == rp2d else f"closed: the RP2D is {rp2d}"
                 for d in protocol.dose_levels}
    return notes, rp2d


def open_slots(db: Database, study_id: int, dose_level: str, slots: int | None,
               opened_on: date | None, reference: str | None, today: date) -> int:
    """Record slots the sponsor opened at a Part 1 dose level."""
    dose_level, slots, opened_on = check_slots(study_protocol(db, study_id), dose_level, slots,
                                               opened_on, today)
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
    decided_on, dose_level = check_decision(study_protocol(db, study_id), decided_on, decision,
                                            dose_level, today)
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        if decision_id is None:
            row = SmcDecision(study_id=study_id)
            session.add(row)
        else:
            found = session.get(SmcDecision, decision_id)
            if found is None or found.study_id != study_id or found.deleted_at is not None:
                raise NotFound("decision", "This decision is no longer on record")
            refuse_newer(found, version, "decision",
                         "Changed by someone else meanwhile: open it again")
            row = found
        set_changed(row, {"decided_on": decided_on, "decision": decision,
                          "dose_level": dose_level,
                          "minutes_ref": (minutes_ref or "").strip() or None,
                          "comment": (comment or "").strip() or None})
        session.flush()
        return row.id


def review_dlt(db: Database, patient_id: int, evaluable: bool, dlt: bool,
               comment: str | None, today: date, reason: str | None = None,
               version: int | None = None) -> int:
    """The investigator's review of a Part 1 patient at the end of the DLT period (then
    signed as "DLT review"); a saved review changes only with a reason."""
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id)
        protocol = loaded.protocol
        check_dlt_review(protocol, loaded.patient.part, dlt_period_of(protocol, loaded, today),
                         evaluable, dlt, today)
        row = session.scalar(select(DltReview).where(DltReview.patient_id == patient_id))
        if row is None:
            row = DltReview(patient_id=patient_id)
            session.add(row)
        else:
            refuse_newer(row, version, "evaluable",
                         "Reviewed by someone else meanwhile: open it again")
        set_changed(row, {"evaluable": evaluable, "dlt": dlt,
                          "comment": (comment or "").strip() or None,
                          "reviewed_by": session.info.get("actor") or db.actor,
                          "reviewed_at": Clock.utc_now()})
        session.flush()
        return row.id


__all__ = ["DECISIONS", "Decision", "DecisionRow", "arm_notes", "escalation_of", "open_slots",
           "place_patient", "record_decision", "review_dlt", "rp2d_before", "rp2d_in",
           "slots_at"]
