"""A visit as booked and recorded: window, outcome, delay and dose, checked before saving."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from enum import StrEnum

from app.errors import InvalidEntry
from app.rules.calendar import DELAY_REASONS, DONE, MISSED, PatientFacts
from app.rules.dates import fmt_date, fmt_window
from app.rules.protocol import Protocol


class DoseAction(StrEnum):
    AS_PLANNED = "as planned"
    REDUCED = "reduced"
    HELD = "held"


DOSE_ACTIONS = tuple(DoseAction)
MAX_DELAY_DAYS = 120


@dataclass(kw_only=True)
class VisitEntry:
    """What the visit dialog holds; None means left blank."""

    booked_date: date | None = None
    booked_time: time | None = None
    #: why the visit is booked or done outside its window (a deviation needs its reason)
    booking_reason: str | None = None
    outcome: str | None = None  # None (not yet), "done" or "missed"
    actual_date: date | None = None
    actual_time: time | None = None
    missed_reason: str | None = None
    delay_days: int | None = None
    delay_reason: str | None = None
    dose_level: str | None = None
    dose_action: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class VisitWindow:
    earliest: date
    latest: date
    target: date


def delayed_window(window: VisitWindow, delayed_by: int, delay_days: int | None
                   ) -> VisitWindow:
    """The window a delay typed with the booking moves the visit to: a cycle's day 1 already
    delayed by `delayed_by` days and now by `delay_days` moves by the difference, before the
    booking or the date done is checked against it (a delay the protocol allows is no
    deviation and needs no reason for being outside the window it left)."""
    shift = timedelta(days=(delay_days or 0) - delayed_by)
    return VisitWindow(window.earliest + shift, window.latest + shift, window.target + shift)


def clean_text(text: str | None) -> str | None:
    """Typed text without its surrounding blanks; None when nothing is left."""
    return text.strip() or None if text else None


def check_booking(e: VisitEntry, window: VisitWindow) -> None:
    """Booked inside the window, or with a reason."""
    if e.booked_time and not e.booked_date:
        raise InvalidEntry("booked_date", "Give the booked date with the booked time")
    if e.booked_date and not window.earliest <= e.booked_date <= window.latest \
            and not e.booking_reason:
        raise InvalidEntry("booking_reason",
                           "{booked_date} is outside the window {window}: give a reason to "
                           "book it", booked_date=fmt_date(e.booked_date),
                           window=fmt_window(window.earliest, window.latest, window.target))


def check_outcome(e: VisitEntry, code: str, today: date, consent: date | None) -> None:
    """Done on a date not in the future nor before consent; missed with a reason."""
    if e.outcome not in (None, DONE, MISSED):
        raise InvalidEntry("outcome", "Outcome must be done, missed or not yet")
    if e.outcome == DONE:
        if e.actual_date is None:
            raise InvalidEntry("actual_date", "Give the date {code} was done",
                                              code=code)
        if e.actual_date > today:
            raise InvalidEntry("actual_date", "{code} cannot be done on {actual_date}: that is "
                                              "in the future",
                                              code=code, actual_date=fmt_date(e.actual_date))
        if consent and e.actual_date < consent:
            raise InvalidEntry("actual_date", "{code} on {actual_date} is before consent "
                                              "({consent})",
                                              code=code, actual_date=fmt_date(e.actual_date),
                                              consent=fmt_date(consent))
    elif e.actual_date is not None or e.actual_time is not None:
        raise InvalidEntry("outcome", "An actual date needs the outcome 'done'")
    if e.outcome == MISSED and not e.missed_reason:
        raise InvalidEntry("missed_reason", "Give the reason {code} was not done",
                                            code=code)


def check_done_in_window(e: VisitEntry, code: str, window: VisitWindow) -> None:
    """Done outside the window is a protocol deviation: it is saved with its reason. (The
    visit of the first dose has no window of its own: its date anchors the calendar.)"""
    if e.outcome == DONE and e.actual_date is not None and not e.booking_reason \
            and not window.earliest <= e.actual_date <= window.latest:
        raise InvalidEntry("booking_reason",
                           "{code} done on {actual_date} is outside its window {window}: give the "
                           "reason (the visit is listed as a deviation)",
                           code=code, actual_date=fmt_date(e.actual_date),
                           window=fmt_window(window.earliest, window.latest, window.target))


def check_delay(e: VisitEntry, protocol: Protocol, code: str) -> None:
    """Only a cycle's day 1 is delayed: 1 to 120 days, for a known reason."""
    if not e.delay_days:
        return
    if not protocol.is_cycle_day1(code):
        raise InvalidEntry("delay_days", "{code} is not a cycle's day 1: only cycles are delayed",
                                         code=code)
    if e.delay_days < 1 or e.delay_days > MAX_DELAY_DAYS:
        raise InvalidEntry("delay_days", "A delay is 1 to {MAX_DELAY_DAYS} days",
                                         MAX_DELAY_DAYS=MAX_DELAY_DAYS)
    if e.delay_reason not in DELAY_REASONS:
        raise InvalidEntry("delay_reason",
                           "Give the reason for the delay: {DELAY_REASONS}",
                           DELAY_REASONS=', '.join(DELAY_REASONS))


