"""Lab results on SQLite and PostgreSQL (issue 36): ranges as data, typed results, a lab's
file and a FHIR bundle held for review, row by row refusals, grades, and the AE a grade
proposes, accepted into the AE log (and the TEAE summary) or dismissed."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from app.errors import InvalidEntry
from app.rules.lab_entry import LabEntry, RangeRow
from app.rules.lab_import import Mapping
from app.services.adverse_events import patient_aes
from app.services.dictionary import import_dictionary
from app.services.lab_import import import_labs
from app.services.lab_proposals import decide_proposal
from app.services.lab_ranges import add_range, mapping_names, reference_ranges, save_mapping
from app.services.labs import enter_result, latest_by_analyte, patient_labs, review_result
from app.services.teae_summary import teae_summary
from tests.app.services.conftest import TODAY

NOW = datetime(2026, 3, 2, 12, 0)
LAB = "City Hospital Lab"
HEADER = ["MedDRA Code", "MedDRA SOC", "CTCAE Term", "Grade 1", "Grade 2", "Grade 3",
          "Grade 4", "Grade 5", "Definition", "Navigational Note"]
TERMS = [
    ["10029366", "Investigations", "Neutrophil count decreased", "<LLN - 1500/mm3",
     "<1500 - 1000/mm3", "<1000 - 500/mm3", "<500/mm3", " -", "", ""],
    ["10001551", "Investigations", "Alanine aminotransferase increased", ">ULN - 3.0 x ULN",
     ">3.0 - 5.0 x ULN", ">5.0 - 20.0 x ULN", ">20.0 x ULN", " -", "", ""],
]


@pytest.fixture
def labs(db, protocol, tmp_path):
    path = tmp_path / "ctcae.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *TERMS])
    import_dictionary(db, path)
    for code, lln, uln, unit in (("NEUT", "2.0", "7.5", "10^9/L"), ("PLAT", "150", "400",
                                                                     "10^9/L")):
        add_range(db, RangeRow(LAB, code, None, D(lln), D(uln), unit, date(2025, 1, 1)),
                  protocol.labs)
    return db


def _csv(tmp_path, rows, name="labs.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Subject ID", "Analyte", "Value", "Unit", "Sample date",
                                   "Lab"], *rows])
    return path


def test_ranges_are_data_checked_and_listed(labs, protocol):
    assert {(r.analyte, r.lln, r.uln) for r in reference_ranges(labs)} == {
        ("NEUT", D("2.0"), D("7.5")), ("PLAT", D("150"), D("400"))}
    with pytest.raises(InvalidEntry) as caught:
        add_range(labs, RangeRow(LAB, "NEUT", "F", D("8"), D("7"), "10^9/L",
                                 date(2025, 1, 1)), protocol.labs)
    assert caught.value.field == "LLN"


def test_a_typed_result_counts_at_once_and_is_graded(labs, dosed):
    rid = enter_result(labs, dosed, LabEntry("Neutrophils", LAB, date(2026, 1, 20), "1200",
                                             "/mm3"), TODAY)
    (row,) = patient_labs(labs, dosed, TODAY)
    assert (row.id, row.status, row.kept, row.kept_unit, row.grade) == (
        rid, "accepted", "1.2", "10^9/L", 2)
    assert "below 1500 /mm3" not in row.grade_reason and "grade 2" in row.grade_reason
    assert row.proposal is not None and row.proposal.grade == 2   # no baseline: grade 0
    with pytest.raises(InvalidEntry) as caught:
        enter_result(labs, dosed, LabEntry("NEUT", LAB, date(2026, 1, 20), "1.2", "10^9/L"),
                     TODAY)
    assert "already recorded" in caught.value.message


@pytest.mark.parametrize(("entry", "field", "words"), [
    (LabEntry("NEUT", LAB, date(2026, 3, 3), "1.0", "10^9/L"), "Sample date",
     "03-MAR-2026 is in the future"),
    (LabEntry("NEUT", LAB, date(2025, 11, 30), "1.0", "10^9/L"), "Sample date",
     "before consent (01-DEC-2025)"),
    (LabEntry("NEUT", LAB, date(2026, 1, 20), "1.0", "mg/dL"), "Unit",
     "mg/dL is not a unit of Neutrophils"),
    (LabEntry("ALT", LAB, date(2026, 1, 20), "30", "U/L"), "Lab",
     "No reference range for ALT at City Hospital Lab on 20-JAN-2026 (female)"),
    (LabEntry("XYZ", LAB, date(2026, 1, 20), "30", "U/L"), "Analyte",
     "XYZ is not an analyte of the protocol"),
    (LabEntry("NEUT", LAB, date(2026, 1, 20), "low", "10^9/L"), "Value",
     "Value: low is not a number"),
])
def test_bad_typed_results_are_refused_naming_the_field(labs, dosed, entry, field, words):
    with pytest.raises(InvalidEntry) as caught:
        enter_result(labs, dosed, entry, TODAY)
    assert caught.value.field == field and words in caught.value.message
    assert patient_labs(labs, dosed, TODAY) == []


def test_a_lab_file_is_held_for_review_and_refused_row_by_row(labs, dosed, tmp_path):
    path = _csv(tmp_path, [
        ["101-001", "NEUT", "0.8", "10^9/L", "20-JAN-2026", LAB],        # row 2: lands
        ["101-001", "Ferritin", "30", "ug/L", "20-JAN-2026", LAB],       # row 3: unmapped
        ["101-001", "PLAT", "120", "g/dL", "20-JAN-2026", LAB],          # row 4: wrong unit
        ["101-001", "PLAT", "120", "10^9/L", "2026-04-01", LAB],         # row 5: future
        ["101-001", "ALT", "50", "U/L", "2026-01-20", LAB],              # row 6: no range
        ["999-999", "NEUT", "1.0", "10^9/L", "2026-01-20", LAB],         # row 7: nobody
        ["101-001", "NEUT", "0.8", "10^9/L", "20-JAN-2026", LAB],        # row 8: twice
    ])
    dry = import_labs(labs, path, TODAY, NOW, dry_run=True)
    assert (len(dry.landed), dry.saved) == (1, False) and patient_labs(labs, dosed, TODAY) == []
    report = import_labs(labs, path, TODAY, NOW)
    assert report.landed == [(2, "101-001", "NEUT")] and report.saved
    said = {p.number: str(p) for p in report.problems}
    assert sorted(said) == [3, 4, 5, 6, 7, 8]
    assert "Ferritin is not an analyte" in said[3]
    assert "g/dL is not a unit of Platelets" in said[4]
    assert "in the future" in said[5] and "No reference range for ALT" in said[6]
    assert "999-999 is no patient" in said[7] and "already recorded" in said[8]
    assert report.summary() == "1 result held for review; 6 rows refused"
    (row,) = patient_labs(labs, dosed, TODAY)
    assert (row.status, row.grades, row.proposal, row.source_row) == ("pending", (), None, 2)
    again = import_labs(labs, path, TODAY, NOW)
    assert not again.landed and "imported already" in str(again.problems[0])


def test_review_accept_correct_reject(labs, dosed, tmp_path):
    import_labs(labs, _csv(tmp_path, [
        ["101-001", "NEUT", "0.8", "10^9/L", "2026-01-20", LAB],
        ["101-001", "NEUT", "8", "10^9/L", "2026-01-27", LAB],
        ["101-001", "PLAT", "20", "10^9/L", "2026-01-27", LAB]]), TODAY, NOW)
    first, second, third = patient_labs(labs, dosed, TODAY)
    with pytest.raises(InvalidEntry) as caught:
        review_result(labs, dosed, second.id, "correct", TODAY, NOW)
    assert caught.value.field == "reason"
    review_result(labs, dosed, second.id, "correct", TODAY, NOW, reason="typo at the lab",
                  corrected=LabEntry("NEUT", LAB, date(2026, 1, 27), "0.45", "10^9/L"))
    review_result(labs, dosed, third.id, "reject", TODAY, NOW, reason="haemolysed")
    review_result(labs, dosed, first.id, "accept", TODAY, NOW)
    rows = {r.id: r for r in patient_labs(labs, dosed, TODAY)}
    assert (rows[second.id].value, rows[second.id].grade, rows[second.id].status) == (
        "0.45", 4, "accepted")
    assert (rows[third.id].status, rows[third.id].grades) == ("rejected", ())
    assert rows[first.id].grade == 3
    with pytest.raises(InvalidEntry):
        review_result(labs, dosed, first.id, "accept", TODAY, NOW)
    assert [r.analyte for r in latest_by_analyte(list(rows.values()))] == ["NEUT"]
    from app.services.database import verify_audit_trail

    report = verify_audit_trail(labs)
    assert report.intact, report.message


def test_an_accepted_grade_3_proposes_the_ae_then_a_grade_change(labs, protocol, dosed,
                                                                 tmp_path):
    enter_result(labs, dosed, LabEntry("NEUT", LAB, date(2026, 1, 2), "3.1", "10^9/L"), TODAY)
    import_labs(labs, _csv(tmp_path, [
        ["101-001", "NEUT", "0.8", "10^9/L", "2026-01-20", LAB],
        ["101-001", "NEUT", "0.4", "10^9/L", "2026-01-27", LAB]]), TODAY, NOW)
    baseline, g3, g4 = patient_labs(labs, dosed, TODAY)
    assert baseline.proposal is None                         # before the first dose
    for row in (g3, g4):
        review_result(labs, dosed, row.id, "accept", TODAY, NOW)
    rows = {r.id: r for r in patient_labs(labs, dosed, TODAY)}
    proposal = rows[g3.id].proposal
    assert (proposal.term, proposal.grade, proposal.onset, proposal.ae_id) == (
        "Neutrophil count decreased", 3, date(2026, 1, 20), None)
    ae_id = decide_proposal(labs, protocol, dosed, g3.id, True, TODAY)
    (ae,) = patient_aes(labs, dosed, NOW)
    assert (ae.id, ae.term, ae.onset_date, ae.worst_grade, ae.teae) == (
        ae_id, "Neutrophil count decreased", date(2026, 1, 20), 3, True)
    summary = teae_summary([ae], protocol)
    assert "Neutrophil count decreased" in str(summary)
    change = {r.id: r for r in patient_labs(labs, dosed, TODAY)}[g4.id].proposal
    assert (change.ae_id, change.from_grade, change.grade) == (ae_id, 3, 4)
    assert decide_proposal(labs, protocol, dosed, g4.id, True, TODAY) == ae_id
    (ae,) = patient_aes(labs, dosed, NOW)
    assert [(g.grade, g.start, g.end) for g in ae.grades] == [
        (3, date(2026, 1, 20), date(2026, 1, 26)), (4, date(2026, 1, 27), None)]
    rows = {r.id: r for r in patient_labs(labs, dosed, TODAY)}
    assert (rows[g3.id].ae_decision, rows[g3.id].ae_id, rows[g3.id].proposal) == (
        "accepted", ae_id, None)
    with pytest.raises(InvalidEntry):
        decide_proposal(labs, protocol, dosed, g3.id, True, TODAY)
    from app.services.database import verify_audit_trail

    report = verify_audit_trail(labs)
    assert report.intact, report.message


def test_a_proposal_is_dismissed_with_a_reason(labs, protocol, dosed):
    rid = enter_result(labs, dosed, LabEntry("NEUT", LAB, date(2026, 1, 20), "1.2", "10^9/L"),
                       TODAY)
    with pytest.raises(InvalidEntry) as caught:
        decide_proposal(labs, protocol, dosed, rid, False, TODAY)
    assert caught.value.field == "reason"
    assert decide_proposal(labs, protocol, dosed, rid, False, TODAY,
                           reason="benign ethnic neutropenia") is None
    (row,) = patient_labs(labs, dosed, TODAY)
    assert (row.ae_decision, row.ae_reason, row.proposal) == (
        "dismissed", "benign ethnic neutropenia", None)
    assert patient_aes(labs, dosed, NOW) == []


def test_a_mapping_kept_per_site_reads_the_labs_own_export(labs, dosed, tmp_path):
    save_mapping(labs, Mapping("City lab export", {
        "subject": "Patient", "analyte": "Test", "value": "Result", "unit": "Units",
        "sample_date": "Collected"}, {"Neutrophils abs.": "NEUT"}, LAB))
    assert mapping_names(labs) == ["City lab export"]
    path = tmp_path / "export.csv"
    path.write_text("Patient,Test,Result,Units,Collected\n"
                    "101-001,Neutrophils abs.,900,/mm3,2026-01-20T08:30:00\n", "utf-8")
    report = import_labs(labs, path, TODAY, NOW, mapping="City lab export")
    assert report.landed == [(2, "101-001", "NEUT")] and not report.problems
    (row,) = patient_labs(labs, dosed, TODAY)
    assert (row.value, row.unit, row.kept, row.lab) == ("900", "/mm3", "0.9", LAB)


def test_a_fhir_bundle_lands_for_review(labs, dosed, tmp_path):
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:p1", "resource": {
            "resourceType": "Patient", "id": "p1",
            "identifier": [{"system": "urn:site", "value": "101-001"}]}},
        {"resource": {
            "resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "751-8"}]},
            "subject": {"reference": "urn:uuid:p1"},
            "effectiveDateTime": "2026-01-20T09:00:00+01:00",
            "performer": [{"display": LAB}],
            "valueQuantity": {"value": 0.8, "unit": "10*9/L"}}},
        {"resource": {
            "resourceType": "Observation", "status": "preliminary",
            "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]},
            "subject": {"reference": "urn:uuid:p1"}, "effectiveDateTime": "2026-01-20",
            "valueQuantity": {"value": 90, "unit": "10*9/L"}}}]}
    path = tmp_path / "labs.json"
    path.write_text(json.dumps(bundle), "utf-8")
    report = import_labs(labs, path, TODAY, NOW)
    assert report.landed == [(2, "101-001", "NEUT")]
    assert [str(p) for p in report.problems] == [
        "row 3, status: preliminary: only a final result is imported"]
    (row,) = patient_labs(labs, dosed, TODAY)
    assert (row.status, row.source, row.value, row.sample_date) == (
        "pending", "fhir", "0.8", date(2026, 1, 20))
    bad = tmp_path / "bad.json"
    bad.write_text('{"resourceType": "Bundle", "type": "collection", "entry": '
                   '[{"resource": {"resourceType": "Observation"}}]}', "utf-8")
    assert "not a valid FHIR R4 Bundle" in str(import_labs(labs, bad, TODAY, NOW).problems[0])


def test_a_workbook_export_with_its_own_dates_and_numbers(labs, dosed, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Subject ID", "Analyte", "Value", "Unit", "Sample date", "Lab"])
    sheet.append(["101-001", "Platelets", 74.9, "10^9/L", datetime(2026, 1, 20, 8, 0), LAB])
    sheet.append(["101-001", "NEUT", 1500, "cells/uL", date(2026, 1, 21), LAB])
    path = tmp_path / "labs.xlsx"
    book.save(path)
    report = import_labs(labs, path, TODAY, NOW)
    assert (report.kind, report.landed, report.problems) == (
        "xlsx", [(2, "101-001", "PLAT"), (3, "101-001", "NEUT")], [])
    rows = patient_labs(labs, dosed, TODAY)
    assert [(r.value, r.unit, r.kept) for r in rows] == [
        ("74.9", "10^9/L", "74.9"), ("1500", "cells/uL", "1.5")]
