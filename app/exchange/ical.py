"""The site's visits as an iCalendar file (RFC 5545) for Outlook and other calendars.

A booked visit is a timed event (one hour from its booked time, in the site's time zone, or
all day when booked without a time); a visit not booked yet is an all-day event spanning its
window. Each event's UID is stable (the database's identity, the patient's number and the
visit code), so importing a newer file updates the events instead of adding copies. The
text carries the subject ID and the visit code only: no name, no initials.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from app.rules.dates import fmt_date, fmt_window

PRODUCT = "-//Site Tracker//Visits//EN"
VISIT_LENGTH = timedelta(hours=1)


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


def uid(database_id: str, entry: CalendarEntry) -> str:
    return f"visit-{entry.patient_id}-{entry.code}.{database_id}@sitetracker"


def visits_ics(entries: Sequence[CalendarEntry], database_id: str, zone: tzinfo,
               now: datetime) -> bytes:
    """The entries as one VCALENDAR (`now`, UTC, stamps every event)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Site Tracker visits")
    for e in entries:
        event = Event()
        event.add("uid", uid(database_id, e))
        event.add("dtstamp", now)
        event.add("summary", f"{e.subject_id} {e.code}")
        window = fmt_window(e.earliest, e.latest, e.target)
        if e.booked_date is not None and e.booked_time is not None:
            start = datetime.combine(e.booked_date, e.booked_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + VISIT_LENGTH)
            booked = f"booked {fmt_date(e.booked_date)} {e.booked_time:%H:%M}"
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
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
