"""`protocol import-usdm`: a USDM v4 file becomes a draft protocol file whose open
decisions `protocol check` refuses until they are decided; bad input is one line, exit 2,
and no draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from tests.app.exchange.usdm_files import small_study
from tests.conftest import reference_file

ROOT = Path(__file__).resolve().parents[2]
IMP = ROOT / "resources" / "protocols" / "imp7068.usdm.json"


def _bad(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _v3() -> str:
    data = small_study()
    data["usdmVersion"] = "3.0.0"
    return json.dumps(data)


def _no_timeline() -> str:
    data = small_study()
    data["study"]["versions"][0]["studyDesigns"][0]["scheduleTimelines"] = []
    return json.dumps(data)


@pytest.mark.parametrize(("content", "said", "extra"), [
    ("{not json", "is not JSON", []),
    ('{"hello": 1}', "not a USDM file", []),
    (_v3(), "is USDM 3.0.0: this import reads USDM v4 files only", []),
    (_no_timeline(), "has no schedule timeline", []),
    (json.dumps(small_study()), "has no study version 'SV_7'", ["--study-version", "SV_7"]),
])
def test_bad_input_is_one_line_exit_2_and_no_draft(tmp_path, capsys, content, said, extra):
    source = _bad(tmp_path, "in.json", content)
    draft = tmp_path / "draft.toml"
    assert main.main(["protocol", "import-usdm", str(source), "-o", str(draft),
                      *extra]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not draft.exists() and list(tmp_path.iterdir()) == [source]


def test_the_draft_is_refused_until_its_decisions_are_made(tmp_path, capsys):
    draft = tmp_path / "imp7068.draft.toml"
    assert main.main(["protocol", "import-usdm", str(IMP), "-o", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "draft of IMP7068-101 (StudyVersion_1), 10 visits, 21-day cycles, 2 series, " \
           "9 PK timepoints" in out and "4 decisions to review" in out
    assert main.main(["protocol", "check", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "4 problems" in err
    assert "review.items[0] (ScheduledDecisionInstance_TA_Y1): open decision: how many " \
           "times it repeats is said only in prose" in err
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "decided = false", "decided = true"), encoding="utf-8")
    assert main.main(["protocol", "check", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "Series TA{k} (tumour_assessment) from C1D1: every 42 days x8, then every 84 " \
           "days until projection, window -7/+7" in out and out.rstrip().endswith("valid")


def test_json_for_scripts(tmp_path, capsys):
    draft = tmp_path / "d.toml"
    assert main.main(["protocol", "import-usdm", str(IMP), "-o", str(draft),
                      "--study-version", "Original protocol 1.0", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["visits"] == ["SCR", "LI", "LI24", "LI48", "C1D1", "C1D2", "C1D8", "C1D15",
                             "EOT", "SFU"]
    assert got["cycles"] == 21 and got["series"] == ["TA{k}", "SURV{k}"]
    assert got["pk_timepoints"][:2] == ["pre", "0.5h"] and got["problems"] == []
    assert [r["element"] for r in got["review"]][-1] == "StudyVersion_1"


def test_the_public_isatuximab_sample(tmp_path, capsys):
    """NCT03637764 (usdm4's validation sample): its schedule of activities as the visit
    table, every defect of the file in [review], and a valid protocol once decided."""
    sample = reference_file("usdm", "sample_usdm_3.json")
    draft = tmp_path / "isa.toml"
    assert main.main(["protocol", "import-usdm", str(sample), "-o", str(draft),
                      "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["visits"] == ["SCREEN1", "SCREEN2", "C1D1", "C1D8", "C1D15", "EOT", "SFU1",
                             "SFU2"]
    assert got["cycles"] == 21 and got["series"] == ["LTFU{k}"] and got["problems"] == []
    asked = {}
    for r in got["review"]:
        asked[r["element"]] = asked.get(r["element"], "") + " " + r["decide"]
    assert "only in prose" in asked["ScheduledActivityInstance_47"]  # Cycle 2+ repeat
    assert "broken chain" in asked["Timing_8"]  # EOT counted from another timeline
    assert "only as text" in asked["Timing_20"]  # a PK window given only as text
    assert "disagree" in asked["Administration_1"]  # 10 mg/kg named, 20 given
    assert "unexpected encounter" in asked["ScheduledActivityInstance_8"]  # Day 4 at C1D1
    assert "only in prose" in asked["ScheduledDecisionInstance_5"]  # within 3 years
    assert main.main(["protocol", "check", str(draft)]) == 2
    assert f"{len(got['review'])} problems" in capsys.readouterr().err
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "decided = false", "decided = true"), encoding="utf-8")
    assert main.main(["protocol", "check", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "C1D8       treatment          first_dose        +7    -1/+1  Cycle 1, Day 8" in out
    assert "Cycles of 21 days from C1D1" in out


@pytest.mark.parametrize("facts", [
    ["--first-dose", "2026-01-05"],
    ["--first-dose", "2026-01-05", "--visit", "C1D1=2026-01-13", "--visit", "C2D1=2026-02-09",
     "--delay", "C3D1=7:toxicity"],
    ["--first-dose", "2025-03-30", "--visit", "C1D1=2025-04-06", "--last-dose", "2025-09-01",
     "--progression", "2025-08-20"],
])
def test_schedule_json_is_the_same_from_the_imported_draft(tmp_path, capsys, facts):
    draft = tmp_path / "imp.toml"
    assert main.main(["protocol", "import-usdm", str(IMP), "-o", str(draft)]) == 0
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "decided = false", "decided = true"), encoding="utf-8")
    capsys.readouterr()
    today = ["--today", "2026-06-01"]
    assert main.main(["schedule", *facts, *today, "--json"]) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert main.main(["schedule", *facts, *today, "--json", "--protocol", str(draft)]) == 0
    assert json.loads(capsys.readouterr().out) == shipped and len(shipped["visits"]) > 20
