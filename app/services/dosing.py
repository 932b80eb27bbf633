"""One patient's dosing as the site records it: dose modifications and holds (linked to the
AE that caused them), study drug dispensed and returned per cycle, the diary's missed doses,
and what follows from them: the level today, compliance per cycle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.rules.calendar import Calendar
from app.rules.dates import fmt_date
from app.rules.dosing import (
    HOLD,
    Compliance,
    Modification,
    Supply,
    check_modification,
    compliance,
    held_on,
    hold_days,
    hold_overrun,
    level_on,
)
from app.rules.drug_supply import SupplyForm, check_supply_form, dosing_of
from app.rules.protocol import Protocol
from app.services import calendar as cal
from app.services.changes import delegated, reason_needed, set_changed
from app.services.conflicts import refuse_newer
from app.services.patient_rows import patient_rows
from db import Database
from db.dosing import Dispensing, DoseModification
from db.models import AdverseEvent, Patient

EDITED_MEANWHILE = ("Changed by someone else while you were editing: close the window and "
                    "open it again")


@dataclass(frozen=True)
class SupplyRow:
    id: int
    cycle: int
    dispensed_on: date
    lot: str
    dispensed: int
    returned_on: date | None
    returned: int | None
    missed_doses: int | None
    comment: str | None
    version: int


@dataclass(frozen=True)
class ModificationRow:
    mod: Modification
    ae_name: str  # the AE that caused it ("" when none)
    version: int


@dataclass(frozen=True)
class DosingPage:
    """What the patient's Dosing tab shows."""

    enrolled_level: str | None
    level_today: str | None
    held_since: date | None  # the hold in force today
    overrun: str  # an ongoing hold longer than the protocol allows, in words ("" if none)
    modifications: tuple[ModificationRow, ...]
    supplies: tuple[SupplyRow, ...]
    compliance: tuple[Compliance, ...]
    last_dose: date | None = None  # treatment ended: the level is the last one given


def _stored_modifications(session: Session, patient_id: int) -> list[DoseModification]:
    return patient_rows(session, "dose_modification", patient_id, lambda ids: select(
        DoseModification).where(DoseModification.patient_id.in_(ids),
                                cal.live(DoseModification))
        .order_by(DoseModification.start_date, DoseModification.id))


def modifications_of(session: Session, patient_id: int) -> list[Modification]:
    return [cal.as_modification(m) for m in _stored_modifications(session, patient_id)]


def supplies_of(session: Session, patient_id: int) -> list[Dispensing]:
    return patient_rows(session, "dispensing", patient_id, lambda ids: select(Dispensing)
                        .where(Dispensing.patient_id.in_(ids), cal.live(Dispensing))
                        .order_by(Dispensing.cycle, Dispensing.dispensed_on, Dispensing.id))


def cycle_day1s(protocol: Protocol, calendar: Calendar | None) -> dict[int, date]:
    """Each cycle's day 1 (its actual date, else its target): where its doses start."""
    c = protocol.cycles
    out: dict[int, date] = {}
    if c is None or calendar is None:
        return out
    for v in calendar.visits:
        if v.code == c.first_visit:
            out[1] = v.actual or v.target
        elif protocol.is_cycle_day1(v.code) and v.cycle:
            out[v.cycle] = v.actual or v.target
    return out


def cycle_compliance(protocol: Protocol, enrolled_at: str | None,
                     mods: Sequence[Modification], supplies: Sequence[Supply],
                     day1s: dict[int, date], last_dose: date | None = None
                     ) -> list[Compliance]:
    """Compliance for each cycle something was dispensed for (a cycle the last dose cut
    short plans its days up to that dose only)."""
    dosing = protocol.dosing
    length = protocol.cycle_length_days
    if dosing is None or length is None:
        return []
    out = []
    doses = {d.code: d.dose_mg for d in protocol.dose_levels}

    def tablets_on(day: date | None) -> int:
        level = level_on(enrolled_at, mods, day) if day else enrolled_at
        return dosing.tablets_per_dose(doses.get(level or ""))

    for n in sorted({s.cycle for s in supplies}):
        start = day1s.get(n)
        held, days = 0, length
        per_day: int | list[int] = tablets_on(start)
        if start is not None:
            end = start + timedelta(days=length - 1)
            if last_dose is not None and start <= last_dose < end:
                end, days = last_dose, (last_dose - start).days + 1
            held = hold_days(mods, start, end)
            # each day's dose at the level in force that day, held days left out
            per_day = [tablets_on(day) for day in (start + timedelta(days=i)
                                                    for i in range(days))
                       if held_on(mods, day) is None] or [tablets_on(start)]
        out.append(compliance(dosing, n, days, supplies, per_day, held))
    return out


def as_supply(d: Dispensing) -> Supply:
    return Supply(d.cycle, d.dispensed, d.returned, d.missed_doses)


