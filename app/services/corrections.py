"""Records entered in error: marked with who, when and why, kept, never deleted.

An adverse event, a scan, a survival contact or an unscheduled visit that should never have
been recorded leaves every listing and analysis, and stays on record: the patient's page
shows it struck through with "Show entered in error", and the audit trail keeps its story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from app.errors import NotFound
from app.rules.dates import fmt_date
from app.rules.entered_in_error import (
    check_contact_removable,
    check_not_calendar_visit,
    check_removal,
)
from app.rules.protocol import Protocol
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.changes import withdraw
from db import Database
from db.dosing import Dispensing, DoseModification
from db.findings import ConMed, MedicalHistory
from db.models import (
    AdverseEvent,
    LesionMeasurement,
    SurvivalContact,
    TumourAssessment,
    VisitRecord,
)

#: what can be entered in error: its table and its name on screen
KINDS: dict[str, tuple[Any, str]] = {
    "ae": (AdverseEvent, "adverse event"),
    "scan": (TumourAssessment, "scan"),
    "contact": (SurvivalContact, "survival contact"),
    "unscheduled": (VisitRecord, "unscheduled visit"),
    "dose_modification": (DoseModification, "dose modification"),
    "dispensing": (Dispensing, "dispensing"),
    "conmed": (ConMed, "con-med"),
    "history": (MedicalHistory, "history item"),
}


@dataclass(frozen=True)
class Removed:
    """A record entered in error, as the patient's page lists it."""

    kind: str
    id: int
    what: str  # "Scan 12-FEB-2026"
    day: date | None  # the record's own date (onset, scan, contact, visit)
    removed_at: datetime
    removed_by: str
    removed_reason: str


@attempt("mark a record of {subject} entered in error")
def enter_in_error(db: Database, protocol: Protocol, patient_id: int, kind: str,
                   record_id: int, reason: str, today: date) -> None:
    """Mark one record entered in error; the calendar and the analyses follow."""
    word = check_removal(kind, reason, {k: w for k, (_model, w) in KINDS.items()})
    model = KINDS[kind][0]
    with db.unit_of_work(reason=reason.strip()) as session:
        loaded = cal.load(session, patient_id, protocol)  # the patient's study: the user's
        row = session.get(model, record_id)
        if row is None or row.patient_id != patient_id or row.deleted_at is not None:
            raise NotFound("record", "This {word} is not on record for this patient",
                                         word=word)
        if kind == "unscheduled":
            check_not_calendar_visit(kind, row.unscheduled)
        if kind == "contact":
            p = loaded.patient
            check_contact_removable(row.result, row.contact_date, row.death_date,
                                    p.death_date, p.lost_to_follow_up_date)
        actor = session.info.get("actor")
        withdraw(row, actor, reason.strip())
        if kind == "scan":
            for lesion in session.scalars(select(LesionMeasurement).where(
                    LesionMeasurement.assessment_id == record_id, cal.live(LesionMeasurement))):
                withdraw(lesion, actor, reason.strip())
        session.flush()
        cal.rebuild(session, patient_id, today, field="record")


def removed_records(db: Database, patient_id: int) -> list[Removed]:
    """The patient's records entered in error, newest removal first."""
    out: list[Removed] = []
    with db.reading() as session:
        cal.load(session, patient_id)

        def gone(model: Any) -> Any:
            return select(model).where(model.patient_id == patient_id,
                                       model.deleted_at.is_not(None))

        for ae in session.scalars(gone(AdverseEvent)):
            out.append(Removed("ae", ae.id, f"AE {ae.term or ae.verbatim}", ae.onset_date,
                               ae.deleted_at, ae.deleted_by or "", ae.delete_reason or ""))
        for scan in session.scalars(gone(TumourAssessment)):
            out.append(Removed("scan", scan.id, f"Scan {fmt_date(scan.scan_date)}",
                               scan.scan_date, scan.deleted_at, scan.deleted_by or "",
                               scan.delete_reason or ""))
        for c in session.scalars(gone(SurvivalContact)):
            out.append(Removed("contact", c.id, f"Survival contact {fmt_date(c.contact_date)}",
                               c.contact_date, c.deleted_at, c.deleted_by or "",
                               c.delete_reason or ""))
        for v in session.scalars(gone(VisitRecord).where(VisitRecord.unscheduled.is_(True))):
            out.append(Removed("unscheduled", v.id,
                               f"{v.code} Unscheduled: {v.unscheduled_reason or ''}".strip(),
                               v.actual_date, v.deleted_at, v.deleted_by or "",
                               v.delete_reason or ""))
        for m in session.scalars(gone(DoseModification)):
            out.append(Removed("dose_modification", m.id, f"Dose {m.kind} from "
                               f"{fmt_date(m.start_date)}", m.start_date, m.deleted_at,
                               m.deleted_by or "", m.delete_reason or ""))
        for d in session.scalars(gone(Dispensing)):
            out.append(Removed("dispensing", d.id, f"Cycle {d.cycle} lot {d.lot} dispensed",
                               d.dispensed_on, d.deleted_at, d.deleted_by or "",
                               d.delete_reason or ""))
        for c in session.scalars(gone(ConMed)):
            out.append(Removed("conmed", c.id, f"Con-med {c.drug}", c.start_date,
                               c.deleted_at, c.deleted_by or "", c.delete_reason or ""))
        for h in session.scalars(gone(MedicalHistory)):
            out.append(Removed("history", h.id, f"History {h.term}", h.start_date,
                               h.deleted_at, h.deleted_by or "", h.delete_reason or ""))
    out.sort(key=lambda r: r.removed_at, reverse=True)
    return out


__all__ = ["KINDS", "Removed", "enter_in_error", "removed_records"]
