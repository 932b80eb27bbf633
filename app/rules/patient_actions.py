"""What a patient's status allows the site to record next, decided here so the windows read
it instead of comparing status words: a screen failure while screening, survival contacts in
follow-up after a last dose, unscheduled visits unless the patient failed screening; and the
calendar visit to record when none is chosen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.rules.calendar import CANCELLED, OPEN, OVERDUE, PLANNED
from app.rules.statuses import PatientStatus


@dataclass(frozen=True, slots=True)
class PatientActions:
    screen_failure: bool  # record a screen failure
    survival_contact: bool  # record a survival follow-up contact
    unscheduled_visit: bool  # add an unscheduled visit
    #: no calendar yet only because its first dose is not planned (set it to build one)
    first_dose_to_plan: bool


def patient_actions(status: str, last_dose_recorded: bool) -> PatientActions:
    """What may be recorded for a patient of `status` (a PatientStatus value)."""
    return PatientActions(
        screen_failure=status == PatientStatus.SCREENING,
        survival_contact=last_dose_recorded and status == PatientStatus.FOLLOW_UP,
        unscheduled_visit=status != PatientStatus.SCREEN_FAILED,
        first_dose_to_plan=status == PatientStatus.SCREENING)


def visit_cancelled(status: str) -> bool:
    """A calendar visit the engine cancelled (hidden unless asked for, struck through)."""
    return status == CANCELLED


def visit_to_do(status: str) -> bool:
    """A calendar visit still to do: planned, open or overdue."""
    return status in (PLANNED, OPEN, OVERDUE)


def visit_to_record(calendar: Iterable[tuple[str, str]]) -> str | None:
    """The first visit open or overdue, of (code, status) in calendar order; None: none."""
    return next((code for code, status in calendar if status in (OPEN, OVERDUE)), None)


__all__ = ["PatientActions", "patient_actions", "visit_cancelled", "visit_to_do",
           "visit_to_record"]
