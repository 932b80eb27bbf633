"""Statuses, derived never typed: a patient's place in the study, a stored visit on a day.

Pure: the calendar service stores what the engine decided (`pending` for what does not
depend on the day) and reads it back through `day_status` with the day it is listed on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.rules.calendar import CANCELLED, DONE, DONE_OUT_OF_WINDOW, MISSED, OPEN, OVERDUE, PLANNED

#: a stored visit whose status depends on the day it is read (planned, open or overdue)
PENDING = "pending"


class PatientStatus(StrEnum):
    SCREENING = "screening"
    SCREEN_FAILED = "screen_failed"
    ON_TREATMENT = "on_treatment"
    FOLLOW_UP = "follow_up"
    OFF_STUDY = "off_study"

    @property
    def word(self) -> str:
        """How the screen says it."""
        return PATIENT_STATUS_WORDS[self]


PATIENT_STATUS_WORDS = {
    PatientStatus.SCREENING: "Screening", PatientStatus.SCREEN_FAILED: "Screen failure",
    PatientStatus.ON_TREATMENT: "On treatment", PatientStatus.FOLLOW_UP: "Follow-up",
    PatientStatus.OFF_STUDY: "Off study",
}


VISIT_STATUS_WORDS: dict[str, str] = {
    PLANNED: "Planned", OPEN: "Open", OVERDUE: "Overdue", DONE: "Done",
    DONE_OUT_OF_WINDOW: "Done out of window", MISSED: "Missed", CANCELLED: "Cancelled",
}


def visit_status_word(status: str) -> str:
    """A visit status in words, as every list and worksheet says it."""
    return VISIT_STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


@dataclass(frozen=True)
class PatientDates:
    """The facts a patient's status follows from."""

    screen_fail: date | None = None
    death: date | None = None
    withdrawal: date | None = None
    lost_to_follow_up: date | None = None
    last_dose: date | None = None
    first_dose: date | None = None


def patient_status(d: PatientDates) -> PatientStatus:
    """Screen failure first, then off study, follow-up after the last dose, on treatment
    from the first dose, else screening."""
    if d.screen_fail:
        return PatientStatus.SCREEN_FAILED
    if d.death or d.withdrawal or d.lost_to_follow_up:
        return PatientStatus.OFF_STUDY
    if d.last_dose:
        return PatientStatus.FOLLOW_UP
    if d.first_dose:
        return PatientStatus.ON_TREATMENT
    return PatientStatus.SCREENING


def status_word(status: str) -> str:
    """A patient status in words (an unknown one as it is)."""
    try:
        return PatientStatus(status).word
    except ValueError:
        return status


def stored_state(status: str) -> str:
    """What is stored of an engine status: final ones as they are, the rest `pending`."""
    return status if status in (DONE, DONE_OUT_OF_WINDOW, MISSED, CANCELLED) else PENDING


def day_status(state: str, earliest: date, latest: date, today: date) -> str:
    """A stored state read on a given day: pending visits are planned, open or overdue."""
    if state != PENDING:
        return state
    if today < earliest:
        return PLANNED
    if today <= latest:
        return OPEN
    return OVERDUE
