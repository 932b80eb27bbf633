"""The appointment book as the rules read it, loaded in the caller's transaction: the
site's chairs, rooms and closures, its opening hours and each account's working days (site
settings), the blocks booked over a range of days, and the accounts a visit may be booked
with (each delegated for PK sampling on the study that day, or not)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidEntry
from app.rules.accounts import Role
from app.rules.booking import Block, Closure, Nurses, OpeningHours, Place, SiteBook
from app.rules.booking_plan import tick_minutes, tube_minutes
from app.rules.booking_site import parse_opening_hours, parse_weekdays
from app.rules.delegation import Task, is_delegated
from app.rules.protocol import Protocol
from app.services.delegation_gate import delegations_of, trainings_of, version_in_force
from app.services.studies import protocols_by_patient
from db.accounts import UserAccount
from db.booking import SiteClosure, SiteResource
from db.models import CalendarVisit, Patient, SiteSetting, VisitRecord
from db.studies import Study

OPENING_HOURS = "opening_hours"
WORKING_DAYS = "working_days:"  # + the account's name
CLINICAL_ROLES = (Role.NURSE.value, Role.INVESTIGATOR.value)


def places(session: Session) -> list[SiteResource]:
    return list(session.scalars(select(SiteResource).where(
        SiteResource.deleted_at.is_(None)).order_by(SiteResource.kind, SiteResource.id)))


def closures(session: Session) -> list[SiteClosure]:
    return list(session.scalars(select(SiteClosure).where(
        SiteClosure.deleted_at.is_(None)).order_by(SiteClosure.day)))


def opening_hours(session: Session) -> OpeningHours:
    row = session.get(SiteSetting, OPENING_HOURS)
    if row is None:
        return OpeningHours()
    try:
        return parse_opening_hours(row.value)
    except InvalidEntry:  # written behind the app's back: the defaults
        return OpeningHours()


def working_days(session: Session) -> dict[str, frozenset[int]]:
    out = {}
    for row in session.scalars(select(SiteSetting).where(
            SiteSetting.key.startswith(WORKING_DAYS))):
        try:
            out[row.key[len(WORKING_DAYS):]] = parse_weekdays(row.value)
        except InvalidEntry:
            continue
    return out


def site_book(session: Session) -> SiteBook:
    return SiteBook(tuple(Place(p.name, p.kind) for p in places(session)),
                    tuple(Closure(c.day, c.label) for c in closures(session)),
                    opening_hours(session), working_days(session))


def blocks_between(session: Session, first: date, last: date) -> list[Block]:
    """Every visit booked with a time from `first` to `last`, as blocks: its duration and
    PK ticks from its patient's protocol, its window from the calendar."""
    rows = session.execute(
        select(VisitRecord, Patient.subject_id, CalendarVisit.earliest, CalendarVisit.latest)
        .join(Patient, Patient.id == VisitRecord.patient_id)
        .outerjoin(CalendarVisit, (CalendarVisit.patient_id == VisitRecord.patient_id)
                   & (CalendarVisit.code == VisitRecord.code))
        .where(VisitRecord.booked_date >= first, VisitRecord.booked_date <= last,
               VisitRecord.booked_time.is_not(None), VisitRecord.deleted_at.is_(None),
               Patient.deleted_at.is_(None))).all()
    protocols = protocols_by_patient(session, patient_ids={r[0].patient_id for r in rows})
    names = {p.id: p.name for p in session.scalars(select(SiteResource))}
    out = []
    for record, subject, earliest, latest in rows:
        protocol = protocols.get(record.patient_id)
        if protocol is None or record.booked_date is None or record.booked_time is None:
            continue
        start = datetime.combine(record.booked_date, record.booked_time)
        out.append(block_of(record, start, subject, protocol,
                            names.get(record.booked_place_id or 0), earliest, latest))
    return sorted(out, key=lambda b: (b.start, b.subject))


def block_of(record: VisitRecord, start: datetime, subject: str, protocol: Protocol,
             place: str | None, earliest: date | None, latest: date | None) -> Block:
    ticks = tuple(start + timedelta(minutes=m) for m in tick_minutes(protocol, record.code))
    return Block(subject, record.code, start, protocol.needs_of(record.code).minutes, place,
                 record.booked_nurse, ticks, earliest, latest, record.id)


def nurses_on(session: Session, study_id: int, day: date, protocol: Protocol) -> Nurses:
    """The active nurses and investigators, each delegated for PK sampling on the study that
    day or not (a study that does not enforce its log lets each of them draw)."""
    study = session.get(Study, study_id)
    enforced = bool(study and study.delegation_enforced)
    version = version_in_force(session, study_id, day) if enforced else ""
    rule = study.training_rule if study else "warn"
    out = {}
    for name in session.scalars(select(UserAccount.name).where(
            UserAccount.active.is_(True), UserAccount.role.in_(CLINICAL_ROLES))):
        out[name] = not enforced or is_delegated(
            Task.PK_SAMPLING, delegations_of(session, study_id, name),
            trainings_of(session, name, study_id), day, version, rule).allowed
    return Nurses(out, tube_minutes(protocol))


__all__ = ["OPENING_HOURS", "WORKING_DAYS", "block_of", "blocks_between", "closures",
           "nurses_on", "opening_hours", "places", "site_book", "working_days"]
