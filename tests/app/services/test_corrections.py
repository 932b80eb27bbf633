"""Entered in error: gone from listings and analyses, kept with who, when and why."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from app.services.adverse_events import patient_aes, save_ae, site_aes
from app.services.corrections import enter_in_error, removed_records
from app.services.disposition import (
    ContactForm,
    DispositionForm,
    add_survival_contact,
    set_disposition,
    update_survival_contact,
)
from app.services.errors import InvalidEntry
from app.services.history import patient_history
from app.services.patients import patient_page
from app.services.response import LesionEntry, ScanForm, patient_response, save_scan
from app.services.visits import add_unscheduled_visit
from tests.app.services.conftest import TODAY
from tests.app.services.test_adverse_events import _form

NOW = datetime(2026, 3, 1, 12, 0)


def test_an_ae_entered_in_error_leaves_the_listings_and_stays_on_record(db, protocol, dosed):
    ae = save_ae(db, protocol, dosed, _form(meddra_code=None), TODAY).ae_id
    with pytest.raises(InvalidEntry) as info:
        enter_in_error(db, protocol, dosed, "ae", ae, "  ", TODAY)
    assert info.value.field == "reason"
    enter_in_error(db, protocol, dosed, "ae", ae, "wrong patient's chart", TODAY)
    assert patient_aes(db, dosed, NOW) == [] and site_aes(db, None, NOW) == []
    [kept] = patient_aes(db, dosed, NOW, with_removed=True)
    assert kept.removed_reason == "wrong patient's chart"
    [removed] = removed_records(db, dosed)
    assert (removed.kind, removed.what, removed.removed_reason) == (
        "ae", "AE felt sick", "wrong patient's chart")
    line = next(h for h in patient_history(db, dosed) if h.field == "deleted_at")
    assert (line.action_word, line.reason) == ("Entered in error", "wrong patient's chart")
    with pytest.raises(InvalidEntry):                       # once removed, not again
        enter_in_error(db, protocol, dosed, "ae", ae, "again", TODAY)


def test_a_scan_entered_in_error_leaves_the_response(db, protocol, dosed):
    scan = save_scan(db, protocol, dosed, ScanForm(
        scan_date=date(2025, 12, 28), modality="CT", baseline=True,
        lesions=[LesionEntry("T1", "target", "liver", mm=Decimal(33))]), TODAY)
    assert len(patient_response(db, protocol, dosed, TODAY).assessments) == 1
    enter_in_error(db, protocol, dosed, "scan", scan, "another patient's CT", TODAY)
    assert patient_response(db, protocol, dosed, TODAY).assessments == []
    assert [r.kind for r in removed_records(db, dosed)] == ["scan"]


def test_a_calendar_visit_is_not_entered_in_error_an_unscheduled_one_is(db, protocol, dosed):
    page = patient_page(db, protocol, dosed, TODAY)
    with pytest.raises(InvalidEntry) as info:
        enter_in_error(db, protocol, dosed, "unscheduled", page.records["C1D1"].id, "x", TODAY)
    assert "missed" in info.value.message
    code = add_unscheduled_visit(db, protocol, dosed, date(2026, 1, 20), None, "fever", TODAY)
    record = patient_page(db, protocol, dosed, TODAY).records[code]
    enter_in_error(db, protocol, dosed, "unscheduled", record.id, "typed twice", TODAY)
    assert patient_page(db, protocol, dosed, TODAY).unscheduled == []


def test_a_contact_is_corrected_with_a_reason_and_its_result_kept(db, protocol, dosed):
    set_disposition(db, protocol, dosed, DispositionForm(
        last_dose_date=date(2026, 2, 20), end_of_treatment_reason="adverse event"), TODAY)
    later = date(2026, 9, 1)
    cid = add_survival_contact(db, protocol, dosed, ContactForm(
        contact_date=date(2026, 5, 20), method="phone", result="alive"), later)
    fixed = ContactForm(contact_date=date(2026, 5, 21), method="clinic", result="alive",
                        subsequent_therapy="carboplatin")
    with pytest.raises(InvalidEntry) as info:
        update_survival_contact(db, protocol, dosed, cid, fixed, later, reason=None)
    assert info.value.field == "reason"
    update_survival_contact(db, protocol, dosed, cid, fixed, later, reason="date misread")
    [contact] = patient_page(db, protocol, dosed, later).contacts
    assert (contact.contact_date, contact.method, contact.subsequent_therapy) == (
        date(2026, 5, 21), "clinic", "carboplatin")
    with pytest.raises(InvalidEntry) as info:
        update_survival_contact(db, protocol, dosed, cid, ContactForm(
            contact_date=date(2026, 5, 21), method="clinic", result="lost"), later, "x")
    assert info.value.field == "result"
    enter_in_error(db, protocol, dosed, "contact", cid, "never happened", later)
    assert patient_page(db, protocol, dosed, later).contacts == []


@pytest.mark.parametrize("died_days_before_contact", [1, 0])  # the day before, of the call
def test_a_contact_that_reported_a_death_is_entered_in_error_once_the_death_is_cleared(
        db, protocol, dosed, died_days_before_contact):
    eot = DispositionForm(last_dose_date=date(2026, 2, 20), end_of_treatment_reason="adverse event")
    set_disposition(db, protocol, dosed, eot, TODAY)
    later = date(2026, 9, 1)
    called = date(2026, 5, 20)
    died = called - timedelta(days=died_days_before_contact)
    cid = add_survival_contact(db, protocol, dosed, ContactForm(
        contact_date=called, method="phone", result="dead", death_date=died,
        death_cause="unknown"), later)
    assert patient_page(db, protocol, dosed, later).disposition["death_date"] == died
    with pytest.raises(InvalidEntry) as info:
        enter_in_error(db, protocol, dosed, "contact", cid, "wrong patient called", later)
    assert info.value.field == "record"
    assert info.value.message == (
        f"This contact reported the death on {died.strftime('%d-%b-%Y').upper()}, which End "
        "of treatment still records: clear Death there first (with the reason), then mark "
        "this contact entered in error")
    # the step the refusal names: End of treatment without the death
    set_disposition(db, protocol, dosed, eot, later, reason="death belonged to another patient")
    assert patient_page(db, protocol, dosed, later).disposition["death_date"] is None
    enter_in_error(db, protocol, dosed, "contact", cid, "wrong patient called", later)
    assert patient_page(db, protocol, dosed, later).contacts == []
    assert [r.kind for r in removed_records(db, dosed)] == ["contact"]


def test_a_contact_that_recorded_a_loss_is_entered_in_error_once_the_loss_is_cleared(
        db, protocol, dosed):
    eot = DispositionForm(last_dose_date=date(2026, 2, 20), end_of_treatment_reason="adverse event")
    set_disposition(db, protocol, dosed, eot, TODAY)
    later = date(2026, 9, 1)
    cid = add_survival_contact(db, protocol, dosed, ContactForm(
        contact_date=date(2026, 5, 20), method="phone", result="lost"), later)
    with pytest.raises(InvalidEntry, match="clear Lost to follow-up there first"):
        enter_in_error(db, protocol, dosed, "contact", cid, "reached the next day", later)
    set_disposition(db, protocol, dosed, eot, later, reason="patient reached after all")
    enter_in_error(db, protocol, dosed, "contact", cid, "reached the next day", later)
    assert patient_page(db, protocol, dosed, later).contacts == []
