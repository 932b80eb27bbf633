"""Studies as data: add, list, amend (with its report), re-consent, subject IDs per study."""

from __future__ import annotations

from datetime import date

import pytest

from app.rules.protocol import ProtocolError, default_protocol_path, shipped_protocol_path
from app.services import amendments, studies
from app.services.errors import InvalidEntry
from app.services.patients import enrol, find_patient, list_patients, patient_page
from tests.conftest import amendment_file

from .conftest import TODAY, form

ABC = shipped_protocol_path("abc2201.toml")


def _abc_form(**over):
    return form(subject_id="14-0001", dose_level="600MG", **over)


def test_a_new_database_holds_the_shipped_study(db):
    (only,) = studies.list_studies(db)
    assert (only.code, only.current.label, only.current.effective) == (
        "IMP7068-101", "Original protocol 1.0", None)
    assert only.current.file_name == "imp7068.toml" and len(only.current.sha256) == 64


def test_a_second_study_is_added_from_its_file_and_only_once(db):
    added = studies.add_study(db, ABC)
    assert added.code == "ABC-2201" and added.patients == 0
    assert [s.code for s in studies.list_studies(db)] == ["ABC-2201", "IMP7068-101"]
    with pytest.raises(InvalidEntry, match="already at this site: a new version of its "
                                           "protocol is an amendment"):
        studies.add_study(db, ABC)


