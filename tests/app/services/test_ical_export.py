"""The calendar file from the database: the site's zone defined, a rebooked visit's event
replaces the old one (SEQUENCE grows), the site's reminder setting applied."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from icalendar import Calendar

from app.exchange.ical import Reminder
from app.services.ical_export import export_ical
from app.services.patients import patient_page
from app.services.site_settings import save_site_settings, site_settings
from app.services.site_time import set_site_zone
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import FD, TODAY


def _event(path, subject_code):
    cal = Calendar.from_ical(path.read_bytes())
    return cal, next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == subject_code)


def test_a_rebooking_grows_the_sequence_in_the_sites_zone(db, protocol, patient, tmp_path):
    set_site_zone(db, "Europe/Berlin")
    record_visit(db, protocol, patient, "LI", VisitEntry(booked_date=FD, booked_time=time(9)),
                 TODAY)
    subject = patient_page(db, protocol, patient, TODAY).form.subject_id
    out = tmp_path / "visits.ics"
    export_ical(db, out, TODAY, 90, patient_id=patient)
    cal, first = _event(out, f"{subject} LI")
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == {"Europe/Berlin"}
    assert str(first["DTSTART"].params["TZID"]) == "Europe/Berlin"
    page = patient_page(db, protocol, patient, TODAY).records["LI"]
    record_visit(db, protocol, patient, "LI", replace(page.entry(), booked_time=time(11)),
                 TODAY, reason="the patient asked", base=page.entry(), version=page.version)
    export_ical(db, out, TODAY, 90, patient_id=patient)
    _, later = _event(out, f"{subject} LI")
    assert str(later["UID"]) == str(first["UID"])
    assert int(later["SEQUENCE"]) > int(first["SEQUENCE"])
    assert later["DTSTART"].dt.time() == time(11)


def test_the_sites_reminder_setting_rings_unless_the_export_says_otherwise(db, protocol,
                                                                          patient, tmp_path):
    record_visit(db, protocol, patient, "LI", VisitEntry(booked_date=FD, booked_time=time(9)),
                 TODAY)
    subject = patient_page(db, protocol, patient, TODAY).form.subject_id
    save_site_settings(db, replace(site_settings(db), calendar_reminder=Reminder.HOUR_BEFORE),
                       "reminders for the unit")
    assert site_settings(db).calendar_reminder is Reminder.HOUR_BEFORE
    out = tmp_path / "visits.ics"
    export_ical(db, out, TODAY, 90, patient_id=patient)
    assert _event(out, f"{subject} LI")[1].walk("VALARM")
    export_ical(db, out, TODAY, 90, patient_id=patient, reminder=Reminder.NONE)
    assert not _event(out, f"{subject} LI")[1].walk("VALARM")
