"""Safety rules, pure: treatment-emergence, the DLT period, the SAE clock, grades.

Derived, never typed: these take the dates and return the verdict, with "now" passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from app.rules.ctcae import CtcaeEntry
from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.rules.site_time import later, utc


class SaeCriterion(StrEnum):
    """Why an AE is serious (ICH E2A)."""

    DEATH = "death"
    LIFE_THREATENING = "life_threatening"
    HOSPITALISATION = "hospitalisation"
    DISABILITY = "disability"
    CONGENITAL_ANOMALY = "congenital_anomaly"
    IMPORTANT_MEDICAL_EVENT = "important_medical_event"


SAE_CRITERIA = {
    SaeCriterion.DEATH: "Results in death",
    SaeCriterion.LIFE_THREATENING: "Life-threatening",
    SaeCriterion.HOSPITALISATION: "Requires or prolongs hospitalisation",
    SaeCriterion.DISABILITY: "Persistent or significant disability",
    SaeCriterion.CONGENITAL_ANOMALY: "Congenital anomaly or birth defect",
    SaeCriterion.IMPORTANT_MEDICAL_EVENT: "Important medical event",
}


class Relationship(StrEnum):
    """The investigator's assessment of causality to the study drug."""

    NOT_RELATED = "not related"
    UNLIKELY = "unlikely"
    POSSIBLE = "possible"
    PROBABLE = "probable"
    DEFINITE = "definite"


class ActionTaken(StrEnum):
    """What was done with the study drug because of the AE."""

    NONE = "none"
    INTERRUPTED = "interrupted"
    REDUCED = "reduced"
    WITHDRAWN = "withdrawn"
    NOT_APPLICABLE = "not applicable"


class AeOutcome(StrEnum):
    RECOVERING = "recovering"
    RECOVERED = "recovered"
    RECOVERED_WITH_SEQUELAE = "recovered with sequelae"
    NOT_RECOVERED = "not recovered"
    FATAL = "fatal"
    UNKNOWN = "unknown"


RELATIONSHIPS = tuple(Relationship)
ACTIONS = tuple(ActionTaken)
OUTCOMES = tuple(AeOutcome)


@dataclass(frozen=True, slots=True)
class GradeSpell:
    """A grade held from `start` until `end` (None: still at that grade)."""

    grade: int
    start: date
    end: date | None = None


def worst_grade(spells: Iterable[GradeSpell]) -> int | None:
    return max((s.grade for s in spells), default=None)


def current_spell(spells: Iterable[GradeSpell]) -> GradeSpell | None:
    """The grade the AE is at now: the spell that started last (None: no grade given)."""
    return max(spells, key=lambda s: s.start, default=None)


def ends_before(next_start: date) -> date:
    """The day a grade ends when the next one starts without its end typed: the day before."""
    return next_start - timedelta(days=1)


def close_spells(spells: Sequence[GradeSpell]) -> list[GradeSpell]:
    """A change of grade ends the grade before it: a spell left open closes the day before
    the next one starts (nobody types it). A spell followed by one that does not start
    later is left as it is, for the entry rules to refuse."""
    out = list(spells)
    for i, (spell, after) in enumerate(pairwise(spells)):
        if spell.end is None and after.start > spell.start:
            out[i] = replace(spell, end=ends_before(after.start))
    return out


def grade_problem(entry: CtcaeEntry, grade: int, version: str = "5.0") -> str | None:
    """Why `grade` cannot be given for this term, or None when it can."""
    if grade not in (1, 2, 3, 4, 5):
        return f"Grade {grade} does not exist: CTCAE grades are 1 to 5"
    if grade not in entry.grades:
        have = ", ".join(str(g) for g in entry.grades)
        return f"{entry.term} has no grade {grade} in CTCAE v{version} (its grades: {have})"
    return None


@dataclass(frozen=True, slots=True)
class Emergence:
    """Whether an AE is treatment-emergent, and why: derived from its grade history."""

    teae: bool
    baseline_grade: int | None  # the grade at the first dose, for a condition already there
    worsened_on: date | None  # the first grade above the baseline inside the TEAE window
    grade: int | None  # the worst grade inside the TEAE window (what the summary counts)


NOT_EMERGENT = Emergence(False, None, None, None)


