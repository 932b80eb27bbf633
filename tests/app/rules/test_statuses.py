"""Derived statuses, pure: a patient's place in the study; a stored visit read on a day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.rules.statuses import (
    PENDING,
    PatientDates,
    PatientStatus,
    day_status,
    patient_status,
    status_word,
    stored_state,
    visit_status_word,
)

D = timedelta(days=1)
DAY = date(2026, 3, 2)


@pytest.mark.parametrize(("dates", "status"), [
    (PatientDates(), PatientStatus.SCREENING),
    (PatientDates(first_dose=DAY), PatientStatus.ON_TREATMENT),
    (PatientDates(first_dose=DAY, last_dose=DAY), PatientStatus.FOLLOW_UP),
    (PatientDates(first_dose=DAY, last_dose=DAY, death=DAY), PatientStatus.OFF_STUDY),
    (PatientDates(withdrawal=DAY), PatientStatus.OFF_STUDY),
    (PatientDates(screen_fail=DAY, withdrawal=DAY), PatientStatus.SCREEN_FAILED),
])
def test_patient_status_in_order_of_precedence(dates, status):
    assert patient_status(dates) is status


def test_a_pending_visit_is_planned_open_then_overdue_by_the_day():
    earliest, latest = DAY, DAY + 4 * D
    assert day_status(PENDING, earliest, latest, earliest - D) == "planned"
    assert day_status(PENDING, earliest, latest, earliest) == "open"
    assert day_status(PENDING, earliest, latest, latest) == "open"
    assert day_status(PENDING, earliest, latest, latest + D) == "overdue"
    assert day_status("done", earliest, latest, latest + D) == "done"


def test_only_final_statuses_are_stored_as_they_are():
    assert [stored_state(s) for s in ("planned", "open", "overdue", "done", "missed",
                                      "cancelled", "done_out_of_window")] == [
        PENDING, PENDING, PENDING, "done", "missed", "cancelled", "done_out_of_window"]


def test_words_once():
    assert status_word("screen_failed") == "Screen failure"
    assert visit_status_word("done_out_of_window") == "Done out of window"
    assert status_word("something else") == "something else"