def test_a_broken_protocol_file_adds_nothing(db, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(ABC.read_text().replace("length_days = 28", "length_days = 'four weeks'"))
    with pytest.raises(ProtocolError) as caught:
        studies.add_study(db, bad)
    assert any("cycles.length_days" in p for p in caught.value.problems)
    assert len(studies.list_studies(db)) == 1


def test_subject_ids_are_unique_within_their_study_only(db, protocol):
    studies.add_study(db, ABC)
    abc = studies.study_protocols(db)[2]
    one = enrol(db, abc, _abc_form(), TODAY)
    with pytest.raises(InvalidEntry, match="14-0001 is already enrolled in ABC-2201"):
        enrol(db, abc, _abc_form(), TODAY)
    assert find_patient(db, "14-0001") == one
    rows = list_patients(db)
    assert [(r.subject_id, r.study) for r in rows] == [("14-0001", "ABC-2201")]


def test_the_same_subject_id_in_two_studies_needs_the_study_named(db, protocol, tmp_path):
    text = ABC.read_text().replace(r"'^\d{2}-\d{4}$'", r"'^\d{3}-\d{3}$'")
    same = tmp_path / "abc.toml"
    same.write_text(text)
    studies.add_study(db, same)
    abc = studies.study_protocols(db)[2]
    mine = enrol(db, protocol, form(), TODAY)
    theirs = enrol(db, abc, form(dose_level="600MG"), TODAY)
    with pytest.raises(InvalidEntry, match="101-001 is in ABC-2201 and IMP7068-101: name "
                                           "the study"):
        find_patient(db, "101-001")
    assert find_patient(db, "101-001", "imp7068-101") == mine
    assert find_patient(db, "101-001", "ABC-2201") == theirs
    assert [r.study for r in list_patients(db, study_id=2)] == ["ABC-2201"]


def test_each_patient_follows_their_own_study(db, protocol):
    studies.add_study(db, ABC)
    abc = studies.study_protocols(db)[2]
    pid = enrol(db, abc, _abc_form(planned_first_dose=date(2026, 1, 5)), TODAY)
    page = patient_page(db, abc, pid, TODAY)
    codes = [r.code for r in page.calendar]
    assert "C1D22" in codes and "LI" not in codes  # weekly cycle 1, no lead-in
    assert page.study == "ABC-2201" and page.protocol_version == "Original protocol 1.0"
    assert studies.protocol_of_patient(db, pid).code == "ABC-2201"


def _targets(db, protocol, pid):
    return {r.code: r.target for r in patient_page(db, protocol, pid, TODAY).calendar}


def test_an_amendment_report_names_each_change_and_a_dry_run_saves_nothing(db, protocol,
                                                                           patient, tmp_path):
    before = _targets(db, protocol, patient)
    report = amendments.amend_study(db, "IMP7068-101", amendment_file(tmp_path), date(2026, 2, 1),
                                 TODAY, dry_run=True)
    assert not report.saved and report.label == "Amendment 1"
    (p,) = report.patients
    assert p.subject_id == "101-001" and not p.now  # consented before: when re-consented
    first = p.changes[0]
    assert first.text == "TA1 moves from 23-FEB-2026 to 09-MAR-2026"
    assert len(studies.list_studies(db)[0].versions) == 1
    assert _targets(db, protocol, patient) == before


def test_an_amendment_applies_to_a_patient_from_their_re_consent(db, protocol, patient,
                                                                   tmp_path):
    from app.rules.entry.visits import VisitEntry
    from app.services.visits import record_visit

    record_visit(db, protocol, patient, "SCR",
                 VisitEntry(outcome="done", actual_date=date(2025, 12, 20)), TODAY)
    amendments.amend_study(db, "imp7068-101", amendment_file(tmp_path), date(2026, 2, 1), TODAY)
    assert [v.label for v in studies.list_studies(db)[0].versions] == [
        "Original protocol 1.0", "Amendment 1"]
    assert _targets(db, protocol, patient)["TA1"] == date(2026, 2, 23)  # not re-consented
    assert amendments.record_reconsent(db, patient, "amendment 1", date(2026, 2, 20),
                                    TODAY) == "Amendment 1"
    page = patient_page(db, protocol, patient, TODAY)
    rows = {r.code: r for r in page.calendar}
    assert rows["TA1"].target == date(2026, 3, 9)
    assert rows["TA1"].protocol_version == "Amendment 1"
    assert rows["SCR"].protocol_version == "Original protocol 1.0"
    assert page.protocol_version == "Amendment 1"


def test_a_patient_consented_after_the_amendment_follows_it_at_once(db, protocol, tmp_path):
    amendments.amend_study(db, "IMP7068-101", amendment_file(tmp_path), date(2025, 11, 1), TODAY)
    pid = enrol(db, protocol, form(), TODAY)  # consented 01-DEC-2025
    assert _targets(db, protocol, pid)["TA1"] == date(2026, 3, 9)


@pytest.mark.parametrize(("effective", "message"), [
    (date(2026, 1, 31), "cannot apply from 31-JAN-2026: the study's latest version applies "
                        "from 01-FEB-2026"),
])
def test_an_amendment_dated_before_the_latest_version_is_refused(db, tmp_path, effective,
                                                                   message):
    amendments.amend_study(db, "IMP7068-101", amendment_file(tmp_path), date(2026, 2, 1), TODAY)
    second = amendment_file(tmp_path, "Amendment 2", "84, times = 4")
    with pytest.raises(InvalidEntry, match=message):
        amendments.amend_study(db, "IMP7068-101", second, effective, TODAY)
    assert len(studies.list_studies(db)[0].versions) == 2


def test_an_amendment_of_another_study_or_the_same_file_is_refused(db, tmp_path):
    with pytest.raises(InvalidEntry, match=r"abc2201\.toml is the protocol of ABC-2201, not of "
                                           r"IMP7068-101"):
        amendments.amend_study(db, "IMP7068-101", ABC, date(2026, 2, 1), TODAY)
    with pytest.raises(InvalidEntry, match="is already a version of IMP7068-101"):
        amendments.amend_study(db, "IMP7068-101", default_protocol_path(), date(2026, 2, 1),
                            TODAY)
    with pytest.raises(InvalidEntry, match="No study XYZ at this site"):
        amendments.amend_study(db, "XYZ", ABC, date(2026, 2, 1), TODAY)


def test_a_re_consent_is_checked(db, protocol, patient, tmp_path):
    with pytest.raises(InvalidEntry, match="it has no amendment yet"):
        amendments.record_reconsent(db, patient, "Amendment 1", date(2026, 2, 20), TODAY)
    amendments.amend_study(db, "IMP7068-101", amendment_file(tmp_path), date(2026, 2, 1), TODAY)
    with pytest.raises(InvalidEntry, match="applies from 01-FEB-2026: re-consent on "
                                           "20-JAN-2026 is before it"):
        amendments.record_reconsent(db, patient, "Amendment 1", date(2026, 1, 20), TODAY)
    with pytest.raises(InvalidEntry, match="is in the future"):
        amendments.record_reconsent(db, patient, "Amendment 1", date(2026, 3, 20), TODAY)
    amendments.record_reconsent(db, patient, "Amendment 1", date(2026, 2, 20), TODAY)
    with pytest.raises(InvalidEntry, match="already re-consented to Amendment 1"):
        amendments.record_reconsent(db, patient, "Amendment 1", date(2026, 2, 21), TODAY)


def test_protocols_of_a_listing_s_patients_are_those_each_patient_follows(db, protocol,
                                                                          tmp_path):
    """Today's due patients, their study given: the same protocol as `protocols_by_patient`
    gives, an amended study's re-consented patient included, and the never-amended study's
    patients without a read of them (no list of ids sent to the server)."""
    from sqlalchemy import event

    studies.add_study(db, ABC)
    abc = studies.study_protocols(db)[2]
    old = enrol(db, protocol, form(), TODAY)
    moved = enrol(db, protocol, form(subject_id="101-002"), TODAY)
    other = enrol(db, abc, _abc_form(planned_first_dose=date(2026, 1, 5)), TODAY)
    amendments.amend_study(db, "IMP7068-101", amendment_file(tmp_path), date(2026, 2, 1), TODAY)
    amendments.record_reconsent(db, moved, "Amendment 1", date(2026, 2, 20), TODAY)
    study_of = {old: 1, moved: 1, other: 2}
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: statements.append(sql))
    with db.reading() as session:
        expected = studies.protocols_by_patient(session, patient_ids=list(study_of))
    assert any("patient.id IN" in s for s in statements)  # the listing's ids, sent
    statements.clear()
    with db.reading() as session:
        found = studies.protocols_of_patients(session, study_of)
    assert found == expected
    assert found[moved].version != found[old].version and found[other].code == "ABC-2201"
    assert statements and not any("patient.id IN" in s for s in statements)


