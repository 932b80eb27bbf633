"""The site's results read set-wise (app.services.study_response: one query per table for the
whole study, Day 1 and scan windows from the stored calendar) against the per-patient path
(response_in: each patient loaded and their calendar rebuilt), on the demo database and on
random patients (hypothesis): the same responses, endpoints and group results."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.services.site_results as site_results_module
from app.rules.groups import GroupBy
from app.services.calendar import first_doses
from app.services.errors import InvalidEntry
from app.services.response import LesionEntry, ScanForm, response_in, save_scan
from app.services.site_results import group_results, site_courses, site_results
from app.services.studies import protocols_by_patient, study_named_in
from app.services.study_response import responses_and_first_doses, study_responses
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import C1D1, FD, form

TODAY = date(2026, 9, 1)
_numbers = itertools.count(1)


def _per_patient(protocol, today):
    """The former path: each patient loaded and their calendar rebuilt, and the first doses
    read as the DLT tally read them (calendar.first_doses)."""
    def responses(session, study):
        ids = session.scalars(site_results_module.select(site_results_module.Patient.id).where(
            site_results_module.Patient.study_id == study,
            site_results_module.Patient.deleted_at.is_(None))).all()
        firsts = first_doses(session, protocols_by_patient(session, study), only=ids)
        return {pid: response_in(session, protocol, pid, today) for pid in ids}, firsts
    return responses


def assert_same(db, protocol, today, monkeypatch):
    with db.reading() as session:
        study = study_named_in(session, protocol)
        batched, firsts = responses_and_first_doses(session, study)
        one_by_one, expected_firsts = _per_patient(protocol, today)(session, study)
        assert study_responses(session, study) == batched
    assert batched.keys() == one_by_one.keys()
    for pid, expected in one_by_one.items():
        assert batched[pid] == expected, pid
    assert firsts == expected_firsts
    new = site_results(db, protocol, today)
    assert site_courses(db, protocol, today) == new.courses
    with monkeypatch.context() as m:
        m.setattr(site_results_module, "responses_and_first_doses",
                  _per_patient(protocol, today))
        old = site_results(db, protocol, today)
    assert new == old
    for by in (None, *GroupBy):
        assert group_results(new.courses, protocol, by) == group_results(old.courses,
                                                                         protocol, by)
    return new.courses


@pytest.mark.slow  # a whole demo site against the former computation, on each backend
def test_the_demo_database_gives_the_same_results(demo_site, protocol, monkeypatch):
    db = demo_site(TODAY, protocol=protocol, patients=40, second_study=0)
    courses = assert_same(db, protocol, TODAY, monkeypatch)
    assert len(courses) > 10
    assert any(c.endpoints.pfs.event for c in courses)  # the comparison saw events
    assert any(c.best_overall_response in ("CR", "PR") for c in courses)


def _scan(day, size, new_lesion, baseline=False):
    return ScanForm(scan_date=day, modality="CT", baseline=baseline, new_lesion=new_lesion,
                    lesions=[LesionEntry("T1", "target", mm=Decimal(size), organ="liver"),
                             LesionEntry("NT1", "non_target", organ="bone", status="present")])


scans = st.lists(st.tuples(st.integers(20, 230), st.integers(0, 60), st.booleans()),
                 max_size=6, unique_by=lambda s: s[0])


@pytest.mark.slow  # random whole sites against the former computation, on each backend
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patients=st.lists(st.tuples(st.integers(20, 60), scans, st.booleans()),
                         min_size=1, max_size=3))
def test_random_patients_give_the_same_results(db, protocol, monkeypatch, patients):
    from app.services.patients import enrol

    for baseline, follow_ups, dosed in patients:
        pid = enrol(db, protocol, form(subject_id=f"101-{next(_numbers):03d}"), TODAY)
        save_scan(db, protocol, pid, _scan(FD - timedelta(days=10), baseline, False, True),
                  TODAY)
        if dosed:
            for code, when in (("LI", FD), ("C1D1", C1D1)):
                record_visit(db, protocol, pid, code,
                             VisitEntry(outcome="done", actual_date=when), TODAY)
        for day, size, new_lesion in sorted(follow_ups):
            try:
                save_scan(db, protocol, pid, _scan(C1D1 + timedelta(days=day), size,
                                                   new_lesion), TODAY)
            except InvalidEntry:
                continue  # a scan the rules refuse is not recorded
    assert_same(db, protocol, TODAY, monkeypatch)


@pytest.mark.parametrize("today", [TODAY, TODAY + timedelta(days=400)])
def test_the_stored_calendar_serves_any_later_day(demo_site, protocol, monkeypatch, today):
    """The stored calendar was built on the day of the last change; its windows are the
    same on any later day, so the results are too."""
    db = demo_site(TODAY, protocol=protocol, patients=12, second_study=0)
    assert_same(db, protocol, today, monkeypatch)


def test_the_calendar_read_is_narrowed_by_the_scans_templates(db):
    """The stored visits read are the Day 1 and every code a scan template may make: its
    LIKE pattern matches each such code, and none other, on each backend (`_`, `%` and `\\`
    of a template are themselves)."""
    from sqlalchemy import literal, select

    from app.services.study_response import _like

    assert _like("TA{k}") == "TA%" and _like("C{n}D{d}") == "C%D%"
    pattern = _like("T_A%\\{k}")
    with db.reading() as session:
        def matches(code):
            return session.scalar(select(literal(code).like(pattern, escape="\\")))
        assert matches("T_A%\\12") and matches("T_A%\\1")
        assert not matches("TXA%\\12") and not matches("T_AX\\12") and not matches("T_A%12")
