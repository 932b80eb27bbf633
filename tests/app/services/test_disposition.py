"""End of treatment, death, withdrawal and survival contacts; the calendar follows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.services.disposition import (
    ContactForm,
    DispositionForm,
    add_survival_contact,
    set_disposition,
)
from app.services.errors import InvalidEntry
from app.services.patients import patient_page
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import C1D1, FD, TODAY

LAST = date(2026, 2, 20)
LATER = date(2026, 9, 1)


def _treated(db, protocol, pid):
    for code, when in (("LI", FD), ("C1D1", C1D1), ("C2D1", date(2026, 2, 2))):
        record_visit(db, protocol, pid, code, VisitEntry(outcome="done", actual_date=when), TODAY)
    set_disposition(db, protocol, pid, DispositionForm(
        last_dose_date=LAST, end_of_treatment_reason="toxicity"), TODAY)


def _status(db, protocol, pid, code, today=TODAY):
    return next(r for r in patient_page(db, protocol, pid, today).calendar if r.code == code)


def test_last_dose_ends_treatment_and_opens_follow_up(db, protocol, patient):
    _treated(db, protocol, patient)
    page = patient_page(db, protocol, patient, TODAY)
    assert page.status == "follow_up"
    assert _status(db, protocol, patient, "C3D1").status == "cancelled"
    assert _status(db, protocol, patient, "EOT").target == LAST
    assert _status(db, protocol, patient, "SFU").target == LAST + timedelta(days=30)


def test_last_dose_before_first_dose_is_refused(db, protocol, patient):
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
    with pytest.raises(InvalidEntry) as info:
        set_disposition(db, protocol, patient, DispositionForm(
            last_dose_date=FD - timedelta(days=1), end_of_treatment_reason="other"), TODAY)
    assert info.value.field == "last_dose_date"


def test_death_before_the_last_visit_is_refused(db, protocol, patient):
    _treated(db, protocol, patient)
    record_visit(db, protocol, patient, "EOT",
                 VisitEntry(outcome="done", actual_date=date(2026, 2, 25)), TODAY)
    with pytest.raises(InvalidEntry) as info:
        set_disposition(db, protocol, patient, DispositionForm(
            last_dose_date=LAST, end_of_treatment_reason="toxicity",
            death_date=date(2026, 2, 22), death_cause="sepsis"), TODAY, reason="x")
    assert info.value.field == "death_date" and "before the last visit" in info.value.message
    assert patient_page(db, protocol, patient, TODAY).disposition["death_date"] is None


def test_changing_a_saved_last_dose_needs_a_reason(db, protocol, patient):
    _treated(db, protocol, patient)
    with pytest.raises(InvalidEntry) as info:
        set_disposition(db, protocol, patient, DispositionForm(
            last_dose_date=LAST - timedelta(days=1), end_of_treatment_reason="toxicity"), TODAY)
    assert info.value.field == "reason"


def test_survival_contacts_complete_survival_visits(db, protocol, patient):
    _treated(db, protocol, patient)
    surv1 = _status(db, protocol, patient, "SURV1", LATER)
    add_survival_contact(db, protocol, patient, ContactForm(
        contact_date=surv1.target, method="phone", result="alive",
        subsequent_therapy="carboplatin"), LATER)
    assert _status(db, protocol, patient, "SURV1", LATER).status == "done"
    page = patient_page(db, protocol, patient, LATER)
    assert page.contacts[0].visit_code == "SURV1"


def test_death_reported_at_a_contact_stops_the_calendar(db, protocol, patient):
    _treated(db, protocol, patient)
    death = date(2026, 7, 1)
    add_survival_contact(db, protocol, patient, ContactForm(
        contact_date=date(2026, 7, 10), method="records", result="dead", death_date=death,
        death_cause="disease progression"), LATER)
    page = patient_page(db, protocol, patient, LATER)
    assert page.status == "off_study" and page.disposition["death_date"] == death
    assert all(r.status == "cancelled" for r in page.calendar if r.target > death)
    with pytest.raises(InvalidEntry) as info:
        add_survival_contact(db, protocol, patient, ContactForm(
            contact_date=date(2026, 8, 1), method="phone", result="alive"), LATER)
    assert info.value.field == "contact_date" and "after the recorded death" in info.value.message



@pytest.mark.parametrize("died_before_call, status", [(2, "cancelled"), (1, "cancelled"),
                                                      (0, "done")])
def test_a_death_learnt_of_at_a_contact_in_a_survival_window_is_recorded(
        db, protocol, patient, died_before_call, status):
    """A relative calls in SURV1's window to say the patient died: the contact is saved, and
    SURV1 is done when the death was that day, cancelled by an earlier death."""
    _treated(db, protocol, patient)
    called = _status(db, protocol, patient, "SURV1", LATER).target
    death = called - timedelta(days=died_before_call)
    add_survival_contact(db, protocol, patient, ContactForm(
        contact_date=called, method="phone", result="dead", death_date=death,
        death_cause="disease progression"), LATER)
    page = patient_page(db, protocol, patient, LATER)
    assert page.disposition["death_date"] == death and page.contacts[0].result == "dead"
    assert _status(db, protocol, patient, "SURV1", LATER).status == status

def test_contact_before_the_last_dose_is_refused(db, protocol, patient):
    _treated(db, protocol, patient)
    with pytest.raises(InvalidEntry) as info:
        add_survival_contact(db, protocol, patient, ContactForm(
            contact_date=LAST - timedelta(days=3), method="phone", result="alive"), LATER)
    assert info.value.field == "contact_date"


def test_withdrawal_and_lost_to_follow_up(db, protocol, patient):
    _treated(db, protocol, patient)
    add_survival_contact(db, protocol, patient, ContactForm(
        contact_date=date(2026, 6, 1), method="phone", result="lost"), LATER)
    page = patient_page(db, protocol, patient, LATER)
    assert page.status == "off_study"
    assert page.disposition["lost_to_follow_up_date"] == date(2026, 6, 1)


def test_ending_treatment_never_silently_cancels_a_booked_visit(db, protocol, patient):
    from app.services.disposition import CancelsBookedVisits

    for code, when in (("LI", FD), ("C1D1", C1D1), ("C2D1", date(2026, 2, 2))):
        record_visit(db, protocol, patient, code, VisitEntry(outcome="done", actual_date=when),
                     TODAY)
    c3 = _status(db, protocol, patient, "C3D1")
    record_visit(db, protocol, patient, "C3D1", VisitEntry(booked_date=c3.target), TODAY)
    form = DispositionForm(last_dose_date=LAST, end_of_treatment_reason="adverse event")
    with pytest.raises(CancelsBookedVisits) as info:
        set_disposition(db, protocol, patient, form, TODAY)
    assert info.value.visits == [("C3D1", c3.target)]
    assert info.value.message == "This cancels the booked visit C3D1 " \
                                 f"({c3.target.strftime('%d-%b-%Y').upper()})"
    assert patient_page(db, protocol, patient, TODAY).disposition["last_dose_date"] is None
    set_disposition(db, protocol, patient, form, TODAY, cancel_booked=True)   # said so
    assert _status(db, protocol, patient, "C3D1").status == "cancelled"
    assert patient_page(db, protocol, patient, TODAY).disposition[
        "end_of_treatment_reason"] == "adverse event"


def test_the_older_reasons_stay_valid_but_are_no_longer_offered():
    from app.rules.entry.disposition import EOT_CHOICES, EOT_REASONS

    assert {"adverse event", "patient decision", "physician decision", "completed"} <= set(
        EOT_CHOICES)
    assert "toxicity" in EOT_REASONS and "toxicity" not in EOT_CHOICES


def test_a_death_known_to_the_month_is_kept_as_entered_and_imputed(db, protocol, patient):
    """UN-FEB-2026 after a visit on 25-FEB-2026: the death counts from the day the patient
    was last seen alive (its month's first day would be before it); shown and exported as
    entered."""
    from app.services.sdtm import study_package

    _treated(db, protocol, patient)
    record_visit(db, protocol, patient, "EOT",
                 VisitEntry(outcome="done", actual_date=date(2026, 2, 25)), TODAY)
    set_disposition(db, protocol, patient, DispositionForm(
        last_dose_date=LAST, end_of_treatment_reason="toxicity", death_partial="un-feb-2026",
        death_cause="disease progression"), TODAY, reason="death reported by the family")
    page = patient_page(db, protocol, patient, TODAY)
    assert page.disposition["death_date"] == date(2026, 2, 25)
    assert page.disposition["death_partial"] == "UN-FEB-2026" and page.status == "off_study"
    package = study_package(db, 1, TODAY, datetime(2026, 3, 1, tzinfo=UTC))
    dm, ds = package[0].rows, next(d for d in package if d.name == "DS").rows
    assert dm[0]["DTHDTC"] == "2026-02"
    assert [r["DSSTDTC"] for r in ds if r["DSDECOD"] == "DEATH"] == ["2026-02"]
    with pytest.raises(InvalidEntry) as info:
        set_disposition(db, protocol, patient, DispositionForm(
            last_dose_date=LAST, end_of_treatment_reason="toxicity",
            death_partial="UN-DEC-2026", death_cause="x"), TODAY, reason="x")
    assert info.value.field == "death_date" and "UN-DEC-2026 is in the future" in \
        info.value.message
