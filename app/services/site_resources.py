"""The appointment book's resources, kept by an administrator: the site's chairs and rooms,
its closures, its opening hours and each account's working days. Audited like the other
site settings; a chair is retired and a closure withdrawn (with a reason), never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.rules.booking import WEEKDAYS
from app.rules.booking_site import (
    check_closure,
    check_place_name,
    hours_setting,
    parse_opening_hours,
    parse_weekdays,
)
from app.services.changes import withdraw
from app.services.errors import NotFound
from app.services.site_book import (
    CLINICAL_ROLES,
    OPENING_HOURS,
    WORKING_DAYS,
    closures,
    opening_hours,
    places,
    working_days,
)
from db import Database
from db.accounts import UserAccount
from db.booking import SiteClosure, SiteResource
from db.models import SiteSetting

SETTINGS = "settings"


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class ClosureRow:
    id: int
    day: date
    label: str


@dataclass(frozen=True)
class StaffRow:
    account: str
    role: str
    days: str  # "Mon Tue Wed Thu Fri"


@dataclass(frozen=True)
class Resources:
    places: list[PlaceRow]
    closures: list[ClosureRow]
    opening_hours: str
    staff: list[StaffRow]

    def to_json(self) -> dict[str, object]:
        return {"chairs": [p.name for p in self.places if p.kind == "chair"],
                "rooms": [p.name for p in self.places if p.kind == "room"],
                "closures": [{"day": c.day.isoformat(), "label": c.label}
                             for c in self.closures],
                "opening_hours": self.opening_hours,
                "staff": [{"account": s.account, "role": s.role, "works": s.days}
                          for s in self.staff]}


def resources(db: Database) -> Resources:
    with db.reading(purpose=None) as session:
        hours = opening_hours(session)
        works = working_days(session)
        staff = [StaffRow(name, role, " ".join(WEEKDAYS[d] for d in sorted(
                     works.get(name, hours.weekdays))))
                 for name, role in session.execute(select(UserAccount.name, UserAccount.role)
                                                   .where(UserAccount.active.is_(True),
                                                          UserAccount.role.in_(CLINICAL_ROLES))
                                                   .order_by(UserAccount.name))]
        return Resources([PlaceRow(p.id, p.name, p.kind) for p in places(session)],
                         [ClosureRow(c.id, c.day, c.label) for c in closures(session)],
                         hours_setting(hours), staff)


def add_place(db: Database, name: str, kind: str) -> int:
    with db.unit_of_work(purpose=SETTINGS) as session:
        clean, kind = check_place_name(name, kind, [p.name for p in places(session)])
        row = SiteResource(name=clean, kind=kind)
        session.add(row)
        session.flush()
        return row.id


def retire_place(db: Database, place_id: int, reason: str) -> None:
    """A chair or room out of use from now on: its past bookings keep it."""
    with db.unit_of_work(reason=reason, purpose=SETTINGS) as session:
        row = session.get(SiteResource, place_id)
        if row is None or row.deleted_at is not None:
            raise NotFound("name", "no chair or room with id {place_id}", place_id=place_id)
        withdraw(row, db.actor, reason)


def add_closure(db: Database, day: date | None, label: str, today: date) -> int:
    with db.unit_of_work(purpose=SETTINGS) as session:
        day, clean = check_closure(day, label, today, [c.day for c in closures(session)])
        row = SiteClosure(day=day, label=clean)
        session.add(row)
        session.flush()
        return row.id


def withdraw_closure(db: Database, closure_id: int, reason: str) -> None:
    with db.unit_of_work(reason=reason, purpose=SETTINGS) as session:
        row = session.get(SiteClosure, closure_id)
        if row is None or row.deleted_at is not None:
            raise NotFound("day", "no closure with id {closure_id}", closure_id=closure_id)
        withdraw(row, db.actor, reason)


def _setting(db: Database, key: str, value: str, reason: str | None) -> None:
    with db.unit_of_work(reason=reason or "appointment book", purpose=SETTINGS) as session:
        row = session.get(SiteSetting, key)
        if row is None:
            session.add(SiteSetting(key=key, value=value))
        elif row.value != value:
            row.value = value


def set_opening_hours(db: Database, text: str, reason: str | None = None) -> str:
    value = hours_setting(parse_opening_hours(text))
    _setting(db, OPENING_HOURS, value, reason)
    return value


def set_working_days(db: Database, account: str, text: str, reason: str | None = None
                     ) -> str:
    days = parse_weekdays(text)
    with db.reading(purpose=None) as session:
        if session.scalar(select(UserAccount.id).where(UserAccount.name == account)) is None:
            raise NotFound("account", "no account named '{account}'", account=account)
    value = " ".join(WEEKDAYS[d] for d in sorted(days))
    _setting(db, WORKING_DAYS + account, value, reason)
    return value


__all__ = ["ClosureRow", "PlaceRow", "Resources", "StaffRow", "add_closure", "add_place",
           "resources", "retire_place", "set_opening_hours", "set_working_days",
           "withdraw_closure"]