def teae_window(first_dose: date, last_dose: date | None, window_days: int
                ) -> tuple[date, date | None]:
    """First and last day an AE can emerge on treatment (None: no last dose yet)."""
    return first_dose, None if last_dose is None else last_dose + timedelta(days=window_days)


def grade_at(spells: Sequence[GradeSpell], day: date) -> int:
    """The grade held on `day` (0: not present). A spell lasts to its end date, or until the
    next spell starts when it has none."""
    ordered = sorted(spells, key=lambda s: s.start)
    for i, s in enumerate(ordered):
        nxt = ordered[i + 1].start if i + 1 < len(ordered) else None
        until = s.end if s.end is not None else (nxt - timedelta(days=1) if nxt else None)
        if s.start <= day and (until is None or day <= until):
            return s.grade
    return 0


def emergence(onset: date, spells: Sequence[GradeSpell], first_dose: date | None,
              last_dose: date | None, window_days: int,
              history_grade: int | None = None) -> Emergence:
    """Treatment-emergent: onset inside the window (first dose to last dose + window), or a
    condition there before the first dose whose grade rises above its baseline grade (the
    grade it had coming into the first dose) inside the window. A grade from before the first
    dose never counts; whether someone ticked "pre-existing" does not matter. An AE whose
    term is a medical history item present at the first dose (`history_grade`, see
    app.rules.conmeds.history_baseline) is treatment-emergent only when worse than that
    grade."""
    if first_dose is None:
        return NOT_EMERGENT
    start, end = teae_window(first_dose, last_dose, window_days)

    def inside(day: date) -> bool:
        return start <= day and (end is None or day <= end)

    in_window = [s for s in spells if inside(s.start)]
    worst = max((s.grade for s in in_window), default=None)
    if onset >= first_dose and history_grade is None:
        return Emergence(True, None, None, worst) if inside(onset) else NOT_EMERGENT
    if onset >= first_dose and not inside(onset):
        return NOT_EMERGENT
    # a grade that changes on the day of the first dose counts as on treatment, as an onset
    # on that day does: the baseline is the grade held up to the first dose
    baseline = max(grade_at(spells, first_dose - timedelta(days=1)), history_grade or 0)
    worse = sorted((s for s in in_window if s.grade > baseline), key=lambda s: s.start)
    if not worse:
        return Emergence(False, baseline, None, None)
    return Emergence(True, baseline, worse[0].start, worst)


def dlt_period(protocol: Protocol, first_dose: date, anchor_date: date) -> tuple[date, date]:
    """First and last day of the DLT observation period (first dose to C1D21 here).

    `anchor_date` is the date of the protocol's end anchor (C1D1: actual, else planned).
    """
    return first_dose, anchor_date + timedelta(days=protocol.safety.dlt.end_offset_days)


def dlt_problem(protocol: Protocol, part: int, onset: date, period: tuple[date, date] | None
                ) -> str | None:
    """Why this AE cannot be a DLT, or None when it can."""
    dlt = protocol.safety.dlt
    if part not in dlt.parts:
        parts = ", ".join(f"Part {p}" for p in dlt.parts) or "no part"
        return f"DLTs are assessed in {parts} only; this patient is in Part {part}"
    if period is None:
        return "The DLT period starts at the first dose, which is not recorded"
    start, end = period
    if not start <= onset <= end:
        return (f"A DLT must start inside the DLT period ({fmt_date(start)} to "
                f"{fmt_date(end)}); this AE started {fmt_date(onset)}")
    return None


@dataclass(frozen=True, slots=True)
class SaeClock:
    aware_at: datetime
    due_at: datetime
    reported_at: datetime | None
    state: str  # reported on time | reported late | due | overdue

    @property
    def late(self) -> bool:
        return self.state in ("reported late", "overdue")


def sae_clock(aware_at: datetime, reported_at: datetime | None, now: datetime,
              hours: int = 24) -> SaeClock:
    """The 24-hour clock from the site's awareness to the report to the sponsor: 24 real
    hours (aware instants), shown on the site's clock, across a daylight-saving change too."""
    due = later(aware_at, timedelta(hours=hours))
    if reported_at is not None:
        state = "reported on time" if utc(reported_at) <= utc(due) else "reported late"
    else:
        state = "due" if utc(now) <= utc(due) else "overdue"
    return SaeClock(aware_at, due, reported_at, state)
