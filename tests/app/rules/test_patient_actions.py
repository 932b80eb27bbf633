"""What each patient status allows next, and the visit to record when none is chosen."""

from __future__ import annotations

import pytest

from app.rules.patient_actions import (
    PatientActions,
    patient_actions,
    visit_cancelled,
    visit_to_do,
    visit_to_record,
)
from app.rules.statuses import PatientStatus as S


@pytest.mark.parametrize(("status", "dosed", "may"), [
    (S.SCREENING, False, PatientActions(True, False, True, True)),
    (S.SCREEN_FAILED, False, PatientActions(False, False, False, False)),
    (S.ON_TREATMENT, False, PatientActions(False, False, True, False)),
    (S.FOLLOW_UP, True, PatientActions(False, True, True, False)),
    (S.FOLLOW_UP, False, PatientActions(False, False, True, False)),
    (S.OFF_STUDY, True, PatientActions(False, False, True, False)),
])
def test_each_status_allows_its_own_actions(status, dosed, may):
    assert patient_actions(status, dosed) == may
    assert patient_actions(status.value, dosed) == may  # as the page stores it


def test_the_visit_to_record_is_the_first_open_or_overdue():
    assert visit_to_record([("SCR", "done"), ("C1D1", "overdue"), ("C1D8", "open")]) == "C1D1"
    assert visit_to_record([("C1D8", "planned"), ("C2D1", "open")]) == "C2D1"
    assert visit_to_record([("SCR", "done"), ("C1D1", "cancelled")]) is None


def test_a_visit_cancelled_or_still_to_do_by_its_status():
    assert visit_cancelled("cancelled") and not visit_cancelled("missed")
    assert all(visit_to_do(s) for s in ("planned", "open", "overdue"))
    assert not any(visit_to_do(s) for s in ("done", "done_out_of_window", "missed", "cancelled"))
