"""The site's visits as an iCalendar file (RFC 5545) for Outlook and other calendars.

A booked visit is a timed event (from its booked time for as long as the protocol says the
visit takes, in the site's time zone, with its chair as the LOCATION and its nurse, or all
day when booked without a time); a visit not booked yet is an all-day event spanning its
window. Each event's UID is stable (the database's identity, the patient's number and the
visit code), so importing a newer file updates the events instead of adding copies. The
text carries the subject ID and the visit code only: no name, no initials.

RFC 5545 as a calendar client reads it: METHOD:PUBLISH (a feed, not an invitation); a
VTIMEZONE for every zone an event names (3.2.19: a TZID without one is invalid); a SEQUENCE
that grows when a visit is rebooked (the visit record's version), so a client replaces its
copy; and, if the site asks, a reminder (VALARM) the day before or an hour before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING

from app.rules.dates import fmt_date, fmt_window

if TYPE_CHECKING:
    from icalendar import Alarm, Event

PRODUCT = "-//Site Tracker//Visits//EN"


class Reminder(StrEnum):
    """When a calendar client reminds of a visit (a site setting)."""

    NONE = "none"
    DAY_BEFORE = "day-before"
    HOUR_BEFORE = "hour-before"

    @property
    def before(self) -> timedelta | None:
        return {Reminder.NONE: None, Reminder.DAY_BEFORE: timedelta(days=1),
                Reminder.HOUR_BEFORE: timedelta(hours=1)}[self]


REMINDER_WORDS = {Reminder.NONE: "No reminder", Reminder.DAY_BEFORE: "The day before",
                  Reminder.HOUR_BEFORE: "One hour before"}


@dataclass(frozen=True)
class CalendarEntry:
    patient_id: int
    subject_id: str
    study: str
    code: str
    label: str
    target: date
    earliest: date
    latest: date
    booked_date: date | None
    booked_time: time | None
    sequence: int = 0  # the visit record's version: grows at every rebooking
    #: how long the visit holds the patient (the protocol's booking), the chair or room
    #: booked (the event's LOCATION) and the nurse booked with the patient
    minutes: int = 60
    chair: str | None = None
    nurse: str | None = None


def uid(database_id: str, entry: CalendarEntry) -> str:
    return f"visit-{entry.patient_id}-{entry.code}.{database_id}@sitetracker"


def visits_ics(entries: Sequence[CalendarEntry], database_id: str, zone: tzinfo,
               now: datetime, reminder: Reminder = Reminder.NONE) -> bytes:
    """The entries as one VCALENDAR (`now`, UTC, stamps every event)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Site Tracker visits")
    for e in entries:
        cal.add_component(_event(e, database_id, zone, now, reminder))
    cal.add_missing_timezones()  # a VTIMEZONE for each TZID the events name
    data: bytes = cal.to_ical()
    return data


def _event(e: CalendarEntry, database_id: str, zone: tzinfo, now: datetime,
           reminder: Reminder) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid(database_id, e))
    event.add("dtstamp", now)
    event.add("sequence", e.sequence)
    event.add("summary", f"{e.subject_id} {e.code}")
    window = fmt_window(e.earliest, e.latest, e.target)
    if e.booked_date is not None and e.booked_time is not None:
        start = datetime.combine(e.booked_date, e.booked_time, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=e.minutes))
        booked = f"booked {fmt_date(e.booked_date)} {e.booked_time:%H:%M}" + (
            f", {e.chair}" if e.chair else "") + (f", nurse {e.nurse}" if e.nurse else "")
        if e.chair:
            event.add("location", e.chair)
    elif e.booked_date is not None:  # booked for the day, no time yet
        event.add("dtstart", e.booked_date)
        event.add("dtend", e.booked_date + timedelta(days=1))
        booked = f"booked {fmt_date(e.booked_date)}"
    else:  # due: the whole window, all day
        event.add("dtstart", e.earliest)
        event.add("dtend", e.latest + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        booked = "not booked yet"
    event.add("description", f"{e.study} · {e.subject_id} · {e.code} {e.label} · "
                             f"window {window} · {booked}")
    event.add("categories", [e.study])
    if reminder.before is not None and e.booked_date is not None:
        event.add_component(_alarm(e, reminder.before))
    return event


def _alarm(e: CalendarEntry, before: timedelta) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{e.subject_id} {e.code} {e.label}")
    alarm.add("trigger", -before)
    return alarm
