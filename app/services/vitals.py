"""Vital signs and ECG readings per visit: written with the visit they were taken at (one
save, one reason), listed per patient with the QTcF's CTCAE grade, and their last values
for the patient's page and the worksheet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidEntry, Phrase
from app.rules.protocol import Protocol
from app.rules.protocol.measures import MeasureDef
from app.rules.vitals import (
    Reading,
    baseline_of,
    check_readings,
    check_readings_done,
    derived,
    last_values,
    measures_at,
    number_text,
    qtc_grade,
    reading_text,
)
from app.services import calendar as cal
from app.services.changes import set_changed, withdraw
from app.services.patient_rows import patient_rows
from db import Database
from db.findings import VitalSign
from db.models import VisitRecord


@dataclass(frozen=True)
class ReadingRow:
    """One reading as the patient's page, the command line and the worksheet show it."""

    id: int
    visit_code: str
    day: date | None  # the visit's date
    code: str
    label: str
    group: str  # vitals | ecg
    value: float
    unit: str
    text: str  # "72.5 kg"
    grade: int | None  # the QTcF's CTCAE grade (None: not graded)
    note: str  # the grade's reason; "confirmed outside the usual range" (Phrases)


@dataclass(frozen=True)
class VisitReadings:
    """What the visit dialog shows: the readings the protocol takes there, as stored."""

    measures: tuple[MeasureDef, ...]
    typed: dict[str, str]  # code -> the stored value as text
    height_cm: float | None  # the latest height (for the BSA of a visit without one)


def _stored(session: Session, patient_id: int) -> list[VitalSign]:
    return patient_rows(session, "vital_sign", patient_id, lambda ids: select(VitalSign).where(
        VitalSign.patient_id.in_(ids), cal.live(VitalSign)).order_by(VitalSign.id))


def _height(rows: Sequence[VitalSign], days: Mapping[str, date]) -> float | None:
    heights = [r for r in rows if r.test == "HEIGHT"]
    if not heights:
        return None
    return max(heights, key=lambda r: (days.get(r.visit_code) or date.min, r.id)).value


def _days(records: Sequence[VisitRecord]) -> dict[str, date]:
    return {r.code: r.actual_date for r in records if r.actual_date is not None}


def write_readings(session: Session, patient_id: int, protocol: Protocol, code: str,
                   outcome: str | None, typed: Mapping[str, str], confirmed: Sequence[str],
                   records: Sequence[VisitRecord]) -> None:
    """The readings typed for one visit, in the caller's unit of work (the visit's save):
    new ones added, changed ones changed, cleared ones withdrawn (a reason for both, as for
    any saved value); BSA and QTcF computed again."""
    measures = measures_at(protocol, code)
    values = check_readings(measures, typed, confirmed)
    check_readings_done(outcome, values)
    rows = _stored(session, patient_id)
    here = {r.test: r for r in rows if r.visit_code == code}
    others = [r for r in rows if r.visit_code != code]
    values.update(derived(measures, values, _height(others, _days(records))))
    units = {m.code: m.unit for m in measures}
    sure = set(confirmed)
    for m in measures:
        row = here.get(m.code)
        if m.code not in values:
            if row is not None:
                withdraw(row, session.info.get("actor"), session.info.get("reason"))
            continue
        low, high = m.plausible
        outside = not low <= values[m.code] <= high and m.code in sure
        if row is None:
            session.add(VitalSign(patient_id=patient_id, visit_code=code, test=m.code,
                                  value=values[m.code], unit=units[m.code], confirmed=outside))
        else:
            set_changed(row, {"value": values[m.code], "unit": units[m.code],
                              "confirmed": outside})


def visit_readings(db: Database, patient_id: int, code: str) -> VisitReadings:
    with db.reading() as session:
        loaded = cal.load(session, patient_id)
        protocol = loaded.protocol
        rows = _stored(session, patient_id)
        measures = measures_at(protocol, code)
        by_code = {m.code: m for m in measures}
        typed = {r.test: number_text(by_code[r.test], r.value) for r in rows
                 if r.visit_code == code and r.test in by_code}
        others = [r for r in rows if r.visit_code != code]
        return VisitReadings(measures, typed, _height(others, _days(loaded.records)))


def computed_preview(visit: VisitReadings, typed: Mapping[str, str]) -> dict[str, str]:
    """The computed readings as the dialog shows them while typing ("" where the readings
    they come from are not there, or not numbers yet)."""
    values: dict[str, float] = {}
    for m in visit.measures:
        try:
            values.update(check_readings([m], typed, confirmed=[m.code]))
        except InvalidEntry:  # not readable yet: previews nothing
            continue
    found = derived(visit.measures, values, visit.height_cm)
    out = {}
    for m in visit.measures:
        if m.computed:
            text = reading_text(m, found.get(m.code))
            if m.code == "QTCF" and m.code in found:
                text = f"{text} · {qtc_grade(found[m.code]).reason}"
            out[m.code] = text
    return out


def readings_of(db: Database, patient_id: int) -> list[ReadingRow]:
    """Every reading of the patient, by visit date, each QTcF graded against the baseline
    (the last before the first dose)."""
    with db.reading() as session:
        return readings_in(session, cal.load(session, patient_id))


def readings_in(session: Session, loaded: cal.Loaded) -> list[ReadingRow]:
    """The same, in the caller's transaction, the patient loaded already."""
    protocol = loaded.protocol
    rows = _stored(session, loaded.patient.id)
    days = _days(loaded.records)
    first = cal.dosed_on(loaded.records, protocol)
    defs = {m.code: m for m in protocol.measures}
    readings = [Reading(r.visit_code, days.get(r.visit_code), r.test, r.value) for r in rows]
    baseline = baseline_of(readings, "QTCF", first)
    out = []
    for r in sorted(rows, key=lambda r: (days.get(r.visit_code) or date.max, r.id)):
        m = defs.get(r.test) or MeasureDef(r.test, r.test, r.unit, "vitals", (0, 0), (0, 0))
        day = days.get(r.visit_code)
        grade: int | None = None
        note: str = ""
        if r.test == "QTCF":
            after = first is not None and day is not None and day > first
            g = qtc_grade(r.value, baseline if after else None)
            grade, note = g.grade, g.reason
        elif r.confirmed:
            note = Phrase("confirmed outside the usual range")
        out.append(ReadingRow(r.id, r.visit_code, day, r.test, m.label, m.group, r.value,
                              r.unit, reading_text(m, r.value), grade, note))
    return out


def last_readings(rows: Sequence[ReadingRow]) -> list[ReadingRow]:
    """The latest reading of each measure (the measures in the order first read)."""
    latest = last_values(Reading(r.visit_code, r.day, r.code, r.value) for r in rows)
    by_id = {(r.visit_code, r.code): r for r in rows}
    return [by_id[(x.visit_code, x.code)] for x in latest.values()]


__all__ = ["ReadingRow", "VisitReadings", "computed_preview", "last_readings", "readings_of",
           "visit_readings", "write_readings"]
