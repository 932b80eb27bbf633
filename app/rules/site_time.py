"""Site time, pure: clock times are instants in the site's time zone.

Doses, PK tubes and SAE awareness are typed as a wall-clock time on a day at the site; they
are kept as aware instants so that elapsed time is real time: across a daylight-saving
change the 24 h PK tube and the SAE 24 h clock are 24 real hours, shown in local time.

Python adds a timedelta to an aware datetime on its WALL clock, and subtracts two datetimes
of the same zone on their wall clocks too; so every sum and difference here goes through
UTC, and the result is handed back in the site's zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from app.errors import Unreadable
from app.rules.dates import fmt_date


class TimeProblem(ValueError):
    """A wall-clock time that cannot be placed (a daylight-saving gap), or a naive one."""


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone of that name ('Europe/Paris'); ValueError naming it when unknown."""
    try:
        if not name or name.strip() != name:
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Unreadable("'{name}' is not a time zone: give an IANA name such as "
                         "Europe/London or America/New_York", name=name) from None


def workstation_zone() -> ZoneInfo:
    """The workstation's zone (the TZ environment variable first), UTC if it has none."""
    import tzlocal

    try:
        return zone_named(tzlocal.get_localzone_name() or "UTC")
    except (ValueError, LookupError, OSError):  # tzlocal's warnings on odd set-ups
        return ZoneInfo("UTC")


def zone_names() -> list[str]:
    """Every zone a site can choose, sorted (for the setting's list)."""
    return sorted(n for n in available_timezones() if "/" in n or n == "UTC")


def local_instant(day: date, clock: time, zone: tzinfo) -> datetime:
    """The instant a wall-clock time on a day at the site names. A time in the spring-forward
    gap does not exist and is refused; one in the autumn fold is its first occurrence."""
    naive = datetime.combine(day, clock.replace(tzinfo=None, fold=0))
    aware = naive.replace(tzinfo=zone)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise TimeProblem(f"{fmt_date(day)} {clock:%H:%M} does not exist in {zone}: the "
                          "clocks went forward then; give the time on the new clock")
    return aware


def in_zone(value: datetime, zone: tzinfo) -> datetime:
    """An instant shown in the site's zone; a naive value is a wall-clock time there."""
    if value.tzinfo is None:
        return local_instant(value.date(), value.time(), zone)
    return value.astimezone(zone)


def utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise TimeProblem(f"{value} has no time zone")
    return value.astimezone(UTC)


def later(value: datetime, delta: timedelta) -> datetime:
    """`delta` of real time after `value`, in `value`'s zone."""
    return (utc(value) + delta).astimezone(value.tzinfo)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from `start` to `end` (negative when `end` is earlier)."""
    return utc(end) - utc(start)
