"""History a monitor can read: per record, per patient and for the site, in words."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.accounts import create_account
from app.services.errors import InvalidEntry
from app.services.history import patient_history, record_history, site_audit
from app.services.patients import patient_page, update_patient
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import FD, TODAY, form


def test_a_patient_s_history_reads_in_the_screen_s_words(db, protocol, patient):
    create_account(db, "aruiz", "Ana Ruiz", "nurse", "a long enough password 1",
                   must_change=False)
    db.actor = "aruiz"
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD,
                                                        actual_time=None), TODAY)
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD,
                                                        comment="fasted"), TODAY)
    with pytest.raises(InvalidEntry) as info:
        update_patient(db, protocol, patient, form(consent_date=date(2025, 11, 30)), TODAY)
    assert info.value.message == ("Give a reason for the change "
                                  "(Patient: Consent)")                 # never "consent_date"
    update_patient(db, protocol, patient, form(consent_date=date(2025, 11, 30)), TODAY,
                   reason="date misread")
    lines = patient_history(db, patient)
    consent = next(h for h in lines if h.field == "consent_date")
    assert (consent.what, consent.field_label, consent.old_text, consent.new_text,
            consent.reason, consent.who, consent.action_word) == (
        "Patient", "Consent", "01-DEC-2025", "30-NOV-2025", "date misread",
        "Ana Ruiz (Study nurse / coordinator)", "Changed")
    done = next(h for h in lines if h.field == "actual_date")
    assert (done.what, done.new_text, done.subject) == ("Visit LI", "05-JAN-2026", "101-001")
    visit_id = next(h.record_id for h in lines if h.table == "visit_record")
    assert {h.field for h in record_history(db, "visit_record", visit_id)} >= {
        "actual_date", "outcome", "comment"}


def test_the_site_audit_filters_by_day_user_and_words(db, protocol, patient):
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD),
                 TODAY)
    everything = site_audit(db)
    assert everything and everything[0].at >= everything[-1].at         # newest first
    assert {h.subject for h in everything if h.table == "visit_record"} == {"101-001"}
    assert all("LI" in h.what for h in site_audit(db, text="visit li"))
    assert site_audit(db, actor="nobody") == []
    assert site_audit(db, since=date(2099, 1, 1)) == []
    assert patient_page(db, protocol, patient, TODAY).records["LI"].outcome == "done"


def test_the_site_audit_s_days_are_the_site_s_days(db, protocol, patient, monkeypatch):
    """A change at 23:30 UTC on 01-MAR is on 02-MAR in Tokyo: the day filter reads the
    site's clock, as the lines show their times (the day before, of and after)."""
    from datetime import UTC, datetime
    from importlib import import_module
    from zoneinfo import ZoneInfo

    from app.services.site_time import set_site_zone

    set_site_zone(db, "Asia/Tokyo")
    monkeypatch.setattr(import_module("db.audit"), "utc_now",
                        lambda: datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD),
                 TODAY)

    def visit_lines(day: date) -> list:  # type: ignore[type-arg]
        return [h for h in site_audit(db, since=day, until=day) if h.field == "actual_date"]

    assert [len(visit_lines(date(2026, 3, d))) for d in (1, 2, 3)] == [0, 1, 0]
    [line] = visit_lines(date(2026, 3, 2))
    assert (line.when_in(ZoneInfo("Asia/Tokyo")), line.when_text) == (
        "02-MAR-2026 08:30", "01-MAR-2026 23:30")
