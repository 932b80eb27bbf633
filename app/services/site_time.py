"""The site's time zone: a setting kept with the data (default: the workstation's zone,
honouring the TZ environment variable), and the instants read back in it."""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlalchemy.orm import Session

from app.rules.refusals import on_field
from app.rules.site_time import TimeProblem, in_zone, workstation_zone, zone_named
from db import Database
from db.models import SiteSetting

TIME_ZONE = "time_zone"


def zone_in(session: Session) -> tzinfo:
    """The site's zone, read in an open session (once in a read-only one: a page asks four
    times, and an absent setting is not kept by the session's identity map)."""
    if session.info.get("writing"):
        return _zone_in(session)
    if "site_zone" not in session.info:
        session.info["site_zone"] = _zone_in(session)
    zone: tzinfo = session.info["site_zone"]
    return zone


def _zone_in(session: Session) -> tzinfo:
    setting = session.get(SiteSetting, TIME_ZONE)
    if setting is not None:
        try:
            return zone_named(setting.value)
        except ValueError:
            pass  # a zone this machine does not know: the workstation's
    return workstation_zone()


def site_zone(db: Database) -> tzinfo:
    with db.reading(purpose=None) as session:
        return zone_in(session)


def set_site_zone(db: Database, name: str, reason: str | None = None) -> None:
    """Set the site's zone (an IANA name). Stored instants do not move; they are shown on
    the new zone's clock."""
    with on_field("time_zone"):
        zone_named(name)
    with db.unit_of_work(reason=reason or "site time zone set", purpose="settings") as session:
        setting = session.get(SiteSetting, TIME_ZONE)
        if setting is None:
            session.add(SiteSetting(key=TIME_ZONE, value=name))
        else:
            setting.value = name


def local(value: datetime | None, zone: tzinfo) -> datetime | None:
    """A stored instant on the site's clock (None stays None)."""
    return None if value is None else in_zone(value, zone)


def typed(value: datetime | None, zone: tzinfo, field: str) -> datetime | None:
    """A clock time as typed (naive: the site's wall clock) as an instant in the site's zone;
    a time in a spring-forward gap is refused on its field."""
    with on_field(field, TimeProblem):
        return local(value, zone)
