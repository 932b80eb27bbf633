"""What SDTM derives from a site's record beyond its words (app.rules.sdtm_terms): the
planned visit number of a visit code, the age at consent, the treatment's name, and the
exposure intervals at a constant dose. Pure: the protocol and the dates are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.rules.protocol import Protocol

UNSCHEDULED = re.compile(r"^UNS(\d+)$")
CYCLE_BASE, SERIES_BASE, UNSCHEDULED_BASE = 100, 10_000, 900_000


def visit_number(protocol: Protocol, code: str) -> float | None:
    """VISITNUM: the planned visit's number from the protocol, the same for every subject
    of the study (VISIT to VISITNUM one to one): the protocol's own visits 1, 2, ... in
    their order; cycle n day d 100 n + d; the j-th series' k-th visit 10000 j + k;
    unscheduled visit n 900000 + n. None: a code the protocol does not know."""
    for i, v in enumerate(protocol.visits, start=1):
        if v.code == code:
            return float(i)
    unscheduled = UNSCHEDULED.match(code)
    if unscheduled:
        return float(UNSCHEDULED_BASE + int(unscheduled.group(1)))
    matched = protocol.match_code(code)
    if matched is None:
        return None
    template, numbers = matched
    if protocol.cycles is not None and template == protocol.cycles.code:
        return float(CYCLE_BASE * numbers["n"] + numbers["d"])
    for j, series in enumerate(protocol.series, start=1):
        if series.code == template:
            return float(SERIES_BASE * j + numbers.get("k", 1))
    return None


def age_at(year_of_birth: int | None, day: date | None) -> int | None:
    """AGE in years on `day` when only the year of birth is recorded: the birthday is taken
    as 1 July (the middle of the year), so the age is never off by more than half a year."""
    if year_of_birth is None or day is None:
        return None
    return day.year - year_of_birth - (1 if (day.month, day.day) < (7, 1) else 0)


def treatment_name(protocol: Protocol) -> str:
    """EXTRT: the study code without the protocol's number ("IMP7068-101" -> "IMP7068");
    a code with no such number is the product's name already ("ABC-2201")."""
    return re.sub(r"-\d{3}$", "", protocol.code)


def short_code(name: str) -> str:
    """A --TESTCD from a name: letters and digits, at most 8, starting with a letter."""
    code = re.sub(r"[^A-Z0-9]", "", name.upper())[:8]
    return code if code[:1].isalpha() else f"X{code}"[:8]


@dataclass(frozen=True, slots=True)
class Dose:
    day: date  # a dosing visit's date
    level: str | None
    single: bool  # a single dose (a lead-in), not the start of daily dosing


@dataclass(frozen=True, slots=True)
class Span:
    start: date
    end: date | None  # None: still dosing
    level: str | None
    single: bool


def exposure_spans(doses: Sequence[Dose], last_dose: date | None,
                   holds: Sequence[tuple[date, date | None]] = ()) -> list[Span]:
    """EX's intervals: a single dose is its own day; daily dosing runs from a dosing visit
    to the day before the next one at another level (or the last dose; open while dosing
    goes on). Consecutive visits at the same level make one interval; a hold (first and
    last day held, None while it lasts) is cut out of it."""
    spans = _daily_spans(doses, last_dose)
    for start, end in holds:
        spans = [part for span in spans for part in _without(span, start, end)]
    return spans


def _without(span: Span, start: date, end: date | None) -> list[Span]:
    """The span less the days held, from `start` to `end` (None: still held)."""
    span_end = span.end or date.max
    if span.single or start > span_end or (end is not None and end < span.start):
        return [span]
    out = []
    if start > span.start:
        out.append(Span(span.start, start - timedelta(days=1), span.level, False))
    if end is not None and end < span_end:
        out.append(Span(end + timedelta(days=1), span.end, span.level, False))
    return out


def _daily_spans(doses: Sequence[Dose], last_dose: date | None) -> list[Span]:
    ordered = sorted(doses, key=lambda d: d.day)
    out: list[Span] = []
    for i, dose in enumerate(ordered):
        if dose.single:
            out.append(Span(dose.day, dose.day, dose.level, True))
            continue
        if out and not out[-1].single and out[-1].level == dose.level and out[-1].end is None:
            continue  # the same level goes on
        if out and not out[-1].single and out[-1].end is None:
            out[-1] = Span(out[-1].start, dose.day - timedelta(days=1), out[-1].level, False)
        later = [d for d in ordered[i + 1:] if not d.single]
        out.append(Span(dose.day, None if later else last_dose, dose.level, False))
    if out and not out[-1].single and out[-1].end is None and last_dose is not None:
        out[-1] = Span(out[-1].start, max(out[-1].start, last_dose), out[-1].level, False)
    return out


__all__ = ["Dose", "Span", "age_at", "exposure_spans", "short_code", "treatment_name",
           "visit_number"]
