"""The unit's planner: a day or a week of chairs x hours, each patient's block with its PK
ticks, each nurse's load, what is booked outside its window or on a closure; and the
bookings that a change of the calendar (a delay, a dose hold, an end of treatment, a death)
left outside their window or no longer expected, for the nurse to rebook or cancel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, select, text

from app.rules.booking import Block
from app.rules.booking_plan import (
    Conflict,
    Held,
    NurseLoad,
    Stale,
    conflicts,
    nurse_loads,
    stale_bookings,
    tube_minutes,
)
from app.rules.booking_site import check_planner_days
from app.rules.protocol import default_protocol
from app.services.site_book import blocks_between, site_book
from db import Database
from db.models import CalendarVisit, Patient, VisitRecord
from db.partial_indexes import STALE_BOOKING


@dataclass(frozen=True)
class PlanDay:
    day: date
    closure: str | None
    #: each place of the site (chairs, then rooms) with its blocks that day
    places: list[tuple[str, str, list[Block]]]
    #: blocks that hold no place of the unit (a scan, a phone call) or a retired one
    elsewhere: list[Block]
    loads: list[NurseLoad]
    conflicts: list[Conflict]


@dataclass(frozen=True)
class Plan:
    first: date
    days: list[PlanDay]
    opening: str
    #: each block's patient (by its visit record): what a move in the planner books
    patient_of: dict[int, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"from": self.first.isoformat(), "opening_hours": self.opening,
                "days": [_day_json(d) for d in self.days]}


def block_json(b: Block) -> dict[str, object]:
    return {"subject": b.subject, "visit": b.code,
            "start": b.start.isoformat(timespec="minutes"),
            "end": b.end.isoformat(timespec="minutes"), "chair": b.place, "nurse": b.nurse,
            "pk_ticks": [t.strftime("%H:%M") for t in b.ticks],
            "out_of_window": b.out_of_window}


def _day_json(d: PlanDay) -> dict[str, object]:
    return {"date": d.day.isoformat(), "closed": d.closure,
            "chairs": [{"name": name, "kind": kind, "blocks": [block_json(b) for b in bs]}
                       for name, kind, bs in d.places],
            "elsewhere": [block_json(b) for b in d.elsewhere],
            "nurses": [{"nurse": n.nurse, "patients": n.patients, "pk_tubes": n.tubes}
                       for n in d.loads],
            "conflicts": [str(c.what) for c in d.conflicts]}


def planner(db: Database, first: date, days: int = 1) -> Plan:
    check_planner_days(days)
    last = first + timedelta(days=days - 1)
    with db.reading() as session:
        site = site_book(session)
        blocks = blocks_between(session, first, last)
        keys = [b.key for b in blocks if b.key is not None]
        patient_of = {rid: pid for rid, pid in session.execute(select(
            VisitRecord.id, VisitRecord.patient_id).where(VisitRecord.id.in_(keys)))}
    tube = tube_minutes(default_protocol())
    out = []
    for k in range(days):
        day = first + timedelta(days=k)
        today = [b for b in blocks if b.start.date() == day]
        names = {p.name for p in site.places}
        closure = site.closure_on(day)
        out.append(PlanDay(
            day, closure.label if closure else None,
            [(p.name, p.kind, [b for b in today if b.place == p.name]) for p in site.places],
            [b for b in today if b.place not in names], nurse_loads(today),
            conflicts(today, site, tube)))
    hours = site.hours
    return Plan(first, out, hours.text(), patient_of)


def stale_list(db: Database, today: date) -> list[Stale]:
    """Bookings from today on that the calendar, rebuilt since, no longer holds: outside
    their window now, or no longer expected. Only the bookings that may be stale are read
    (cancelled, or outside their window): a site's every future booking is tens of
    thousands of rows, and the rule would pass over all but a few."""
    booked_cv = and_(CalendarVisit.booked_date.is_not(None), CalendarVisit.booked_date >= today)
    # through the partial index that holds them (its own condition, word for word), read
    # first: PostgreSQL would otherwise walk every calendar of the account's patients
    cv = CalendarVisit
    stale = select(cv.patient_id, cv.code, cv.booked_date, cv.booked_time, cv.earliest,
                   cv.latest, cv.target, cv.state).where(
        text(STALE_BOOKING), cv.booked_date >= today).cte("stale").prefix_with("MATERIALIZED")
    with db.reading() as session:
        rows = session.execute(
            select(Patient.subject_id, stale.c.code, stale.c.booked_date, stale.c.booked_time,
                   stale.c.earliest, stale.c.latest, stale.c.target, stale.c.state,
                   stale.c.patient_id)
            .join(Patient, Patient.id == stale.c.patient_id)
            .where(Patient.deleted_at.is_(None))).all()
        held = [Held(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows
                if r[2] is not None]
        # a booking whose visit left the calendar altogether (a screen failure) too
        in_calendar = select(CalendarVisit.id).where(
            CalendarVisit.patient_id == VisitRecord.patient_id,
            CalendarVisit.code == VisitRecord.code, booked_cv)
        for subject, code, booked, at, pid in session.execute(
                select(Patient.subject_id, VisitRecord.code, VisitRecord.booked_date,
                       VisitRecord.booked_time, VisitRecord.patient_id)
                .join(Patient, Patient.id == VisitRecord.patient_id)
                .where(VisitRecord.booked_date.is_not(None), VisitRecord.outcome.is_(None),
                       VisitRecord.deleted_at.is_(None),  # ix_visit_record_open_booking's
                       VisitRecord.booked_date >= today, Patient.deleted_at.is_(None),
                       ~in_calendar.exists())):
            if booked is not None:
                held.append(Held(subject, code, booked, at, booked, booked, booked,
                                 "cancelled", pid))
    return stale_bookings(held, today)


__all__ = ["Plan", "PlanDay", "block_json", "planner", "stale_list"]
