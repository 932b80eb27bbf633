"""`recist evaluate FILE.json` on the command line."""

from __future__ import annotations

import json

import main

SCANS = {
    "c1d1": "2026-01-12",
    "assessments": [
        {"date": "2026-01-05", "baseline": True,
         "targets": [{"id": "T1", "organ": "liver", "nodal": False, "mm": 40.0},
                     {"id": "T2", "organ": "lung", "nodal": False, "mm": 30.0},
                     {"id": "T3", "organ": "node", "nodal": True, "mm": 20.0}],
         "non_targets": [{"id": "NT1", "organ": "bone", "nodal": False, "status": "present"},
                         {"id": "NT2", "organ": "node", "nodal": True, "mm": 12.0}],
         "new_lesion": False},
        {"date": "2026-02-23",
         "targets": [{"id": "T1", "mm": 30.0}, {"id": "T2", "too_small": True},
                     {"id": "T3", "mm": 27.0}],
         "non_targets": [{"id": "NT1", "status": "present"}, {"id": "NT2", "mm": 8.0}],
         "new_lesion": False},
        {"date": "2026-03-23",
         "targets": [{"id": "T1", "mm": 28.0}, {"id": "T2", "mm": 0}, {"id": "T3", "mm": 25.0}],
         "non_targets": [{"id": "NT1", "status": "present"}, {"id": "NT2", "mm": 7.0}],
         "new_lesion": False}]}


def _write(tmp_path, data) -> str:
    path = tmp_path / "scans.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_evaluate_json_shape(tmp_path, capsys):
    assert main.main(["recist", "evaluate", _write(tmp_path, SCANS), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["timepoints", "best_overall_response", "first_progression_date"]
    first = out["timepoints"][0]
    assert first == {"date": "2026-02-23", "sum_mm": 62.0, "change_from_baseline_pct": -31.1,
                     "change_from_nadir_pct": -31.1, "target": "PR",
                     "non_target": "NON_CR_NON_PD", "overall": "PR", "counts": True,
                     "note": "PR confirmed by the scan of 23-MAR-2026"}
    assert out["best_overall_response"] == "PR" and out["first_progression_date"] is None


def test_day_counts_default_to_the_protocol_and_can_be_given(tmp_path, capsys):
    data = dict(SCANS, confirm_min_days=35)
    assert main.main(["recist", "evaluate", _write(tmp_path, data), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["best_overall_response"] == "SD"


def test_investigator_responses_only(tmp_path, capsys):
    data = {"c1d1": "2026-01-12", "assessments": [
        {"date": "2026-02-23", "overall": "CR"}, {"date": "2026-03-23", "overall": "CR"}]}
    assert main.main(["recist", "evaluate", _write(tmp_path, data)]) == 0
    assert "Best overall response: CR" in capsys.readouterr().out


def test_rule_breaking_file_exits_1_naming_the_lesion(tmp_path, capsys):
    data = json.loads(json.dumps(SCANS))
    data["assessments"][0]["targets"][2]["mm"] = 12.0          # a 12 mm node as target
    assert main.main(["recist", "evaluate", _write(tmp_path, data)]) == 1
    err = capsys.readouterr().err
    assert "T3" in err and "15" in err and err.count("\n") == 1
    assert main.main(["recist", "evaluate", str(tmp_path / "none.json")]) == 2
