"""Part 1's dose escalation at the site: the cohort slots the sponsor opened and who fills
them, each patient's DLT evaluability (derived, with why) and the investigator's DLT review,
the SMC's decisions as the sponsor communicated them, and the RP2D that opens Part 2."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidEntry
from app.infra.clock import Clock
from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.rules.protocol.dosing import Escalation
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


class Decision(StrEnum):
    ESCALATE = "escalate"
    STAY = "stay"
    DE_ESCALATE = "de-escalate"
    MTD = "MTD declared"
    RP2D = "RP2D declared"


DECISIONS = tuple(Decision)


def escalation_of(protocol: Protocol) -> Escalation:
    if protocol.escalation is None:
        raise InvalidEntry("dose_level", "The protocol of {code} has no dose escalation "
                                         "([escalation] section)",
                                         code=protocol.code)
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
        rp2d = rp2d_in(session, study_id)
        if rp2d is None:
            raise InvalidEntry("cohort", "Part 2 opens at the RP2D, which the SMC has not "
                               "declared yet: record the SMC's decision under Escalation first")
        return rp2d
    if cohort is None and dose_level is not None:
        declared = rp2d_before(session, study_id, enrolled) if enrolled else None
        if declared is not None and declared[1] != dose_level:
            raise InvalidEntry("dose_level", "The SMC declared the RP2D at {rp2d} on "
                                             "{decided_on}: a patient enrolled since then is "
                                             "treated at {rp2d}, not {dose_level}",
                                             rp2d=declared[1],
                                             decided_on=fmt_date(declared[0]),
                                             dose_level=dose_level)
        slots = slots_at(session, study_id)
        if slots:
            opened, filled = slots.get(dose_level, (0, 0))
            if patient_id is not None:
                filled -= 1  # the patient's own slot, when re-assigned
            if filled >= opened:
                raise InvalidEntry("dose_level", "{dose_level} has no open slot ({filled} of "
                                                 "{slots} filled): enrol once the sponsor opens "
                                                 "one, recorded under Escalation",
                                                 dose_level=dose_level, filled=filled,
                                                 slots=count(opened, 'slot'))
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
    protocol = study_protocol(db, study_id)
    esc = escalation_of(protocol)
    assert protocol.dosing is not None
    if not dose_level:
        raise InvalidEntry("dose_level", "Choose the dose level the slots are for")
    if dose_level not in protocol.dosing.ladder:
        raise InvalidEntry("dose_level", "{code} has no dose level '{dose_level}' (levels: "
                                         "{ladder})",
                                         code=protocol.code, dose_level=dose_level,
                                         ladder=', '.join(protocol.dosing.ladder))
    if slots is None or not 1 <= slots <= 50:
        raise InvalidEntry("slots", "Give how many slots were opened (1 to 50; a {design} cohort "
                                    "has {cohort_size})",
                                    design=esc.design, cohort_size=esc.cohort_size)
    if opened_on is None:
        raise InvalidEntry("opened_on", "Give the date the sponsor opened the slots")
    if opened_on > today:
        raise InvalidEntry("opened_on", "{opened_on} is in the future",
                                        opened_on=fmt_date(opened_on))
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
    escalation_of(protocol)
    assert protocol.dosing is not None
    if decided_on is None:
        raise InvalidEntry("decided_on", "Give the date of the SMC's decision")
    if decided_on > today:
        raise InvalidEntry("decided_on", "{decided_on} is in the future",
                                         decided_on=fmt_date(decided_on))
    if decision not in DECISIONS:
        raise InvalidEntry("decision", "Choose the decision: " + ", ".join(DECISIONS))
    if not dose_level:
        raise InvalidEntry("dose_level", "Choose the dose level the decision is about")
    if dose_level not in protocol.dosing.ladder:
        raise InvalidEntry("dose_level", "{code} has no dose level '{dose_level}' (levels: "
                                         "{ladder})",
                                         code=protocol.code, dose_level=dose_level,
                                         ladder=', '.join(protocol.dosing.ladder))
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        if decision_id is None:
            row = SmcDecision(study_id=study_id)
            session.add(row)
        else:
            found = session.get(SmcDecision, decision_id)
            if found is None or found.study_id != study_id or found.deleted_at is not None:
                raise InvalidEntry("decision", "This decision is no longer on record")
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
        escalation_of(protocol)
        if loaded.patient.part not in protocol.safety.dlt.parts:
            raise InvalidEntry("evaluable", "DLTs are reviewed in Part {parts} only",
                                            parts=', '.join(map(str, protocol.safety.dlt.parts)))
        period = dlt_period_of(protocol, loaded, today)
        if period is None:
            raise InvalidEntry("evaluable", "This patient has not been dosed: the DLT period "
                               "has not started")
        if today <= period[1]:
            raise InvalidEntry("evaluable", "The DLT period ends {period_end}: review it after "
                                            "that day",
                                            period_end=fmt_date(period[1]))
        if dlt and not evaluable:
            raise InvalidEntry("evaluable", "A patient with a DLT is DLT-evaluable")
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
