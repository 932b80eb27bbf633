"""`main.py schedule`: the calendar for coordinators and scripts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import main

ALT = Path(__file__).resolve().parents[1] / "app" / "protocols" / "alt28.toml"


def run(capsys, *args):
    code = main.main(["schedule", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_exactly_the_documented_shape(capsys):
    code, out, err = run(capsys, "--first-dose", "2026-01-05", "--visit", "LI=2026-01-05",
                         "--visit", "C1D1=2026-01-12", "--today", "2026-01-20", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["visits"]
    first = data["visits"][0]
    assert list(first) == ["code", "label", "target", "earliest", "latest", "actual", "status"]
    by_code = {v["code"]: v for v in data["visits"]}
    assert by_code["C1D1"] == {"code": "C1D1", "label": "Cycle 1 Day 1", "target": "2026-01-12",
                               "earliest": "2026-01-11", "latest": "2026-01-13",
                               "actual": "2026-01-12", "status": "done"}
    assert by_code["C1D8"]["status"] == "open"
    assert by_code["C2D1"]["actual"] is None and by_code["C2D1"]["status"] == "planned"
    keys = [(v["target"], v["code"]) for v in data["visits"]]
    assert keys == sorted(keys)


def test_table_for_people(capsys):
    code, out, _ = run(capsys, "--first-dose", "2026-01-05", "--today", "2026-01-01",
                       "--last-dose", "2026-01-01")
    assert code == 2  # last dose before first dose
    code, out, _ = run(capsys, "--first-dose", "2026-01-05", "--today", "2026-01-01")
    assert code == 0
    assert "12-JAN-2026" in out and "11-JAN-2026 to 13-JAN-2026" in out
    assert "SCR" in out.splitlines()[3]


def test_stopping_rules_from_the_command_line(capsys):
    code, out, _ = run(capsys, "--first-dose", "2026-01-05", "--visit", "C1D1=2026-01-12",
                       "--last-dose", "2026-03-01", "--progression", "2026-02-25",
                       "--death", "2026-06-01", "--today", "2026-06-10", "--json")
    assert code == 0
    v = {x["code"]: x for x in json.loads(out)["visits"]}
    assert v["TA2"]["status"] == "cancelled" and v["C5D1"]["status"] == "cancelled"
    assert v["EOT"]["target"] == "2026-03-01" and v["SURV1"]["status"] == "cancelled"


def test_delay_and_missed(capsys):
    code, out, _ = run(capsys, "--first-dose", "2026-01-05", "--visit", "C1D1=2026-01-12",
                       "--visit", "C2D1=2026-02-02", "--delay", "C3D1=7:toxicity",
                       "--missed", "C1D8:unwell", "--today", "2026-02-10", "--json")
    assert code == 0
    v = {x["code"]: x for x in json.loads(out)["visits"]}
    assert v["C3D1"]["target"] == "2026-03-02" and v["C1D8"]["status"] == "missed"


def test_another_protocol_file(capsys, tmp_path):
    code, out, _ = run(capsys, "--first-dose", "2026-03-02", "--protocol", str(ALT),
                       "--today", "2026-03-01", "--json")
    assert code == 0
    codes = {x["code"] for x in json.loads(out)["visits"]}
    assert {"BASE", "D1", "Cy2-Day1", "Cy2-Day15", "SCAN1"} <= codes


def _one_line_exit_2(capsys, *args, contains: tuple[str, ...]):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err
    for text in contains:
        assert text in err
    assert "Traceback" not in err


def test_bad_input_gives_one_line_naming_visit_and_date(capsys):
    fd = ("--first-dose", "2026-01-05", "--today", "2026-02-01")
    _one_line_exit_2(capsys, *fd, "--visit", "C1D8=2026-01-03", contains=("C1D8", "03-JAN-2026"))
    _one_line_exit_2(capsys, *fd, "--visit", "LI=2026-01-06", contains=("LI", "06-JAN-2026"))
    _one_line_exit_2(capsys, *fd, "--visit", "C1D1=2026-01-12", "--visit", "C1D1=2026-01-13",
                     contains=("C1D1", "twice"))
    _one_line_exit_2(capsys, *fd, "--last-dose", "2026-01-01", contains=("last dose", "01-JAN-2026"))
    _one_line_exit_2(capsys, *fd, "--visit", "C2D1=2026-02-02", contains=("C2D1", "future"))
    _one_line_exit_2(capsys, *fd, "--visit", "C1D0=2026-01-12", contains=("C1D0", "unknown"))
    _one_line_exit_2(capsys, *fd, "--visit", "C1D1=2026-02-30", contains=("2026-02-30", "real date"))
    _one_line_exit_2(capsys, "--first-dose", "05/01/2026", contains=("05/01/2026", "YYYY-MM-DD"))
    _one_line_exit_2(capsys, *fd, "--visit", "C1D1", contains=("CODE=DATE",))
    _one_line_exit_2(capsys, *fd, "--delay", "C3D1=x", contains=("CODE=DAYS:REASON",))


def test_broken_protocol_is_one_line_naming_file_and_key(capsys, tmp_path):
    broken = tmp_path / "broken.toml"
    shutil.copy(ALT, broken)
    broken.write_text(broken.read_text().replace('anchor = "D1"\noffset_days = 14',
                                                 'anchor = "D0"\noffset_days = 14'))
    _one_line_exit_2(capsys, "--first-dose", "2026-03-02", "--protocol", str(broken),
                     contains=("broken.toml", "visits[2] (D15).anchor", "unknown anchor 'D0'"))
