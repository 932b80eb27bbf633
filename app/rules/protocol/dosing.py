"""The protocol's dosing rules and its dose-escalation design, read from `[dosing]` and
`[escalation]`: both optional, since a study without escalation still doses, and a study
without either records its doses at the visits only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.rules.protocol.reader import Reader


@dataclass(frozen=True, slots=True)
class Dosing:
    """How the study drug is given and modified: the ladder a reduction steps down, the
    longest hold, the doses a day and the tablet that makes them up."""

    #: dose level codes, lowest dose first: a reduction steps down, a re-escalation up
    ladder: tuple[str, ...]
    doses_per_day: int = 1
    tablet_mg: float | None = None  # None: one tablet (or bottle) a dose
    max_hold_days: int | None = None  # None: the protocol sets no limit
    re_escalation: bool = False  # whether a reduced dose may be raised again

    def rank(self, level: str | None) -> int | None:
        return self.ladder.index(level) if level in self.ladder else None

    def tablets_per_dose(self, dose_mg: float | None) -> int:
        """Tablets a dose takes: the dose over the tablet's strength, at least one."""
        if not self.tablet_mg or not dose_mg:
            return 1
        return max(1, round(dose_mg / self.tablet_mg))


@dataclass(frozen=True, slots=True)
class Escalation:
    """Part 1's dose escalation: where it starts, how many slots a cohort opens with, who
    counts for the DLT decision, and what Part 2's cohorts call the declared RP2D."""

    design: str
    start_level: str
    cohort_size: int
    #: a patient without a DLT is evaluable having taken at least this share of the
    #: planned cycle-1 doses
    evaluable_min_percent: int
    #: the dose level Part 2's cohorts name until the SMC declares the RP2D
    rp2d_placeholder: str = "RP2D"


def parse_dosing(r: Reader, data: dict[str, Any], level_codes: list[str]) -> Dosing | None:
    """`[dosing]`, or None where the file has none."""
    d = r.table(data, "", "dosing", required=False)
    if not d:
        return None
    ladder = r.strings(d, "dosing", "ladder")
    for i, code in enumerate(ladder):
        if code not in level_codes:
            r.fail(f"dosing.ladder[{i}]", f"unknown dose level '{code}'")
    if len(set(ladder)) != len(ladder):
        r.fail("dosing.ladder", "names a dose level twice")
    if not ladder:
        r.fail("dosing.ladder", "give the dose levels, lowest dose first")
    tablet = r.get(d, "dosing", "tablet_mg", (int, float), None)
    if tablet is not None and tablet <= 0:
        r.fail("dosing.tablet_mg", f"must be more than 0, not {tablet}")
        tablet = None
    return Dosing(ladder=ladder,
                  doses_per_day=r.get(d, "dosing", "doses_per_day", int, 1, minimum=1) or 1,
                  tablet_mg=float(tablet) if tablet is not None else None,
                  max_hold_days=r.get(d, "dosing", "max_hold_days", int, None, minimum=1),
                  re_escalation=bool(r.get(d, "dosing", "re_escalation", bool, False)))


def parse_escalation(r: Reader, data: dict[str, Any], dosing: Dosing | None
                     ) -> Escalation | None:
    """`[escalation]`, or None; it needs `[dosing]`, whose ladder it climbs."""
    e = r.table(data, "", "escalation", required=False)
    if not e:
        return None
    if dosing is None:
        r.fail("escalation", "needs a [dosing] section with the dose levels' ladder")
    start = r.get(e, "escalation", "start_level", str) or ""
    if dosing is not None and start and start not in dosing.ladder:
        r.fail("escalation.start_level", f"'{start}' is not on the dosing ladder")
    percent = r.get(e, "escalation", "evaluable_min_percent", int, 75, minimum=1)
    if isinstance(percent, int) and percent > 100:
        r.fail("escalation.evaluable_min_percent", f"must be 100 or less, not {percent}")
    return Escalation(
        design=r.get(e, "escalation", "design", str, "3+3") or "3+3",
        start_level=start,
        cohort_size=r.get(e, "escalation", "cohort_size", int, 3, minimum=1) or 3,
        evaluable_min_percent=percent or 75,
        rp2d_placeholder=r.get(e, "escalation", "rp2d_placeholder", str, "RP2D") or "RP2D")


__all__ = ["Dosing", "Escalation", "parse_dosing", "parse_escalation"]
