"""The demo's appointment book: four chairs and a room, and the demo's bookings from today
on seated in the first chair (or room) free for their whole block, as a coordinator would
have seated them; a booking no place is free for stays unseated (the planner names it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.rules.booking import Block, Place, SiteBook, Wanted, free_places
from app.services.site_book import blocks_between
from app.services.studies import protocols_by_patient
from db.booking import SiteResource
from db.models import VisitRecord

DEMO_PLACES = (("Chair 1", "chair"), ("Chair 2", "chair"), ("Chair 3", "chair"),
               ("Chair 4", "chair"), ("Room A", "room"))


def demo_book(session: Session, today: date) -> None:
    if session.scalar(select(SiteResource.id)) is None:
        for name, kind in DEMO_PLACES:
            session.add(SiteResource(name=name, kind=kind))
        session.flush()
    ids = {p.name: p.id for p in session.scalars(select(SiteResource))}
    site = SiteBook(tuple(Place(n, k) for n, k in DEMO_PLACES))
    records = {r.id: r for r in session.scalars(select(VisitRecord).where(
        VisitRecord.booked_date >= today, VisitRecord.booked_time.is_not(None)))}
    protocols = protocols_by_patient(session, patient_ids={r.patient_id
                                                           for r in records.values()})
    seated: list[Block] = []
    for b in blocks_between(session, today, max((r.booked_date for r in records.values()
                                                 if r.booked_date), default=today)):
        record = records.get(b.key or 0)
        protocol = protocols.get(record.patient_id) if record else None
        if record is None or protocol is None or not protocol.needs_of(b.code).takes_a_place:
            continue
        w = Wanted(b.subject, b.code, b.start, protocol.needs_of(b.code), b.start.date(),
                   b.start.date(), b.start.date())
        free = free_places(w, site, seated)
        if free:
            record.booked_place_id = ids[free[0]]
            seated.append(replace(b, place=free[0]))


__all__ = ["DEMO_PLACES", "demo_book"]
