"""The visits as iCalendar: parsed back, stable UIDs, all-day windows, folded lines, no names."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from icalendar import Calendar

from app.exchange.ical import CalendarEntry, visits_ics

ZONE = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
BOOKED = CalendarEntry(7, "101-007", "IMP7068-101", "C2D1", "Cycle 2 Day 1",
                       date(2026, 12, 1), date(2026, 11, 30), date(2026, 12, 2),
                       date(2026, 12, 1), time(9, 15))
DUE = CalendarEntry(8, "101-008", "IMP7068-101", "TA2",
                    "Tumour assessment 2 (week 12) " + "with a long label " * 4,
                    date(2026, 12, 10), date(2026, 12, 3), date(2026, 12, 17), None, None)


def _events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_booked_visits_are_timed_and_due_ones_span_their_window_all_day():
    events = _events(visits_ics([BOOKED, DUE], "db1", ZONE, NOW))
    booked = events["101-007 C2D1"]
    start = booked["DTSTART"].dt
    assert start == datetime(2026, 12, 1, 9, 15, tzinfo=ZONE)
    assert booked["DTEND"].dt - start == (datetime(2026, 1, 1, 10, 15) - datetime(2026, 1, 1, 9, 15))
    due = events["101-008 TA2"]
    assert due["DTSTART"].params.get("VALUE") == "DATE"               # all day
    assert (due["DTSTART"].dt, due["DTEND"].dt) == (date(2026, 12, 3), date(2026, 12, 18))
    assert booked["DTSTAMP"].dt == NOW and due["DTSTAMP"].dt == NOW


def test_uids_are_stable_so_a_new_file_updates_rather_than_duplicates():
    first = _events(visits_ics([BOOKED, DUE], "db1", ZONE, NOW))
    later = _events(visits_ics([DUE, BOOKED], "db1", ZONE, datetime(2026, 12, 1, tzinfo=UTC)))
    assert {str(e["UID"]) for e in first.values()} == {str(e["UID"]) for e in later.values()}
    assert str(first["101-007 C2D1"]["UID"]) == "visit-7-C2D1.db1@sitetracker"


def test_long_lines_are_folded_and_no_name_is_written():
    data = visits_ics([DUE], "db1", ZONE, NOW)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))       # RFC 5545 folding
    assert b"\r\n " in data                                            # a folded line
    text = Calendar.from_ical(data).to_ical().decode()
    assert "101-008" in text and "initials" not in text.lower()


BERLIN = ZoneInfo("Europe/Berlin")


def test_every_zone_an_event_names_has_its_vtimezone_and_the_feed_is_published():
    cal = Calendar.from_ical(visits_ics([BOOKED, DUE], "db1", BERLIN, NOW))
    assert str(cal["METHOD"]) == "PUBLISH"
    named = {str(e["DTSTART"].params["TZID"]) for e in cal.walk("VEVENT")
             if "TZID" in e["DTSTART"].params}
    defined = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
    assert named == {"Europe/Berlin"} and named <= defined            # RFC 5545 3.2.19
    zone = cal.walk("VTIMEZONE")[0]
    assert zone.walk("STANDARD") and zone.walk("DAYLIGHT")             # CET and CEST


def test_a_site_on_utc_needs_no_vtimezone():
    from datetime import UTC as utc

    cal = Calendar.from_ical(visits_ics([BOOKED], "db1", utc, NOW))
    assert not cal.walk("VTIMEZONE")
    assert cal.walk("VEVENT")[0]["DTSTART"].dt.utcoffset().total_seconds() == 0


def test_the_sequence_is_the_visits_version_so_a_rebooking_replaces_the_event():
    from dataclasses import replace

    first = _events(visits_ics([replace(BOOKED, sequence=1)], "db1", ZONE, NOW))
    later = _events(visits_ics([replace(BOOKED, sequence=3, booked_time=time(11, 0))], "db1",
                               ZONE, NOW))
    assert int(first["101-007 C2D1"]["SEQUENCE"]) == 1
    assert int(later["101-007 C2D1"]["SEQUENCE"]) == 3
    assert int(_events(visits_ics([DUE], "db1", ZONE, NOW))["101-008 TA2"]["SEQUENCE"]) == 0


def test_a_reminder_rings_before_each_booked_visit_only():
    from datetime import timedelta

    from app.exchange.ical import Reminder

    events = _events(visits_ics([BOOKED, DUE], "db1", ZONE, NOW, Reminder.DAY_BEFORE))
    alarms = events["101-007 C2D1"].walk("VALARM")
    assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt == -timedelta(days=1)
    assert str(alarms[0]["ACTION"]) == "DISPLAY" and "101-007" in str(alarms[0]["DESCRIPTION"])
    assert not events["101-008 TA2"].walk("VALARM")                    # not booked: no ring
    hour = _events(visits_ics([BOOKED], "db1", ZONE, NOW, Reminder.HOUR_BEFORE))
    assert hour["101-007 C2D1"].walk("VALARM")[0]["TRIGGER"].dt == -timedelta(hours=1)
    assert not _events(visits_ics([BOOKED], "db1", ZONE, NOW))["101-007 C2D1"].walk("VALARM")