def dosing_page(db: Database, patient_id: int, today: date) -> DosingPage:
    with db.reading() as session:
        loaded = cal.load(session, patient_id)
        protocol = loaded.protocol
        stored = _stored_modifications(session, patient_id)
        mods = [cal.as_modification(m) for m in stored]
        rows = supplies_of(session, patient_id)
        aes = {a.id: a.term or a.verbatim for a in session.scalars(select(AdverseEvent).where(
            AdverseEvent.patient_id == patient_id))}
        calendar = cal.calendar_of(loaded, protocol, today)
    enrolled = loaded.patient.dose_level
    stopped = loaded.patient.last_dose_date
    today = min(today, stopped) if stopped else today  # after the end: as it was at the end
    held = held_on(mods, today)
    over = hold_overrun(protocol.dosing, mods, today) if protocol.dosing else None
    overrun = ""
    if over is not None and protocol.dosing is not None:
        overrun = (f"Held for {(today - over.start).days + 1} days, longer than the "
                   f"{protocol.dosing.max_hold_days} the protocol allows: the patient stops "
                   "treatment (End of treatment)")
    return DosingPage(
        enrolled, level_on(enrolled, mods, today), held.start if held else None, overrun,
        tuple(ModificationRow(m, aes.get(m.ae_id or 0, ""), row.version)
              for m, row in zip(mods, stored, strict=True)),
        tuple(SupplyRow(d.id, d.cycle, d.dispensed_on, d.lot, d.dispensed, d.returned_on,
                        d.returned, d.missed_doses, d.comment, d.version) for d in rows),
        tuple(cycle_compliance(protocol, enrolled, mods, [as_supply(d) for d in rows],
                               cycle_day1s(protocol, calendar),
                               loaded.patient.last_dose_date)), stopped)


def dosing_notes(session: Session, protocol: Protocol, patient: Patient, day: date
                 ) -> tuple[str | None, tuple[str, ...]]:
    """The dose level on `day` and what a dosing worksheet prints of the dosing as it
    stands: the level's changes, a hold in force, the last lot, compliance per cycle."""
    mods = modifications_of(session, patient.id)
    rows = supplies_of(session, patient.id)
    level = level_on(patient.dose_level, mods, day)
    notes = []
    if level != patient.dose_level:
        notes.append(f"Dose level {protocol.dose_text(level)} from "
                     f"{fmt_date(max(m.start for m in mods if m.kind != HOLD and m.start <= day))}"
                     f"; enrolled at {protocol.dose_text(patient.dose_level)}")
    held = held_on(mods, day)
    if held is not None:
        until = f" to {fmt_date(held.end)}" if held.end else ", ongoing"
        notes.append(f"DOSE HELD from {fmt_date(held.start)}{until}: {held.reason}")
    if rows:
        last = rows[-1]
        notes.append(f"Last dispensed: cycle {last.cycle}, lot {last.lot}, {last.dispensed} "
                     f"tablets on {fmt_date(last.dispensed_on)}")
        day1s = {v.cycle or 1: v.actual or v.target for v in cal.calendar_rows(session, patient.id)
                 if protocol.is_cycle_day1(v.code)}
        for c in cycle_compliance(protocol, patient.dose_level, mods,
                                  [as_supply(d) for d in rows], day1s,
                                  patient.last_dose_date):
            notes.append(f"Cycle {c.cycle} compliance: {c.text}")
    return level, tuple(notes)


@delegated("dosing")
def save_modification(db: Database, patient_id: int, new: Modification, today: date,
                      reason: str | None = None, version: int | None = None) -> int:
    """Record a dose reduction, re-escalation or hold (or correct one, with a reason); the
    calendar follows a hold that ended over a cycle's day 1."""
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id)
        protocol = loaded.protocol
        dosing = dosing_of(protocol)
        others = [m for m in modifications_of(session, patient_id) if m.id != new.id]
        if new.ae_id is not None:
            ae = session.get(AdverseEvent, new.ae_id)
            if ae is None or ae.patient_id != patient_id or ae.deleted_at is not None:
                raise NotFound("ae", "Choose one of this patient's adverse events")
        first = cal.dosed_on(loaded.records, protocol)
        checked = check_modification(dosing, loaded.patient.dose_level, new, others,
                                     first, today)
        if new.id is None:
            row = DoseModification(patient_id=patient_id)
            session.add(row)
        else:
            found = session.get(DoseModification, new.id)
            if found is None or found.patient_id != patient_id or found.deleted_at:
                raise NotFound("kind", "This dose modification is no longer on record")
            row = found
            refuse_newer(row, version, "reason", EDITED_MEANWHILE)
        set_changed(row, {"kind": checked.kind, "start_date": checked.start,
                          "end_date": checked.end, "from_level": checked.from_level,
                          "to_level": checked.to_level, "reason": checked.reason,
                          "ae_id": checked.ae_id})
        session.flush()
        cal.rebuild(session, patient_id, today, field="start")
        return row.id


@delegated("dosing")
def save_supply(db: Database, patient_id: int, form: SupplyForm, today: date,
                supply_id: int | None = None, reason: str | None = None,
                version: int | None = None) -> int:
    """Record study drug dispensed for a cycle, and later what came back and the diary's
    missed doses (a change to saved values needs a reason)."""
    check_supply_form(form, today)
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id)
        dosing_of(loaded.protocol)
        if supply_id is None:
            row = Dispensing(patient_id=patient_id)
            session.add(row)
        else:
            found = session.get(Dispensing, supply_id)
            if found is None or found.patient_id != patient_id or found.deleted_at:
                raise NotFound("lot", "This dispensing is no longer on record")
            row = found
            refuse_newer(row, version, "reason", EDITED_MEANWHILE)
        set_changed(row, {"cycle": form.cycle, "dispensed_on": form.dispensed_on,
                          "lot": form.lot.strip(), "dispensed": form.dispensed,
                          "returned_on": form.returned_on, "returned": form.returned,
                          "missed_doses": form.missed_doses,
                          "comment": (form.comment or "").strip() or None})
        session.flush()
        return row.id


__all__ = ["DosingPage", "ModificationRow", "SupplyForm", "SupplyRow", "as_supply",
           "cycle_compliance", "cycle_day1s", "dosing_notes", "dosing_page", "modifications_of",
           "save_modification", "save_supply", "supplies_of"]
