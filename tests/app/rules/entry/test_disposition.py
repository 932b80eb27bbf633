"""Disposition and survival-contact entry rules, pure, against what the record says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import InvalidEntry
from app.rules.entry.disposition import (
    ContactForm,
    DispositionForm,
    Record,
    check_against_record,
    check_contact,
    check_contact_timing,
    check_disposition,
)

TODAY = date(2026, 6, 1)
FIRST = date(2026, 1, 5)
D = timedelta(days=1)
RECORD = Record(consent=date(2026, 1, 1), first_dose=FIRST, dosed=True,
                last_visit=("C4D1", date(2026, 3, 20)), alive_contacts=(date(2026, 5, 1),))


def _field(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidEntry) as info:
        call()
    return info.value.field


def test_ending_treatment_needs_why_and_nothing_in_the_future():
    check_disposition(DispositionForm(last_dose_date=TODAY, end_of_treatment_reason="toxicity"),
                      TODAY)
    assert _field(lambda: check_disposition(
        DispositionForm(last_dose_date=TODAY + D, end_of_treatment_reason="toxicity"),
        TODAY)) == "last_dose_date"
    assert _field(lambda: check_disposition(DispositionForm(last_dose_date=TODAY), TODAY)) \
        == "end_of_treatment_reason"


def test_death_needs_a_cause_and_follows_the_last_dose():
    form = DispositionForm(death_date=TODAY, death_cause="  ")
    assert _field(lambda: check_disposition(form, TODAY)) == "death_cause"
    before = DispositionForm(last_dose_date=TODAY, end_of_treatment_reason="death",
                             death_date=TODAY - D, death_cause="PD")
    assert _field(lambda: check_disposition(before, TODAY)) == "death_date"


def test_against_the_record_by_the_day():
    ok = DispositionForm(last_dose_date=FIRST, death_date=date(2026, 5, 1))
    check_against_record(ok, RECORD)                         # the last dose on the first day
    assert _field(lambda: check_against_record(
        DispositionForm(last_dose_date=FIRST - D), RECORD)) == "last_dose_date"
    assert _field(lambda: check_against_record(
        DispositionForm(death_date=date(2026, 3, 19)), RECORD)) == "death_date"   # last visit
    assert _field(lambda: check_against_record(
        DispositionForm(death_date=date(2026, 4, 30)), RECORD)) == "death_date"   # seen alive
    assert _field(lambda: check_against_record(
        DispositionForm(withdrawal_date=date(2025, 12, 31)), RECORD)) == "withdrawal_date"
    not_dosed = Record(consent=None, first_dose=None, dosed=False, last_visit=None)
    assert _field(lambda: check_against_record(DispositionForm(last_dose_date=TODAY),
                                               not_dosed)) == "last_dose_date"


def test_a_survival_contact():
    check_contact(ContactForm(contact_date=TODAY, method="phone", result="alive"), TODAY)
    assert _field(lambda: check_contact(ContactForm(contact_date=TODAY + D, method="phone",
                                                    result="alive"), TODAY)) == "contact_date"
    dead = ContactForm(contact_date=TODAY, method="phone", result="dead", death_date=TODAY + D,
                       death_cause="PD")
    assert _field(lambda: check_contact(dead, TODAY)) == "death_date"


def test_survival_contacts_start_at_the_last_dose_and_stop_at_death():
    last = date(2026, 4, 1)
    check_contact_timing(last, "alive", last, None, None)                        # the same day
    assert _field(lambda: check_contact_timing(last - D, "alive", last, None, None)) \
        == "contact_date"
    assert _field(lambda: check_contact_timing(TODAY, "alive", None, None, None)) \
        == "contact_date"
    assert _field(lambda: check_contact_timing(TODAY, "alive", last, TODAY - D, TODAY - D)) \
        == "contact_date"
    assert _field(lambda: check_contact_timing(TODAY, "alive", last, None, TODAY - D)) \
        == "result"
