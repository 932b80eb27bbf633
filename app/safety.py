"""Safety rules, pure: treatment-emergence, the DLT period, the SAE clock, grades.

Derived, never typed: these take the dates and return the verdict, with "now" passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from app.ctcae import CtcaeEntry
from app.protocol import Protocol


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


def grade_problem(entry: CtcaeEntry, grade: int, version: str = "5.0") -> str | None:
    """Why `grade` cannot be given for this term, or None when it can."""
    if grade not in (1, 2, 3, 4, 5):
        return f"Grade {grade} does not exist: CTCAE grades are 1 to 5"
    if grade not in entry.grades:
        have = ", ".join(str(g) for g in entry.grades)
        return f"{entry.term} has no grade {grade} in CTCAE v{version} (its grades: {have})"
    return None


def is_treatment_emergent(onset: date, first_dose: date | None, last_dose: date | None,
                          window_days: int, *, pre_existing: bool = False,
                          worsened_on: date | None = None) -> bool:
    """Onset on or after the first dose and no later than last dose + window; or a
    pre-existing condition that worsened in that span."""
    if first_dose is None:
        return False
    when = worsened_on if pre_existing else onset
    if when is None:
        return False
    if when < first_dose:
        return False
    return last_dose is None or when <= last_dose + timedelta(days=window_days)


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
        return (f"A DLT must start inside the DLT period ({start.isoformat()} to "
                f"{end.isoformat()}); this AE started {onset.isoformat()}")
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
    """The 24-hour clock from the site's awareness to the report to the sponsor."""
    due = aware_at + timedelta(hours=hours)
    if reported_at is not None:
        state = "reported on time" if reported_at <= due else "reported late"
    else:
        state = "due" if now <= due else "overdue"
    return SaeClock(aware_at, due, reported_at, state)