def check_calendar_facts(facts: PatientFacts) -> None:
    """The facts a calendar is built from when typed at once (the `schedule` command), as
    the windows check each: a delay of 1 to MAX_DELAY_DAYS days, no death before the first
    dose given."""
    for code, delay in facts.delays.items():
        if not 1 <= delay.days <= MAX_DELAY_DAYS:
            raise InvalidEntry("delay_days", "{code} is delayed by {days} days: a delay is 1 "
                                             "to {MAX_DELAY_DAYS} days",
                               code=code, days=delay.days, MAX_DELAY_DAYS=MAX_DELAY_DAYS)
    if facts.death is not None and facts.death < facts.first_dose:
        raise InvalidEntry("death_date", "Death {death_date} is before the first dose "
                                         "({first_dose})",
                           death_date=fmt_date(facts.death), first_dose=fmt_date(facts.first_dose))


def check_dose(e: VisitEntry, protocol: Protocol, code: str) -> None:
    """A dose at a dosing visit, at a level of the study, once the visit is done."""
    if not (e.dose_level or e.dose_action):
        return
    if not protocol.is_dosing(code):
        raise InvalidEntry("dose_level", "{code} is not a dosing visit",
                                         code=code)
    if e.dose_level and e.dose_level not in protocol.dose_level_codes():
        raise InvalidEntry("dose_level", "Unknown dose level '{dose_level}'",
                                         dose_level=e.dose_level)
    if e.dose_action not in DOSE_ACTIONS:
        raise InvalidEntry("dose_action", "Dose given: {DOSE_ACTIONS}",
                                          DOSE_ACTIONS=', '.join(DOSE_ACTIONS))
    if e.outcome != DONE:
        raise InvalidEntry("dose_action", "Record the dose once the visit is done")


def check_visit(entry: VisitEntry, protocol: Protocol, code: str, window: VisitWindow,
                today: date, consent: date | None = None) -> VisitEntry:
    """The visit entry cleaned (blank texts None, fields a choice made moot cleared)."""
    e = replace(entry, booking_reason=clean_text(entry.booking_reason),
                missed_reason=clean_text(entry.missed_reason),
                comment=clean_text(entry.comment), delay_reason=clean_text(entry.delay_reason))
    check_booking(e, window)
    check_outcome(e, code, today, consent)
    check_delay(e, protocol, code)
    check_dose(e, protocol, code)
    if e.outcome != MISSED:
        e.missed_reason = None
    if not e.delay_days:
        e.delay_days, e.delay_reason = None, None
    return e
