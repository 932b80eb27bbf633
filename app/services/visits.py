"""Booking and recording visits: done, missed, delayed, dosed, or unscheduled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from app.dates import fmt_date, fmt_window
from app.protocol import Protocol
from app.schedule import DELAY_REASONS, DONE, MISSED
from app.services import calendar as cal
from app.services.conflicts import check_version, merged
from app.services.errors import InvalidEntry
from db import Database, ReasonRequired
from db.models import VisitRecord

DOSE_ACTIONS = ("as planned", "reduced", "held")
UNSCHEDULED_PREFIX = "UNS"


@dataclass
class VisitEntry:
    """What the visit dialog holds; None means left blank."""

    booked_date: date | None = None
    booked_time: time | None = None
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


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None


def _check(entry: VisitEntry, protocol: Protocol, code: str, window: tuple[date, date, date],
           today: date) -> VisitEntry:
    earliest, latest, target = window
    e = VisitEntry(**entry.__dict__)
    e.booking_reason, e.missed_reason = _clean(e.booking_reason), _clean(e.missed_reason)
    e.comment, e.delay_reason = _clean(e.comment), _clean(e.delay_reason)
    if e.booked_time and not e.booked_date:
        raise InvalidEntry("booked_date", "Give the booked date with the booked time")
    if e.booked_date and not earliest <= e.booked_date <= latest and not e.booking_reason:
        raise InvalidEntry("booking_reason",
                           f"{fmt_date(e.booked_date)} is outside the window "
                           f"{fmt_window(earliest, latest, target)}: give a reason to book it")
    if e.outcome not in (None, DONE, MISSED):
        raise InvalidEntry("outcome", "Outcome must be done, missed or not yet")
    if e.outcome == DONE:
        if e.actual_date is None:
            raise InvalidEntry("actual_date", f"Give the date {code} was done")
        if e.actual_date > today:
            raise InvalidEntry("actual_date", f"{code} cannot be done on "
                               f"{fmt_date(e.actual_date)}: that is in the future")
    else:
        if e.actual_date is not None or e.actual_time is not None:
            raise InvalidEntry("outcome", "An actual date needs the outcome 'done'")
    if e.outcome == MISSED and not e.missed_reason:
        raise InvalidEntry("missed_reason", f"Give the reason {code} was not done")
    if e.outcome != MISSED:
        e.missed_reason = None
    if e.delay_days:
        if not protocol.is_cycle_day1(code):
            raise InvalidEntry("delay_days", f"{code} is not a cycle's day 1: only cycles are "
                               "delayed")
        if e.delay_days < 1 or e.delay_days > 120:
            raise InvalidEntry("delay_days", "A delay is 1 to 120 days")
        if e.delay_reason not in DELAY_REASONS:
            raise InvalidEntry("delay_reason",
                               f"Give the reason for the delay: {', '.join(DELAY_REASONS)}")
    else:
        e.delay_days, e.delay_reason = None, None
    if e.dose_level or e.dose_action:
        if not protocol.is_dosing(code):
            raise InvalidEntry("dose_level", f"{code} is not a dosing visit")
        levels = {d.code for d in protocol.dose_levels} | {"RP2D"}
        if e.dose_level and e.dose_level not in levels:
            raise InvalidEntry("dose_level", f"Unknown dose level '{e.dose_level}'")
        if e.dose_action not in DOSE_ACTIONS:
            raise InvalidEntry("dose_action", f"Dose given: {', '.join(DOSE_ACTIONS)}")
        if e.outcome != DONE:
            raise InvalidEntry("dose_action", "Record the dose once the visit is done")
    return e


def record_visit(db: Database, protocol: Protocol, patient_id: int, code: str,
                 entry: VisitEntry, today: date, reason: str | None = None, *,
                 base: VisitEntry | None = None, version: int | None = None) -> None:
    """Book or record one calendar visit, then rebuild the calendar with the engine.

    A saved value that changes needs `reason`. If the engine refuses the new facts, nothing
    is saved. With `base` (what the dialog read) and `version` (0 for a visit with no
    record yet) only the fields the user changed are written, and a record saved by someone
    else meanwhile is not overwritten (EditConflict).
    """
    try:
        with db.unit_of_work(reason=reason) as session:
            loaded = cal.load(session, patient_id)
            calendar = cal.calendar_of(loaded, protocol, today)
            visit = calendar.get(code) if calendar else None
            if visit is None:
                raise InvalidEntry("code", f"{code} is not in this patient's calendar")
            record = next((r for r in loaded.records if r.code == code), None)
            if base is not None and record is not None:
                check_version(session, record, version, base.__dict__)
                stored = {k: getattr(record, k) for k in entry.__dict__}
                entry = VisitEntry(**merged(base.__dict__, entry.__dict__, stored))
            clean = _check(entry, protocol, code, (visit.earliest, visit.latest, visit.target),
                           today)
            consent = loaded.patient.consent_date
            if clean.actual_date and consent and clean.actual_date < consent:
                raise InvalidEntry("actual_date", f"{code} on {fmt_date(clean.actual_date)} "
                                   f"is before consent ({fmt_date(consent)})")
            if record is None:
                record = VisitRecord(patient_id=patient_id, code=code, unscheduled=False)
                session.add(record)
            for key, value in clean.__dict__.items():
                if getattr(record, key) != value:
                    setattr(record, key, value)
            cal.rebuild(session, patient_id, protocol, today)
    except ReasonRequired as exc:
        raise InvalidEntry("reason", f"Give a reason for changing saved data: {exc}") from None


def add_unscheduled_visit(db: Database, protocol: Protocol, patient_id: int, when: date,
                          at: time | None, why: str, today: date, comment: str | None = None
                          ) -> str:
    """An extra visit outside the protocol's calendar (a toxicity check, say): done, with why."""
    if not (why or "").strip():
        raise InvalidEntry("unscheduled_reason", "Give the reason for the unscheduled visit")
    if when > today:
        raise InvalidEntry("actual_date", f"{fmt_date(when)} is in the future")
    with db.unit_of_work() as session:
        loaded = cal.load(session, patient_id)
        consent = loaded.patient.consent_date
        if consent and when < consent:
            raise InvalidEntry("actual_date", f"{fmt_date(when)} is before consent")
        if loaded.patient.death_date and when > loaded.patient.death_date:
            raise InvalidEntry("actual_date", f"{fmt_date(when)} is after the recorded death")
        n = 1 + sum(1 for r in loaded.records if r.unscheduled)
        code = f"{UNSCHEDULED_PREFIX}{n}"
        session.add(VisitRecord(patient_id=patient_id, code=code, unscheduled=True,
                                unscheduled_reason=why.strip(), outcome=DONE, actual_date=when,
                                actual_time=at, comment=_clean(comment)))
        return code
