"""The first dose, pure: derived from the dosing visits actually done, never typed.

The study's first dose is the lead-in dose (LI); when the lead-in was never given, the first
dosing visit done (C1D1) is. A patient with a dose recorded is on treatment, and a treatment
visit cannot be done before any dose. The calendar keeps its own anchor (the Day -7 date the
visits were planned from), which is not always the first dose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from app.rules.dates import fmt_date
from app.rules.protocol import FIRST_DOSE, Protocol

TREATMENT = "treatment"
SCREENING = "screening"


def kind_of(protocol: Protocol, code: str) -> str | None:
    """The kind of visit a code is (treatment, tumour_assessment, ...), None if unknown."""
    v = protocol.visit(code)
    if v is not None:
        return v.kind
    matched = protocol.match_code(code)
    if matched is None:
        return None
    if protocol.cycles and matched[0] == protocol.cycles.code:
        return protocol.cycles.kind
    series = protocol.series_of(code)
    return series.kind if series else None


def first_dose_date(protocol: Protocol, done: Mapping[str, date]) -> date | None:
    """The date of the first dosing visit done (LI, or C1D1 when the lead-in was never
    given), or None: not dosed."""
    return min((when for code, when in done.items() if protocol.is_dosing(code)), default=None)


def calendar_anchor(protocol: Protocol, done: Mapping[str, date],
                    planned: date | None) -> date | None:
    """The date the calendar's first-dose visits hang on: the lead-in done, else the planned
    first dose, else the first dosing visit done moved back by its offset (C1D1 - 7)."""
    fdv = protocol.first_dose_visit
    if fdv in done:
        return done[fdv]
    if planned is not None:
        return planned
    dosed = [(when, code) for code, when in done.items() if protocol.is_dosing(code)]
    if not dosed:
        return None
    when, code = min(dosed)
    v = protocol.visit(code)
    offset = v.offset_days if v is not None and v.anchor == FIRST_DOSE else 0
    return when - timedelta(days=offset)


@dataclass(frozen=True, slots=True)
class DoseMissing:
    """A treatment visit done with no dose on or before its date."""

    code: str
    when: date
    first_dose: date | None

    def message(self, protocol: Protocol) -> str:
        dosing = _dosing_words(protocol)
        if self.first_dose is None:
            return (f"{self.code} cannot be done on {fmt_date(self.when)}: no dose is "
                    f"recorded yet. Record {dosing} done first")
        return (f"{self.code} cannot be done on {fmt_date(self.when)}: the first dose is on "
                f"{fmt_date(self.first_dose)}, later. Record {dosing} done on or before "
                f"{fmt_date(self.when)} first")


def _dosing_words(protocol: Protocol) -> str:
    fdv = protocol.first_dose_visit
    cycles = protocol.cycles
    first_cycle = cycles.first_visit if cycles else None
    names = [fdv] + ([first_cycle] if first_cycle and first_cycle != fdv else [])
    return " or ".join(f"the dose of {n}" for n in names)


def treatment_before_dose(protocol: Protocol, done: Mapping[str, date]) -> list[DoseMissing]:
    """Treatment visits (other than dosing ones) done before the first dose, oldest first."""
    first = first_dose_date(protocol, done)
    out = [DoseMissing(code, when, first) for code, when in done.items()
           if kind_of(protocol, code) == TREATMENT and not protocol.is_dosing(code)
           and (first is None or when < first)]
    return sorted(out, key=lambda m: (m.when, m.code))


@dataclass(frozen=True, slots=True)
class ScreeningLate:
    """A screening visit done after the first dose: screening comes before treatment."""

    code: str
    when: date
    first_dose: date


def screening_after_dose(protocol: Protocol, done: Mapping[str, date]) -> list[ScreeningLate]:
    """Screening visits done after the first dose (on its day is still before the dose),
    oldest first."""
    first = first_dose_date(protocol, done)
    if first is None:
        return []
    return sorted((ScreeningLate(code, when, first) for code, when in done.items()
                   if kind_of(protocol, code) == SCREENING and when > first),
                  key=lambda s: (s.when, s.code))


def day_one_visit(protocol: Protocol) -> str:
    """The visit that is Study Day 1: cycle 1's day 1 (C1D1), else the first dose."""
    return protocol.cycles.first_visit if protocol.cycles else protocol.first_dose_visit


def study_day(day: date, day_one: date) -> int:
    """The protocol's Study Day of `day`: Day 1 is `day_one`, the day before is Day -1 (CDISC:
    there is no Day 0)."""
    delta = (day - day_one).days
    return delta + 1 if delta >= 0 else delta


def left_study_on(*dates: date | None) -> date | None:
    """The day a patient left the study: the first of their death, withdrawal of consent
    and loss to follow-up (None: still on study)."""
    return min((d for d in dates if d is not None), default=None)


def study_day_shown(today: date, day_one: date, left: date | None = None) -> int:
    """The Study Day a patient's header shows: today's, or for a patient off study the day
    they left (it stops counting then)."""
    return study_day(left if left is not None and left < today else today, day_one)