def test_a_reading_asks_the_re_consents_once_a_save_afresh(db, protocol, patient, tmp_path):
    """A page asks a patient's re-consents three times: one read in a read-only session;
    a writing session reads them each time (it may just have added one)."""
    from sqlalchemy import event

    amendments.amend_study(db, "IMP7068-101", amendment_file(tmp_path), date(2026, 2, 1), TODAY)
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: statements.append(sql))
    with db.reading() as session:
        assert studies.reconsents_of(session, patient) == {}
        assert studies.reconsents_of(session, patient) == {}
    assert sum("FROM reconsent" in s for s in statements) == 1
    amendments.record_reconsent(db, patient, "Amendment 1", date(2026, 2, 20), TODAY)
    with db.reading() as session:
        assert list(studies.reconsents_of(session, patient).values()) == [date(2026, 2, 20)]
    assert studies.protocol_of_patient(db, patient).version == "Amendment 1"


def test_every_study_s_protocol_is_read_in_one_query_and_parsed_once(db, monkeypatch):
    """A research network's shared server holds hundreds of studies: their protocols are
    read in one statement and each file parsed once per process (a cache of 64 parsed the
    200 of the bench's again at every reading: 1.2 s)."""
    from tests.conftest import statements

    studies.add_study(db, ABC)
    parsed: list[str] = []
    whole = studies.parse_protocol
    monkeypatch.setattr(studies, "parse_protocol",
                        lambda data, name: parsed.append(name) or whole(data, name))
    studies._parsed.cache_clear()
    with statements(db) as sent:
        first = studies.study_protocols(db)
    assert len(first) == 2
    assert len([s for s in sent if "FROM protocol_version" in s]) == 1
    assert studies.study_protocols(db) == first and len(parsed) == 2
    assert studies._parsed.cache_info().maxsize >= 1000
