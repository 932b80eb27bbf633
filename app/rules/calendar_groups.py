"""Which heading a visit sits under on the patient's calendar, pure.

A visit of a cycle sits under its cycle; a visit between cycles (an unscheduled one, a
scan) under the cycle its date falls in; what counts from the last dose under follow-up;
the rest under screening and lead-in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

from app.rules.protocol import LAST_DOSE, Protocol

SCREENING_HEADING = "Screening and lead-in"
FOLLOW_UP_HEADING = "Follow-up after the last dose"

#: a cycle's first day and its number, in date order
CycleStarts = list[tuple[date, int]]


def cycle_starts(protocol: Protocol, visits: Iterable[tuple[str, int | None, date, bool]]
                 ) -> CycleStarts:
    """(day 1, cycle) of each cycle from (code, cycle, date, cancelled) of the calendar."""
    cycles = protocol.cycles
    if cycles is None:
        return []
    return sorted((when, cycle) for code, cycle, when, cancelled in visits
                  if cycle is not None and not cancelled and code == cycles.code_of(cycle, 1))


def heading_of(protocol: Protocol, code: str, cycle: int | None, when: date,
               starts: CycleStarts) -> str:
    fixed = protocol.visit(code)
    series = protocol.series_of(code)
    if (fixed and fixed.anchor == LAST_DOSE) or (series and series.anchor == LAST_DOSE):
        return FOLLOW_UP_HEADING
    if cycle is not None:
        return f"Cycle {cycle}"
    i = bisect_right([d for d, _ in starts], when)
    if i == 0:
        return SCREENING_HEADING
    return f"Cycle {starts[i - 1][1]}"
