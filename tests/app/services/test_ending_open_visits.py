"""Ending treatment or the study closes the visits left open (issue 40, item 1): the open
past visits are listed, and recorded not done (missed, for the reason chosen) in the same
save; an off-study patient has no next visit in the past. C1D1 is 12-JAN-2026: C2D1 is due
02-FEB-2026, window 30-JAN to 05-FEB."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.services.disposition import (
    DispositionForm,
    NotDone,
    open_past_visits,
    set_disposition,
)
from app.services.errors import InvalidEntry
from app.services.history import patient_history
from app.services.patients import list_patients, patient_page
from app.services.today import today_view
from tests.app.services.conftest import TODAY

D = timedelta(days=1)
CLOSES = date(2026, 2, 5)  # C2D1's window's last day
LAST = date(2026, 2, 3)  # the last dose: C2D1 (due 02-FEB) is before it, so still expected
EOT = DispositionForm(last_dose_date=LAST, end_of_treatment_reason="adverse event")
BEFORE_C2 = ["SCR", "LI24", "LI48", "C1D2", "C1D8", "C1D15"]  # never recorded by `dosed`


def _codes(visits) -> list[str]:
    return [v.code for v in visits]


@pytest.mark.parametrize(("today", "listed"), [(CLOSES - D, False), (CLOSES, False),
                                                (CLOSES + D, True)])
def test_the_open_past_visits_are_those_whose_window_closed(db, protocol, dosed, today,
                                                             listed):
    offered = _codes(open_past_visits(db, protocol, dosed, EOT, today))
    assert offered == BEFORE_C2 + (["C2D1"] if listed else [])
    assert "C3D1" not in offered  # after the last dose: cancelled, not open


def test_they_are_recorded_not_done_in_the_same_save(db, protocol, dosed):
    today = CLOSES + D
    codes = frozenset(_codes(open_past_visits(db, protocol, dosed, EOT, today)))
    set_disposition(db, protocol, dosed, EOT, today, not_done=NotDone(codes, "ended treatment"))
    page = patient_page(db, protocol, dosed, today)
    assert page.disposition["last_dose_date"] == LAST
    for code in codes:
        assert (page.records[code].outcome, page.records[code].missed_reason) == (
            "missed", "ended treatment")
    assert not [r for r in today_view(db, None, today, datetime(2026, 2, 6, 8)).overdue
                if r.patient_id == dosed]
    audited = {(h.record_id, h.field, h.new_value) for h in patient_history(db, dosed)
               if h.table == "visit_record"}
    c2 = str(next(r.id for r in page.records.values() if r.code == "C2D1"))
    assert (c2, "outcome", "missed") in audited


def test_a_visit_left_unticked_stays_overdue(db, protocol, dosed):
    today = CLOSES + D
    set_disposition(db, protocol, dosed, EOT, today,
                    not_done=NotDone(frozenset(BEFORE_C2), "ended treatment"))
    assert _codes(open_past_visits(db, protocol, dosed, EOT, today)) == ["C2D1"]
    assert "C2D1" not in patient_page(db, protocol, dosed, today).records


def test_no_reason_refused_naming_the_field_and_nothing_saved(db, protocol, dosed):
    with pytest.raises(InvalidEntry) as info:
        set_disposition(db, protocol, dosed, EOT, TODAY,
                        not_done=NotDone(frozenset(BEFORE_C2), "  "))
    assert info.value.field == "not_done_reason"
    page = patient_page(db, protocol, dosed, TODAY)
    assert page.disposition["last_dose_date"] is None and "C1D8" not in page.records


@pytest.mark.parametrize("today", [TODAY - D, TODAY, TODAY + D])
def test_an_off_study_patient_has_no_next_visit_in_the_past(db, protocol, dosed, today):
    died = DispositionForm(last_dose_date=LAST, end_of_treatment_reason="death",
                           death_date=date(2026, 2, 20), death_cause="disease progression")
    offered = frozenset(_codes(open_past_visits(db, protocol, dosed, died, today)))
    assert "C2D1" in offered and "EOT" in offered  # its window closed before the death
    set_disposition(db, protocol, dosed, died, today, not_done=NotDone(offered, "off study"))
    [row] = [p for p in list_patients(db) if p.id == dosed]
    assert (row.status, row.next_visit_code, row.next_visit_date) == ("off_study", None, None)
    assert not [r for r in today_view(db, None, today, datetime(2026, 3, 2, 8)).overdue
                if r.patient_id == dosed]
    assert open_past_visits(db, protocol, dosed, died, today) == []


def test_a_next_visit_stored_before_the_rule_is_not_listed(db, protocol, dosed):
    from db.models import Patient

    set_disposition(db, protocol, dosed, DispositionForm(
        last_dose_date=LAST, end_of_treatment_reason="withdrawal",
        withdrawal_date=date(2026, 2, 20)), TODAY)
    with db.unit_of_work(reason="as an older release left it") as session:
        patient = session.get(Patient, dosed)
        patient.next_visit_code, patient.next_visit_date = "TA2", date(2026, 3, 24)
    [row] = [p for p in list_patients(db) if p.id == dosed]
    assert (row.status, row.next_visit_code, row.next_visit_date) == ("off_study", None, None)


def test_a_contact_that_finds_the_patient_dead_closes_the_open_visits(db, protocol, dosed):
    from app.services.disposition import (
        ContactForm,
        add_survival_contact,
        open_past_visits_after_contact,
    )

    today = date(2026, 6, 1)
    set_disposition(db, protocol, dosed, EOT, today,
                    not_done=NotDone(frozenset([*BEFORE_C2, "C2D1"]), "ended treatment"))
    assert _codes(open_past_visits(db, protocol, dosed, EOT, today)) == ["EOT", "SFU", "SURV1"]
    left = ["EOT", "SFU"]  # SURV1 (14-APR to 12-MAY) is the contact's own
    dead = ContactForm(contact_date=date(2026, 5, 1), method="phone", result="dead",
                       death_date=date(2026, 5, 1), death_cause="disease progression")
    alive = ContactForm(contact_date=date(2026, 5, 1), method="phone", result="alive")
    assert open_past_visits_after_contact(db, protocol, dosed, alive, today) == []
    assert _codes(open_past_visits_after_contact(db, protocol, dosed, dead, today)) == left
    add_survival_contact(db, protocol, dosed, dead, today,
                         not_done=NotDone(frozenset(left), "off study"))
    page = patient_page(db, protocol, dosed, today)
    assert page.status == "off_study"
    assert {c: page.records[c].missed_reason for c in left} == {c: "off study" for c in left}
    assert [r.code for r in page.calendar if r.status == "overdue"] == []


@pytest.mark.parametrize("lost", [date(2026, 2, 19), date(2026, 2, 20), date(2026, 2, 21)])
def test_lost_to_follow_up_leaves_nothing_due(db, protocol, dosed, lost):
    """EOT is due 20-FEB (window to 27-FEB): lost the day before, it is cancelled; lost on
    or after it, its window is still open on 27-FEB, and listed to be marked not done."""
    today = date(2026, 2, 27)
    form = DispositionForm(last_dose_date=date(2026, 2, 20), end_of_treatment_reason="other",
                           lost_to_follow_up_date=lost)
    offered = _codes(open_past_visits(db, protocol, dosed, form, today))
    assert ("EOT" in offered) == (lost >= date(2026, 2, 20))
    set_disposition(db, protocol, dosed, form, today,
                    not_done=NotDone(frozenset(offered), "off study"))
    page = patient_page(db, protocol, dosed, today)
    assert page.status == "off_study"
    assert not [r.code for r in page.calendar if r.status in ("overdue", "open", "planned")]
