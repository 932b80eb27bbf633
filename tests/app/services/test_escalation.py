"""Dose escalation at the site, on SQLite and PostgreSQL: slots fill and refuse a full
cohort, modifications and holds with the calendar following, dispensing and compliance,
evaluability, the DLT review and the SMC's decisions opening Part 2."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.rules.dosing import Evaluable, Modification
from app.services import calendar as cal
from app.services.adverse_events import save_ae
from app.services.corrections import enter_in_error
from app.services.dosing import SupplyForm, dosing_page, save_modification, save_supply
from app.services.errors import InvalidEntry
from app.services.escalation import open_slots, record_decision, review_dlt
from app.services.escalation_view import escalation_view, summary
from app.services.history import record_history
from app.services.patients import enrol
from app.services.studies import DEFAULT_STUDY
from db.models import CalendarVisit
from tests.app.services.conftest import C1D1, FD, TODAY, form

D = timedelta(days=1)


def test_slots_fill_in_order_and_a_full_cohort_is_refused(db, protocol):
    open_slots(db, DEFAULT_STUDY, "DL1", 2, FD - 40 * D, "sponsor e-mail 12", TODAY)
    for n in (1, 2):
        enrol(db, protocol, form(subject_id=f"101-00{n}"), TODAY)
    with pytest.raises(InvalidEntry) as err:
        enrol(db, protocol, form(subject_id="101-003"), TODAY)
    assert err.value.field == "dose_level"
    assert "DL1 has no open slot (2 of 2 slots filled)" in err.value.message
    with pytest.raises(InvalidEntry, match="has no open slot"):
        enrol(db, protocol, form(subject_id="101-003", dose_level="DL2"), TODAY)
    with pytest.raises(InvalidEntry, match="no dose level 'DL9'"):
        open_slots(db, DEFAULT_STUDY, "DL9", 3, TODAY, None, TODAY)
    open_slots(db, DEFAULT_STUDY, "DL2", 3, TODAY, None, TODAY)
    enrol(db, protocol, form(subject_id="101-003", dose_level="DL2"), TODAY)
    view = escalation_view(db, DEFAULT_STUDY, TODAY)
    by_code = {lv.code: lv for lv in view.levels}
    assert (by_code["DL1"].enrolled, by_code["DL1"].open) == (2, 0)
    assert (by_code["DL2"].enrolled, by_code["DL2"].open, by_code["DL2"].dose) == \
        (1, 2, "DL2 · 100 mg")


def test_a_hold_over_a_cycle_start_delays_it_and_the_level_follows_reductions(db, protocol,
                                                                               dosed):
    with pytest.raises(InvalidEntry, match="longer than the 21 days"):
        save_modification(db, dosed, Modification(
            "hold", C1D1 + 18 * D, C1D1 + 40 * D, reason="neutropenia"), TODAY)
    save_modification(db, dosed, Modification("hold", C1D1 + 18 * D, C1D1 + 24 * D,
                                               reason="neutropenia"), TODAY)
    with db.reading() as session:
        c2 = session.query(CalendarVisit).filter_by(patient_id=dosed, code="C2D1").one()
    assert c2.target == C1D1 + 25 * D  # the day after the hold, not C1D1 + 21
    save_modification(db, dosed, Modification("reduction", C1D1 + 25 * D, to_level="DL-1",
                                              reason="grade 4 neutropenia"), TODAY)
    page = dosing_page(db, dosed, TODAY)
    assert (page.enrolled_level, page.level_today) == ("DL1", "DL-1")
    assert page.modifications[-1].mod.from_level == "DL1"
    with pytest.raises(InvalidEntry, match="not below"):
        save_modification(db, dosed, Modification("reduction", TODAY, to_level="DL1",
                                                  reason="x"), TODAY)
    mod_id = page.modifications[-1].mod.id
    enter_in_error(db, protocol, dosed, "dose_modification", mod_id, "wrong patient", TODAY)
    assert dosing_page(db, dosed, TODAY).level_today == "DL1"


def test_dispensing_compliance_and_evaluability(db, protocol, dosed):
    with pytest.raises(InvalidEntry) as err:
        save_supply(db, dosed, SupplyForm(1, C1D1, "L123", 42, C1D1 + 21 * D, 43), TODAY)
    assert err.value.field == "returned" and "43 tablets returned" in err.value.message
    sid = save_supply(db, dosed, SupplyForm(1, C1D1, "L123", 42), TODAY)
    assert dosing_page(db, dosed, TODAY).compliance[0].percent is None
    patient = escalation_view(db, DEFAULT_STUDY, TODAY).levels[0].patients[0]
    assert patient.evaluability.status is Evaluable.PENDING
    # the return is filled in later; changing what was saved needs a reason
    save_supply(db, dosed, SupplyForm(1, C1D1, "L123", 42, C1D1 + 21 * D, 9), TODAY,
                supply_id=sid)
    with pytest.raises(InvalidEntry, match="reason"):
        save_supply(db, dosed, SupplyForm(1, C1D1, "L123", 42, C1D1 + 21 * D, 8), TODAY,
                    supply_id=sid)
    save_supply(db, dosed, SupplyForm(1, C1D1, "L123", 42, C1D1 + 21 * D, 8), TODAY,
                supply_id=sid, reason="recounted: 8 tablets")
    c1 = dosing_page(db, dosed, TODAY).compliance[0]
    assert (c1.taken, c1.planned) == (17, 21)  # (42 - 8) tablets at 2 a dose (50 mg / 25)
    patient = escalation_view(db, DEFAULT_STUDY, TODAY).levels[0].patients[0]
    assert patient.evaluability.status is Evaluable.YES and "17 of 21" in patient.evaluability.why
    history = record_history(db, "dispensing", sid)
    assert any(h.reason == "recounted: 8 tablets" for h in history)


def test_dlt_review_waits_for_the_period_and_the_summary_counts(db, protocol, dosed):
    with pytest.raises(InvalidEntry) as err:
        review_dlt(db, dosed, True, False, None, C1D1 + 10 * D)
    assert err.value.field == "evaluable" and "DLT period ends 01-FEB-2026" in err.value.message
    from app.rules.safety import GradeSpell
    from app.services.adverse_events import AeForm
    save_ae(db, protocol, dosed, AeForm(verbatim="febrile neutropenia", onset_date=C1D1 + 9 * D,
                                        grades=[GradeSpell(3, C1D1 + 9 * D)], dlt=True,
                                        relationship="probable"), TODAY)
    view = escalation_view(db, DEFAULT_STUDY, TODAY)
    assert view.levels[0].patients[0].evaluability.dlt
    with pytest.raises(InvalidEntry, match="DLT-evaluable"):
        review_dlt(db, dosed, False, True, None, TODAY)
    review_dlt(db, dosed, True, True, "confirmed at the SMC call", TODAY)
    record_decision(db, DEFAULT_STUDY, TODAY, "stay", "DL1", "SMC minutes 2", None, TODAY)
    with pytest.raises(InvalidEntry, match="no dose level 'DL7'"):
        record_decision(db, DEFAULT_STUDY, TODAY, "escalate", "DL7", None, None, TODAY)
    out = summary(escalation_view(db, DEFAULT_STUDY, TODAY))
    level = out["dose_levels"][0]
    assert (level["dose_level"], level["enrolled"], level["evaluable"], level["with_dlt"]) == \
        ("DL1", 1, 1, 1)
    assert out["decisions"][0]["decision"] == "stay" and out["rp2d"] is None
    assert cal  # the calendar module is what the place reads through


def test_the_dosing_worksheet_prints_the_level_the_hold_and_compliance(db, protocol, dosed):
    from app.services.worksheets import worksheet_data

    save_supply(db, dosed, SupplyForm(1, C1D1, "L77", 42, C1D1 + 21 * D, 6, 0), TODAY)
    save_modification(db, dosed, Modification("reduction", C1D1 + 21 * D, to_level="DL-1",
                                              reason="grade 3 fatigue"), TODAY)
    save_modification(db, dosed, Modification("hold", TODAY - 3 * D, None,
                                              reason="grade 3 diarrhoea"), TODAY)
    sheet = worksheet_data(db, protocol, dosed, "C3D1", TODAY)
    assert sheet.dose_level == "DL-1 · 25 mg"
    text = "\n".join(sheet.dosing_notes)
    assert "Dose level DL-1 · 25 mg from 02-FEB-2026; enrolled at DL1 · 50 mg" in text
    assert "Last dispensed: cycle 1, lot L77, 42 tablets on 12-JAN-2026" in text
    assert "Cycle 1 compliance: 18 of 21 planned doses (86 %, by tablet count)" in text
    c2 = next(v for v in cal_visits(db, dosed) if v.code == "C2D1")
    assert c2.target == C1D1 + 21 * D
    assert worksheet_data(db, protocol, dosed, "C1D8", TODAY).dosing_notes == ()


def cal_visits(db, pid):
    with db.reading() as session:
        return list(session.query(CalendarVisit).filter_by(patient_id=pid))


def test_the_next_visit_is_offered_at_the_level_the_last_modification_set(db, protocol,
                                                                          dosed):
    from app.services.patients import patient_page

    assert patient_page(db, protocol, dosed, TODAY).current_dose_level == "DL1"
    save_modification(db, dosed, Modification("reduction", C1D1 + 5 * D, to_level="DL-1",
                                              reason="grade 3 nausea"), TODAY)
    assert patient_page(db, protocol, dosed, TODAY).current_dose_level == "DL-1"
