"""Today: booked visits of today and tomorrow in time order, overdue, closing, SAEs."""

from __future__ import annotations

from datetime import date, datetime, time

from app.rules.safety import GradeSpell
from app.services.adverse_events import AeForm, save_ae
from app.services.patients import enrol
from app.services.today import today_view
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import FD, form
from tests.conftest import SITE_ZONE

DAY = date(2026, 1, 12)  # the patients' C1D1


def test_today_view(db, protocol):
    a = enrol(db, protocol, form(subject_id="101-001"), DAY)
    b = enrol(db, protocol, form(subject_id="101-002", initials="XYZ"), DAY)
    for pid in (a, b):
        record_visit(db, protocol, pid, "LI", VisitEntry(outcome="done", actual_date=FD), DAY)
    # 101-002 comes at 08:00 for C1D1 (PK); 101-001's C1D1 is booked later that day
    record_visit(db, protocol, a, "C1D1", VisitEntry(booked_date=DAY, booked_time=time(7, 0)),
                 DAY)
    record_visit(db, protocol, b, "C1D1", VisitEntry(booked_date=DAY, booked_time=time(8, 0)),
                 DAY)
    save_ae(db, protocol, a, AeForm(verbatim="fever", onset_date=date(2026, 1, 10),
                                    serious=True, sae_criteria=("hospitalisation",),
                                    aware_at=datetime(2026, 1, 11, 9, 0),
                                    grades=[GradeSpell(3, date(2026, 1, 10))]), DAY)
    view = today_view(db, protocol, DAY, datetime(2026, 1, 12, 8, 0))
    assert [(r.subject_id, r.code) for r in view.booked] == [("101-001", "C1D1"),
                                                             ("101-002", "C1D1")]
    assert (view.booked[0].patient_id, "C1D1") in view.pk_codes
    assert {r.code for r in view.overdue} >= {"LI24", "LI48"}   # not recorded, windows past
    assert [a.name for a in view.sae_reports] == ["fever (not coded)"]
    clock = view.sae_reports[0].clock                            # due at 09:00: still due
    assert (clock.state, clock.due_at) == ("due", datetime(2026, 1, 12, 9, 0, tzinfo=SITE_ZONE))


def test_booked_visits_come_in_time_order_across_studies(db, protocol):
    """The nurse's morning in the order patients arrive, whatever their study: a PK visit
    at 10:00 after a screening at 08:00; a visit with no time after the timed ones."""
    from app.rules.protocol import shipped_protocol_path
    from app.services import studies

    studies.add_study(db, shipped_protocol_path("abc2201.toml"))
    abc = studies.study_protocols(db)[2]
    pk = enrol(db, protocol, form(subject_id="101-001"), DAY)
    record_visit(db, protocol, pk, "LI", VisitEntry(outcome="done", actual_date=FD), DAY)
    record_visit(db, protocol, pk, "C1D1", VisitEntry(booked_date=DAY, booked_time=time(10, 0)),
                 DAY)
    other = enrol(db, abc, form(subject_id="14-0001", dose_level="600MG",
                                screening_date=None, planned_first_dose=date(2026, 1, 20)), DAY)
    untimed = enrol(db, protocol, form(subject_id="101-002", screening_date=None,
                                       planned_first_dose=date(2026, 1, 20)), DAY)
    for pid, study, at in ((other, abc, time(8, 0)), (untimed, protocol, None)):
        record_visit(db, study, pid, "SCR", VisitEntry(booked_date=DAY, booked_time=at,
                                                       booking_reason="seen today"), DAY)
    view = today_view(db, None, DAY, datetime(2026, 1, 12, 7, 0))
    assert [(r.subject_id, r.booked_time) for r in view.booked] == [
        ("14-0001", time(8, 0)), ("101-001", time(10, 0)), ("101-002", None)]
    assert view.any_patient


def test_a_new_database_has_no_patient(db, protocol):
    view = today_view(db, protocol, DAY, datetime(2026, 1, 12, 7, 0))
    assert not view.any_patient and view.booked == []
