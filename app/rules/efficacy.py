"""The efficacy window, pure: which assessments count for best response, ORR, DCR and DOR.

From Day 1 (C1D1) through the last dose + N days (the protocol's), and never after the start
of a new anticancer therapy. Assessments outside it stay on record and are shown with why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.rules.dates import fmt_date


@dataclass(frozen=True, slots=True)
class EfficacyWindow:
    day1: date
    end: date | None = None  # last dose + N days; None while on treatment
    new_therapy: date | None = None
    days_after_last_dose: int = 30

    def why_not(self, day: date) -> str | None:
        """Why an assessment of `day` does not count, in the screen's words; None if it does.
        An assessment on the day a new therapy starts still counts (it is done before)."""
        if day < self.day1:
            return f"before Day 1 ({fmt_date(self.day1)})"
        if self.new_therapy is not None and day > self.new_therapy:
            return f"after the new anticancer therapy of {fmt_date(self.new_therapy)}"
        if self.end is not None and day > self.end:
            return (f"after the efficacy window (last dose + {self.days_after_last_dose} days, "
                    f"{fmt_date(self.end)})")
        return None

    @property
    def closes(self) -> date | None:
        """The last day an assessment can count, when known."""
        ends = [d for d in (self.end, self.new_therapy) if d is not None]
        return min(ends) if ends else None


def efficacy_window(day1: date, last_dose: date | None, new_therapy: date | None,
                    days_after_last_dose: int) -> EfficacyWindow:
    end = None if last_dose is None else last_dose + timedelta(days=days_after_last_dose)
    return EfficacyWindow(day1, end, new_therapy, days_after_last_dose)


def baseline_problem(scan: date, first_dose: date | None, max_days: int) -> str | None:
    """Why a scan cannot be the baseline, or None: the baseline is on or before the first
    dose and no more than `max_days` before it."""
    if first_dose is None:
        return None
    if scan > first_dose:
        return (f"A baseline scan must be on or before the first dose ({fmt_date(first_dose)});"
                f" {fmt_date(scan)} is after it")
    if (first_dose - scan).days > max_days:
        return (f"A baseline scan must be no more than {max_days} days before the first dose "
                f"({fmt_date(first_dose)}); {fmt_date(scan)} is {(first_dose - scan).days} "
                "days before it")
    return None
