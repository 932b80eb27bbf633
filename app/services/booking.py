"""Booking a visit in the appointment book: a time, a chair (or room) and a nurse, checked
by the book's rules against the window, the site's day and what is booked already; moved
(with a reason, the audit trail's), cancelled with its reason; a whole cycle proposed at
once, then confirmed as the nurse adjusted it. A booking is the visit record's booked date
and time (the one booking the app has), with its place and nurse."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from app.rules.booking import Block, Wanted, book
from app.rules.booking_plan import Proposal, propose_cycle, tick_minutes
from app.rules.booking_site import check_bookable, check_cancel_reason
from app.rules.calendar import ScheduledVisit
from app.rules.entry.visits import clean_text
from app.rules.protocol import Protocol
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.changes import delegated, reason_needed, set_changed
from app.services.errors import NotFound
from app.services.site_book import blocks_between, nurses_on, places, site_book
from db import Database
from db.models import VisitRecord


@dataclass(frozen=True)
class Choice:
    """One visit to book: when, where (None: a free place) and with whom."""

    code: str
    start: datetime
    place: str | None = None
    nurse: str | None = None
    why_outside: str | None = None


def _visit(loaded: cal.Loaded, protocol: Protocol, code: str, today: date) -> ScheduledVisit:
    calendar = cal.calendar_of(loaded, protocol, today)
    visit = calendar.get(code) if calendar else None
    if visit is None:
        raise NotFound("code", "{code} is not in this patient's calendar", code=code)
    return visit


def _book_in(session: Session, loaded: cal.Loaded, protocol: Protocol, choice: Choice,
             today: date, taken: list[Block]) -> Block:
    """Check one booking with the rules and write it on the visit record."""
    visit = _visit(loaded, protocol, choice.code, today)
    record = next((r for r in loaded.records if r.code == choice.code), None)
    check_bookable(choice.code, visit.status, record.outcome if record else None)
    wanted = Wanted(loaded.patient.subject_id, choice.code, choice.start,
                    protocol.needs_of(choice.code), visit.earliest, visit.latest, visit.target,
                    tick_minutes(protocol, choice.code), choice.place, choice.nurse,
                    clean_text(choice.why_outside), record.id if record else None)
    first = min(visit.earliest, choice.start.date()) - timedelta(days=1)
    last = max(visit.latest, choice.start.date()) + timedelta(days=1)
    blocks = [b for b in blocks_between(session, first, last) if b.key is None
              or record is None or b.key != record.id] + taken
    block = book(wanted, site_book(session), blocks,
                 nurses_on(session, loaded.patient.study_id, choice.start.date(), protocol),
                 today)
    place_id = next((p.id for p in places(session) if p.name == block.place), None)
    if record is None:
        record = VisitRecord(patient_id=loaded.patient.id, code=choice.code, unscheduled=False)
        session.add(record)
        loaded.records.append(record)
    inside = visit.earliest <= choice.start.date() <= visit.latest
    set_changed(record, {"booked_date": choice.start.date(), "booked_time": choice.start.time(),
                         "booked_place_id": place_id, "booked_nurse": choice.nurse,
                         "booking_reason": None if inside else wanted.why_outside})
    return block


@attempt("book visit {code} of {subject}")
@delegated("data_entry")
def book_visit(db: Database, protocol: Protocol, patient_id: int, code: str, choice: Choice,
               today: date, reason: str | None = None) -> Block:
    """Book (or move, with `reason`) one visit; refused whole, nothing saved, when the rules
    say no (the refusal names what is in the way and the free days)."""
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        loaded = cal.load(session, patient_id, protocol)
        block = _book_in(session, loaded, loaded.protocol, choice, today, [])
        cal.rebuild(session, patient_id, today)
        return block


@attempt("cancel the booking of {code} of {subject}")
@delegated("data_entry")
def cancel_booking(db: Database, protocol: Protocol, patient_id: int, code: str, today: date,
                   reason: str | None) -> None:
    """Take a booking back, with the reason (the audit trail keeps the old values)."""
    why = check_cancel_reason(reason, code)
    with db.unit_of_work(reason=why) as session:
        loaded = cal.load(session, patient_id, protocol)
        record = next((r for r in loaded.records if r.code == code), None)
        if record is None or record.booked_date is None:
            raise NotFound("code", "{code} of this patient is not booked", code=code)
        set_changed(record, {"booked_date": None, "booked_time": None,
                             "booked_place_id": None, "booked_nurse": None,
                             "booking_reason": None})
        cal.rebuild(session, patient_id, today)


def usual_time(records: Sequence[VisitRecord]) -> time | None:
    """The time the patient is most often booked at (the latest such booking wins a tie)."""
    times = Counter(r.booked_time for r in records if r.booked_time is not None)
    return times.most_common(1)[0][0] if times else None


def _cycle_visits(loaded: cal.Loaded, protocol: Protocol, cycle: int, today: date
                  ) -> list[ScheduledVisit]:
    calendar = cal.calendar_of(loaded, protocol, today)
    booked = {r.code for r in loaded.records if r.booked_date is not None}
    return [v for v in (calendar or ()) if v.cycle == cycle and v.status in (
        "planned", "open", "overdue") and v.code not in booked]


def cycle_proposal(db: Database, protocol: Protocol, patient_id: int, cycle: int,
                   at: time | None, today: date, nurse: str | None = None) -> list[Proposal]:
    """Every visit of the cycle not booked yet, proposed at its target at the patient's
    usual time (or `at`) on a free place; moves and problems named."""
    with db.reading() as session:
        loaded = cal.load(session, patient_id, protocol)
        protocol = loaded.protocol
        visits = _cycle_visits(loaded, protocol, cycle, today)
        if not visits:
            raise NotFound("cycle", "Cycle {cycle} of this patient has no visit to book",
                           cycle=cycle)
        clock = at or usual_time(loaded.records) or site_book(session).hours.opens
        wanted = [Wanted(loaded.patient.subject_id, v.code, datetime.combine(v.target, clock),
                         protocol.needs_of(v.code), v.earliest, v.latest, v.target,
                         tick_minutes(protocol, v.code), None, nurse) for v in visits]
        first = min(v.earliest for v in visits)
        last = max(v.latest for v in visits)
        return propose_cycle(wanted, site_book(session), blocks_between(session, first, last),
                             nurses_on(session, loaded.patient.study_id, first, protocol),
                             today)


@attempt("book a cycle of {subject}")
@delegated("data_entry")
def book_choices(db: Database, protocol: Protocol, patient_id: int, choices: Sequence[Choice],
                 today: date) -> list[Block]:
    """Book several visits at once (a cycle as the nurse confirmed it): all or none."""
    with reason_needed(), db.unit_of_work() as session:
        loaded = cal.load(session, patient_id, protocol)
        taken: list[Block] = []
        for choice in choices:
            taken.append(_book_in(session, loaded, loaded.protocol, choice, today, taken))
        cal.rebuild(session, patient_id, today)
        return taken


def choices_of(proposals: Sequence[Proposal], nurse: str | None = None) -> list[Choice]:
    """The proposals that found a day, as the choices to confirm."""
    return [Choice(p.code, p.start, p.place, nurse) for p in proposals if p.start is not None]


__all__ = ["Choice", "book_choices", "book_visit", "cancel_booking", "choices_of",
           "cycle_proposal", "usual_time"]
