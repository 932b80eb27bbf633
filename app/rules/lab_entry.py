"""A lab result as typed in the dialog or read from a lab's file, checked before it is kept
(issue 36): an analyte of the protocol, a unit of its quantity, a number, a sample date on
or after consent and not in the future, and the lab's reference range for the analyte, the
patient's sex and the sample's day. Pure: the ranges, the patient's facts and today are
passed in. Each refusal names the dialog's field (the import prefixes its row)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NoReturn

from app.errors import InvalidEntry
from app.rules import lab_units as u
from app.rules.dates import fmt_date
from app.rules.future import not_in_future
from app.rules.protocol.labs import Analyte

SEXES = {"M": "male", "F": "female"}


@dataclass(frozen=True)
class RangeRow:
    """A lab's reference range of an analyte, as kept (db/labs.py LabReferenceRange)."""

    lab: str
    analyte: str
    sex: str | None  # None: both
    lln: Decimal | None
    uln: Decimal | None
    unit: str
    valid_from: date
    valid_to: date | None = None
    id: int | None = None

    def covers(self, lab: str, analyte: str, sex: str | None, day: date) -> bool:
        return (self.lab.casefold() == lab.casefold() and self.analyte == analyte
                and (self.sex is None or self.sex == sex) and self.valid_from <= day
                and (self.valid_to is None or day <= self.valid_to))


@dataclass(frozen=True)
class LabEntry:
    """A result as entered or read: text, as typed."""

    analyte: str  # the code or the name
    lab: str
    sample_date: date | None
    value: str
    unit: str
    sample_id: str | None = None


@dataclass(frozen=True)
class Patient:
    sex: str | None
    consent: date | None


@dataclass(frozen=True)
class Checked:
    """A result that may be kept: its value as reported and in the analyte's unit, with
    the reference range (in the analyte's unit) that judges it."""

    analyte: Analyte
    lab: str
    sample_date: date
    value: Decimal
    unit: str
    kept: Decimal  # the value in the analyte's unit
    lln: Decimal | None
    uln: Decimal | None
    sample_id: str | None

    def key(self) -> tuple[str, date, str, Decimal]:
        """What makes two results the same result (a duplicate)."""
        return (self.analyte.code, self.sample_date, self.lab.casefold(), self.kept)


def analyte_named(analytes: Sequence[Analyte], typed: str) -> Analyte:
    wanted = " ".join(typed.split()).casefold()
    for a in analytes:
        if wanted in (a.code.casefold(), a.name.casefold(), *a.loinc):
            return a
    if not analytes:
        raise InvalidEntry("Analyte", "The study's protocol lists no lab analytes")
    raise InvalidEntry("Analyte", "{analyte} is not an analyte of the protocol (it lists "
                                  "{codes})", analyte=typed.strip() or "(empty)",
                       codes=", ".join(a.code for a in analytes))


def range_for(ranges: Iterable[RangeRow], lab: str, analyte: Analyte, sex: str | None,
              day: date) -> RangeRow:
    """The range in force that day; one for the patient's sex wins over one for both."""
    found = sorted((r for r in ranges if r.covers(lab, analyte.code, sex, day)),
                   key=lambda r: (r.sex is None, -r.valid_from.toordinal()))
    if not found:
        raise InvalidEntry("Lab", "No reference range for {analyte} at {lab} on {day} "
                                  "({sex}): add the lab's range first",
                           analyte=analyte.name, lab=lab, day=fmt_date(day),
                           sex=SEXES.get(sex or "", "sex not recorded"))
    return found[0]


def check_result(entry: LabEntry, analytes: Sequence[Analyte], ranges: Iterable[RangeRow],
                 patient: Patient, today: date) -> Checked:
    analyte = analyte_named(analytes, entry.analyte)
    lab = " ".join(entry.lab.split())
    if not lab:
        raise InvalidEntry("Lab", "Give the lab that measured the sample")
    day = entry.sample_date
    if day is None:
        raise InvalidEntry("Sample date", "Give the sample date")
    not_in_future("Sample date", day, today, "Sample date {when} is in the future")
    if patient.consent is not None and day < patient.consent:
        raise InvalidEntry("Sample date", "Sample date {day} is before consent ({consent})",
                           day=fmt_date(day), consent=fmt_date(patient.consent))
    value = u.amount(entry.value, "Value")
    quantity = u.QUANTITIES[analyte.quantity]
    unit = u.spelled(entry.unit)
    if unit not in quantity.factors:
        raise InvalidEntry("Unit", "{unit} is not a unit of {analyte} (it takes {units})",
                           unit=entry.unit.strip() or "(none)", analyte=analyte.name,
                           units=", ".join(quantity.units()))
    ref = range_for(ranges, lab, analyte, patient.sex, day)

    def kept(x: Decimal | None) -> Decimal | None:
        return None if x is None else u.convert(quantity, x, ref.unit, analyte.unit)

    return Checked(analyte, lab, day, value, unit, u.convert(quantity, value, unit, analyte.unit),
                   kept(ref.lln), kept(ref.uln), (entry.sample_id or "").strip() or None)


def check_range(row: RangeRow, analytes: Sequence[Analyte]) -> RangeRow:
    """A reference range as entered: a known analyte, a unit of it, LLN below ULN."""
    analyte = analyte_named(analytes, row.analyte)
    if not row.lab.strip():
        raise InvalidEntry("Lab", "Give the lab the range is of")
    unit = u.unit_of(u.QUANTITIES[analyte.quantity], row.unit)
    if row.lln is None and row.uln is None:
        raise InvalidEntry("LLN", "Give the LLN, the ULN or both")
    if row.lln is not None and row.uln is not None and row.lln >= row.uln:
        raise InvalidEntry("LLN", "The LLN {lln} is not below the ULN {uln}",
                           lln=str(row.lln), uln=str(row.uln))
    if row.sex not in (None, *SEXES):
        raise InvalidEntry("Sex", "Sex is M, F or empty (both), not {sex}", sex=row.sex)
    if row.valid_to is not None:
        check_range_end(row.valid_from, row.valid_to)
    return RangeRow(" ".join(row.lab.split()), analyte.code, row.sex, row.lln, row.uln, unit,
                    row.valid_from, row.valid_to, row.id)


def no_start() -> NoReturn:
    raise InvalidEntry("valid_from", "Give the first day the range applies")


def check_range_end(start: date, last_day: date) -> None:
    if last_day < start:
        raise InvalidEntry("Valid to", "Valid to {end} is before valid from {start}",
                           end=fmt_date(last_day), start=fmt_date(start))


def check_not_twice(checked: Checked, kept: set[tuple[str, date, str, Decimal]]) -> None:
    """A result already kept for the patient (from another file, or typed) is refused."""
    if checked.key() in kept:
        raise InvalidEntry("Value", "{analyte} {value} {unit} of {day} at {lab} is already "
                                    "recorded for this patient",
                           analyte=checked.analyte.name, value=str(checked.value),
                           unit=checked.unit, day=fmt_date(checked.sample_date),
                           lab=checked.lab)


def one_patient(subject: str, ids: Sequence[int]) -> int:
    """The one patient a file's subject ID names."""
    if len(ids) != 1:
        raise InvalidEntry("Subject ID", "{subject} is no patient of this site"
                           if not ids else "{subject} is in two studies here",
                           subject=subject or "(empty)")
    return ids[0]
