"""Access per study: an account assigned to studies sees only their patients, in every list
and on every page, and acts in each with its role there; the refusals are one sentence."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.rules.entry.visits import VisitEntry
from app.rules.protocol import shipped_protocol_path
from app.services import accounts as acc
from app.services import studies, study_members
from app.services.adverse_events import site_aes
from app.services.errors import InvalidEntry, NotFound
from app.services.patients import find_patient, list_patients, patient_page
from app.services.visits import record_visit
from app.services.worklist import deviations, worklist
from db.shared_reading import one_reading
from tests.conftest import SITE_ZONE

from .conftest import TODAY, form

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=SITE_ZONE)
GOOD = "violet staple 42"


@pytest.fixture
def two_studies(db, protocol):
    """One patient in each study, and the accounts: an administrator, a monitor of ABC-2201
    only, a nurse of IMP7068-101 who monitors ABC-2201, and a nurse of every study."""
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    studies.add_study(db, shipped_protocol_path("abc2201.toml"))
    for name, role in (("mo", "monitor"), ("nina", "nurse"), ("all", "nurse")):
        acc.create_account(db, name, name.title(), role, GOOD, must_change=False)
    study_members.assign_account(db, "mo", "ABC-2201", "monitor")
    study_members.assign_account(db, "nina", "IMP7068-101", "nurse")
    study_members.assign_account(db, "nina", "abc-2201", "monitor")
    acc.sign_in(db, "all", GOOD, NOW)
    from app.services.patients import enrol

    imp = enrol(db, protocol, form(), TODAY)
    abc = enrol(db, studies.study_protocols(db)[2],
                form(subject_id="14-0001", dose_level="600MG"), TODAY)
    return imp, abc


def test_a_monitor_of_one_study_sees_no_other(db, two_studies):
    imp, abc = two_studies
    acc.sign_in(db, "mo", GOOD, NOW)
    assert [r.subject_id for r in list_patients(db)] == ["14-0001"]
    assert {r.study for r in worklist(db, TODAY, 60)} == {"ABC-2201"}
    assert site_aes(db, None, NOW) == [] and deviations(db) == []
    assert [s.code for s in studies.list_studies(db)] == ["ABC-2201"]
    assert list(studies.study_protocols(db)) == [2]
    assert find_patient(db, "101-001") is None
    with pytest.raises(InvalidEntry, match="This patient is in IMP7068-101, a study your "
                                           "account is not assigned to"):
        patient_page(db, None, imp, TODAY)
    assert patient_page(db, None, abc, TODAY).study == "ABC-2201"


def test_an_account_acts_in_each_study_with_its_role_there(db, protocol, two_studies):
    imp, abc = two_studies
    acc.sign_in(db, "nina", GOOD, NOW)
    assert {r.study for r in list_patients(db)} == {"ABC-2201", "IMP7068-101"}
    record_visit(db, protocol, imp, "SCR",
                 VisitEntry(outcome="done", actual_date=date(2025, 12, 20)), TODAY)
    with pytest.raises(InvalidEntry, match=r"In this patient's study your account is a "
                                           r"monitor \(read only\): it cannot enter or correct clinical "
                                           "data there; nothing was saved"):
        record_visit(db, studies.study_protocols(db)[2], abc, "SCR",
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 20)), TODAY)
    assert not patient_page(db, None, abc, TODAY).records


def test_an_account_on_no_study_works_on_every_study(db, two_studies):
    acc.sign_in(db, "all", GOOD, NOW)
    assert len(list_patients(db)) == 2 and len(studies.list_studies(db)) == 2


def test_assignments_are_checked_and_withdrawn_with_a_reason(db, two_studies):
    acc.sign_in(db, "root.admin", GOOD, NOW)
    with pytest.raises(InvalidEntry, match="mo is already assigned to ABC-2201 "
                                           r"\(as monitor\)"):
        study_members.assign_account(db, "mo", "ABC-2201", "nurse")
    with pytest.raises(InvalidEntry, match="No role 'chief'"):
        study_members.assign_account(db, "mo", "IMP7068-101", "chief")
    with pytest.raises(InvalidEntry, match="No account ghost"):
        study_members.assign_account(db, "ghost", "IMP7068-101", "nurse")
    with pytest.raises(InvalidEntry, match="Give the reason"):
        study_members.unassign_account(db, "mo", "ABC-2201", " ")
    study_members.unassign_account(db, "mo", "ABC-2201", "left the CRO")
    assert ("mo", "monitor") not in study_members.members(db)[2]
    acc.sign_in(db, "mo", GOOD, NOW)  # assigned to no study any more: every study
    assert len(list_patients(db)) == 2


def test_a_page_read_in_one_transaction_keeps_the_scope(db, two_studies):
    """The patient's row is read once per read-only transaction (the page asks for it
    three times); what is kept is what the account's scope let through, nothing else."""
    imp, abc = two_studies
    acc.sign_in(db, "mo", GOOD, NOW)
    with one_reading(db):
        assert studies.protocol_of_patient(db, abc).code == "ABC-2201"
        assert patient_page(db, None, abc, TODAY).study == "ABC-2201"
        with pytest.raises(NotFound, match=f"no patient with id {imp}"):
            studies.protocol_of_patient(db, imp)
        with pytest.raises(InvalidEntry, match="This patient is in IMP7068-101, a study "
                                               "your account is not assigned to"):
            patient_page(db, None, imp, TODAY)
    acc.sign_in(db, "all", GOOD, NOW)
    with one_reading(db):
        assert patient_page(db, None, imp, TODAY).study == "IMP7068-101"


def test_to_sign_reads_only_the_assigned_studies_records(db, protocol, two_studies):
    """What waits for a signature, for an account of one study: its records only, read
    through their patients (the records' own tables carry no study)."""
    from app.services.signatures import to_sign
    from tests.conftest import statements

    imp, abc = two_studies
    record_visit(db, protocol, imp, "SCR",
                 VisitEntry(outcome="done", actual_date=date(2025, 12, 20)), TODAY)
    record_visit(db, studies.study_protocols(db)[2], abc, "SCR",
                 VisitEntry(outcome="done", actual_date=date(2025, 12, 20)), TODAY)
    assert {(t.study, t.what) for t in to_sign(db)} == {
        ("IMP7068-101", "Visit SCR"), ("ABC-2201", "Visit SCR")}
    acc.sign_in(db, "mo", GOOD, NOW)
    with statements(db) as sent:
        assert [(t.study, t.subject_id, t.what) for t in to_sign(db)] == [
            ("ABC-2201", "14-0001", "Visit SCR")]
    visits_read = [s for s in sent if "FROM visit_record" in s]
    # the database holds back the other study's records and their signatures: they never
    # reach the app (the visits, and the signatures of the visits)
    assert len(visits_read) == 2
    assert all("patient.study_id IN" in s for s in visits_read)
