"""`pk-times` and `pk-listing` on the command line."""

from __future__ import annotations

import json
from datetime import date

import main
from tests.conftest import login


def test_pk_times_json_shape_and_reference_dose(capsys):
    assert main.main(["pk-times", "--visit", "LI", "--dose-time", "2026-01-05 22:40",
                      "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["samples"]
    assert [s["timepoint"] for s in data["samples"]] == [
        "pre-dose", "0.5 h", "1 h", "2 h", "4 h", "6 h", "8 h"]
    assert data["samples"][2] == {"timepoint": "1 h", "nominal": "2026-01-05T23:40",
                                  "earliest": "2026-01-05T23:30", "latest": "2026-01-05T23:50"}
    assert data["samples"][4]["nominal"] == "2026-01-06T02:40"
    assert main.main(["pk-times", "--visit", "LI48", "--dose-time", "2026-01-05 08:00",
                      "--json"]) == 0
    [s] = json.loads(capsys.readouterr().out)["samples"]
    assert (s["nominal"], s["earliest"], s["latest"]) == (
        "2026-01-07T08:00", "2026-01-07T06:00", "2026-01-07T10:00")
    assert main.main(["pk-times", "--visit", "c1d2", "--dose-time", "2026-01-12 09:15"]) == 0
    out = capsys.readouterr().out
    assert "counted from the C1D1 dose" in out and "13-JAN-2026 09:15" in out


def test_pk_times_bad_input(capsys):
    assert main.main(["pk-times", "--visit", "TA1", "--dose-time", "2026-01-05 08:00"]) == 2
    assert "no PK" in capsys.readouterr().err
    assert main.main(["pk-times", "--visit", "LI", "--dose-time", "05/01/2026 8am"]) == 2
    assert "HH:MM" in capsys.readouterr().err


def test_pk_listing_after_the_demo(tmp_path, capsys, sqlite_demo_site):
    url = sqlite_demo_site(date(2026, 11, 25), patients=24).url  # as `demo --patients 24`
    assert main.main([*login(url), "pk-listing"]) == 0
    assert "PK samples" in capsys.readouterr().out
    assert main.main([*login(url), "pk-listing", "-o", str(tmp_path / "pk.xlsx")]) == 0
    assert (tmp_path / "pk.xlsx").exists()
    assert main.main([*login(url), "pk-listing", "-o", str(tmp_path / "pk.txt")]) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err


def test_pk_listing_covers_every_study_or_the_one_named_with_minutes_as_numbers(
        tmp_path, capsys, sqlite_demo_site):
    import csv

    url = sqlite_demo_site(date(2026, 11, 25), patients=24).url  # as `demo --patients 24`
    every = tmp_path / "every.csv"
    assert main.main([*login(url), "pk-listing", "-o", str(every)]) == 0
    rows = list(csv.reader(every.open(encoding="utf-8-sig", newline="")))
    assert rows[1] == ["Study", "All studies"]
    body = rows[rows.index(next(r for r in rows if r[:1] == ["Study"] and len(r) > 2)) + 1:]
    studies = {r[0] for r in body}
    assert len(studies) >= 2, studies                                  # both demo studies
    minutes = [r[7] for r in body if r[7]]
    assert minutes and all(not m.startswith("'") for m in minutes)     # numbers, not text
    assert all(float(m) == float(m) for m in minutes)
    one = tmp_path / "one.csv"
    code = sorted(studies)[0]
    assert main.main([*login(url), "pk-listing", "--study", code, "-o", str(one)]) == 0
    named = list(csv.reader(one.open(encoding="utf-8-sig", newline="")))
    assert named[1] == ["Study", code]
    assert {r[0] for r in named[8:]} == {code}
    assert main.main([*login(url), "pk-listing", "--study", "NOPE-1"]) == 2
    assert "--study" in capsys.readouterr().err
