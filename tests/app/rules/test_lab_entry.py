"""Lab results as entered or read, their review and the AE their grades propose: pure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.errors import InvalidEntry
from app.rules.lab_entry import RangeRow, check_range, range_for
from app.rules.lab_import import Mapping, check_mapping, rows_of_table
from app.rules.lab_review import Kept, OpenAe, baseline_of, check_review, graded
from app.rules.protocol import default_protocol

NEUT = next(a for a in default_protocol().labs if a.code == "NEUT")
ALT = next(a for a in default_protocol().labs if a.code == "ALT")
FD = date(2026, 1, 5)


def test_the_range_of_the_sex_and_day_wins():
    both = RangeRow("Lab", "NEUT", None, D("2.0"), D("7.5"), "10^9/L", date(2025, 1, 1))
    women = RangeRow("Lab", "NEUT", "F", D("1.8"), D("7.5"), "10^9/L", date(2025, 1, 1),
                     date(2025, 12, 31))
    assert range_for([both, women], "lab", NEUT, "F", date(2025, 6, 1)) == women
    assert range_for([both, women], "Lab", NEUT, "F", date(2026, 1, 1)) == both
    assert range_for([both, women], "Lab", NEUT, "M", date(2025, 6, 1)) == both
    with pytest.raises(InvalidEntry) as caught:
        range_for([both], "Other lab", NEUT, "M", date(2025, 6, 1))
    assert caught.value.message == ("No reference range for Neutrophils at Other lab on "
                                    "01-JUN-2025 (male): add the lab's range first")


def test_a_range_is_checked():
    ok = check_range(RangeRow(" Lab ", "neutrophils", "F", D(2), D(7), "x10e9/L",
                              date(2025, 1, 1)), default_protocol().labs)
    assert (ok.lab, ok.analyte, ok.unit) == ("Lab", "NEUT", "10^9/L")
    for bad, field in ((RangeRow("Lab", "NEUT", None, None, None, "10^9/L", FD), "LLN"),
                       (RangeRow("Lab", "NEUT", "X", D(1), D(2), "10^9/L", FD), "Sex"),
                       (RangeRow("Lab", "NEUT", None, D(1), D(2), "10^9/L", FD,
                                 date(2025, 1, 1)), "Valid to"),
                       (RangeRow("", "NEUT", None, D(1), D(2), "10^9/L", FD), "Lab")):
        with pytest.raises(InvalidEntry) as caught:
            check_range(bad, default_protocol().labs)
        assert caught.value.field == field


def _kept(i, day, value, analyte=NEUT, decision=None):
    return Kept(i, analyte, day, D(value), D("2.0") if analyte is NEUT else None,
                None if analyte is NEUT else D(40), decision)


def test_the_baseline_is_the_last_result_on_or_before_the_first_dose():
    results = [_kept(1, date(2025, 12, 20), "3.0"), _kept(2, FD, "2.5"),
               _kept(3, date(2026, 1, 10), "1.0")]
    assert baseline_of(results, FD).id == 2
    assert baseline_of(results, None) is None


def test_a_grade_above_the_baselines_proposes_an_ae_once():
    results = [_kept(1, FD, "1.8"), _kept(2, date(2026, 1, 12), "1.6"),
               _kept(3, date(2026, 1, 19), "0.9"), _kept(4, date(2026, 1, 26), "0.4"),
               _kept(5, date(2026, 2, 2), "0.3", decision="dismissed")]
    found = graded(results, FD, {})
    assert found[1].baseline_grade == 1 and found[1].proposal is None
    assert found[2].proposal is None                       # grade 1, as the baseline
    assert (found[3].proposal.grade, found[3].proposal.onset) == (3, date(2026, 1, 19))
    assert found[5].proposal is None                       # answered already
    opened = graded(results, FD, {"10029366": OpenAe(7, 3)})
    assert opened[3].proposal is None                      # the open AE has grade 3
    assert (opened[4].proposal.ae_id, opened[4].proposal.from_grade) == (7, 3)


def test_alt_against_an_abnormal_baseline():
    results = [_kept(1, FD, "60", ALT), _kept(2, date(2026, 1, 19), "89", ALT),
               _kept(3, date(2026, 1, 26), "181", ALT)]
    found = graded(results, FD, {})
    assert found[1].baseline_grade == 1
    assert found[2].worst.grade == 0 and found[2].proposal is None   # < 1.5 x baseline
    assert found[3].worst.grade == 2 and found[3].proposal.grade == 2


def test_review_needs_a_pending_result_and_a_reason_to_correct_or_reject():
    check_review("pending", "accept", None)
    for status, decision, field in (("accepted", "accept", "status"),
                                    ("pending", "reject", "reason"),
                                    ("pending", "correct", "reason")):
        with pytest.raises(InvalidEntry) as caught:
            check_review(status, decision, " ")
        assert caught.value.field == field


def test_a_table_is_read_through_its_mapping_row_by_row():
    mapping = check_mapping(Mapping("m", {"subject": "Pt", "analyte": "Test", "value": "Res",
                                          "unit": "U", "sample_date": "Date"},
                                    {"ANC": "NEUT"}, "Lab A"))
    rows, problems = rows_of_table([
        ["Pt", "Test", "Res", "U", "Date"],
        ["101-001", "anc", 1.5, "10^9/L", "2026-01-20"],
        ["", "", "", "", ""],
        ["101-001", "ANC", "1.5", "10^9/L", "32-JAN-2026"]], mapping)
    assert [(r.number, r.subject, r.entry.analyte, r.entry.value, r.entry.lab)
            for r in rows] == [(2, "101-001", "NEUT", "1.5", "Lab A")]
    assert [(p.number, p.field) for p in problems] == [(4, "Date")]
    _, missing = rows_of_table([["Subject ID", "Analyte"]], Mapping(""))
    assert {p.field for p in missing} == {"Value", "Unit", "Sample date", "Lab"}
    with pytest.raises(InvalidEntry):
        check_mapping(Mapping("m", {"subject": "Pt"}))        # no lab column, no lab
    with pytest.raises(InvalidEntry):
        check_mapping(Mapping("m", {"patient": "Pt"}, lab="L"))


def test_the_protocol_files_list_their_analytes():
    from pathlib import Path

    from app.rules.protocol import load_protocol

    assert [a.code for a in default_protocol().labs][:5] == ["HGB", "WBC", "NEUT", "LYM", "PLAT"]
    alt = load_protocol(Path(__file__).parents[1] / "protocols" / "alt28.toml")
    assert [(a.code, a.unit) for a in alt.labs] == [
        ("HGB", "mmol/L"), ("PLAT", "/mm3"), ("BILI", "mg/dL")]


def test_a_protocol_with_bad_analytes_names_them(tmp_path):
    from app.rules.protocol import load_protocol
    from app.rules.protocol.model import ProtocolError

    text = default_protocol().path.read_text("utf-8") + (
        '\n[[labs.analytes]]\ncode = "X"\nunit = "g/dL"\nquantity = "count"\n'
        'grades = ["Nausea", "Anemia"]\n')
    path = tmp_path / "p.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    said = "\n".join(caught.value.problems)
    assert "'g/dL' is not a unit of count" in said
    assert "'Nausea' is not a lab-defined CTCAE term" in said
    assert "'Anemia' grades haemoglobin, not count" in said
