"""Screening and the baseline scan come before the first dose, on SQLite and PostgreSQL: the
day before and the day of the first dose are accepted, the day after is refused on entry,
naming the field and the dates, whichever of the two is recorded first; a "baseline" stored
after the first dose gives no best overall response."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app.services.errors import InvalidEntry
from app.services.response import LesionEntry, ScanForm, patient_response, save_scan
from app.services.visits import VisitEntry, record_visit
from db.models import TumourAssessment, VisitRecord
from tests.app.services.conftest import C1D1, FD, TODAY

D = timedelta(days=1)
LATE = "screening came late"


def scr(day, why=LATE) -> VisitEntry:
    return VisitEntry(outcome="done", actual_date=day, booking_reason=why)


def baseline(day) -> ScanForm:
    return ScanForm(scan_date=day, modality="CT", baseline=True,
                    lesions=[LesionEntry("T1", "target", "liver", mm=Decimal("40.0"))])


def done(day) -> VisitEntry:
    return VisitEntry(outcome="done", actual_date=day)


@pytest.mark.parametrize("offset", [-1, 0])  # the day before, the day of the first dose
def test_screening_up_to_the_first_dose_is_accepted(db, protocol, dosed, offset):
    record_visit(db, protocol, dosed, "SCR", scr(FD + offset * D), TODAY)


def test_screening_the_day_after_the_first_dose_is_refused(db, protocol, dosed):
    with pytest.raises(InvalidEntry) as err:
        record_visit(db, protocol, dosed, "SCR", scr(FD + D), TODAY)
    assert err.value.field == "actual_date"
    assert err.value.message == (
        "SCR on 06-JAN-2026 would be after the first dose (05-JAN-2026): screening is done "
        "before the first dose. Correct the date of SCR or of the dose")
    with pytest.raises(InvalidEntry, match="after the first dose"):  # C1D1's day too
        record_visit(db, protocol, dosed, "SCR", scr(C1D1 + D), TODAY)
    with db.reading() as session:
        assert session.query(VisitRecord).filter_by(patient_id=dosed, code="SCR").count() == 0


def test_a_first_dose_before_the_screening_done_is_refused(db, protocol, patient):
    record_visit(db, protocol, patient, "SCR", scr(FD + D), TODAY)  # no dose yet
    with pytest.raises(InvalidEntry) as err:
        record_visit(db, protocol, patient, "LI", done(FD), TODAY)
    assert err.value.field == "actual_date" and "SCR on 06-JAN-2026 would be after the first " \
        "dose (05-JAN-2026)" in err.value.message
    record_visit(db, protocol, patient, "LI", done(FD + D), TODAY)  # the same day: accepted


@pytest.mark.parametrize("offset", [-1, 0])  # the day before, the day of the first dose
def test_a_baseline_up_to_the_first_dose_is_accepted(db, protocol, dosed, offset):
    save_scan(db, protocol, dosed, baseline(FD + offset * D), TODAY)


def test_a_baseline_the_day_after_the_first_dose_is_refused(db, protocol, dosed):
    with pytest.raises(InvalidEntry) as err:
        save_scan(db, protocol, dosed, baseline(FD + D), TODAY)
    assert err.value.field == "baseline" and "after it" in err.value.message


def test_a_first_dose_before_the_baseline_scan_is_refused(db, protocol, patient):
    save_scan(db, protocol, patient, baseline(FD + D), TODAY)  # no dose yet
    with pytest.raises(InvalidEntry) as err:
        record_visit(db, protocol, patient, "LI", done(FD), TODAY)
    assert err.value.field == "actual_date"
    assert err.value.message == (
        "The baseline scan of 06-JAN-2026 would be after the first dose (05-JAN-2026): a "
        "baseline is on or before the first dose. Correct the date of the dose, or the "
        "scan's (Response)")
    record_visit(db, protocol, patient, "LI", done(FD + D), TODAY)  # the same day: accepted


def test_a_stored_baseline_after_the_first_dose_gives_no_best_response(db, protocol, dosed):
    save_scan(db, protocol, dosed, baseline(FD - 3 * D), TODAY)
    save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 42 * D, modality="CT", lesions=[
        LesionEntry("T1", "target", mm=Decimal("20.0"))]), TODAY)
    assert patient_response(db, protocol, dosed, TODAY).evaluation is not None
    with db.unit_of_work(reason="entered before the rule") as session:
        session.query(TumourAssessment).filter_by(patient_id=dosed, baseline=True).one() \
            .scan_date = FD + D
    assert patient_response(db, protocol, dosed, TODAY).evaluation is None
