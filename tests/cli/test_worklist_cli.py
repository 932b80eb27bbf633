"""`demo`, `upcoming` and `deviations` on the command line."""

from __future__ import annotations

import csv
import json
from datetime import date

import main
from tests.conftest import login


def test_demo_then_upcoming_json(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    assert main.main(["--db", url, "demo", "--patients", "16", "--today", "2026-11-25"]) == 0
    assert "28 fictional patients (16 in IMP7068-101, 12 in ABC-2201)" in capsys.readouterr().out
    assert main.main(["--db", url, "demo", "--today", "2026-11-25"]) == 0
    assert "already holds" in capsys.readouterr().out
    assert main.main([*login(url), "upcoming", "--today", "2026-11-25", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["visits"] and data["visits"]
    for v in data["visits"]:
        assert list(v) == ["study", "subject", "code", "target", "earliest", "latest", "booked", "status"]
        assert v["status"] in ("planned", "open", "overdue")
        assert v["earliest"] <= "2026-12-09"
    latest = [v["latest"] for v in data["visits"]]
    assert latest == sorted(latest)
    assert main.main([*login(url), "upcoming", "--today", "2026-11-25", "--days", "3"]) == 0
    assert "Due from 25-NOV-2026 to 28-NOV-2026" in capsys.readouterr().out


def test_demo_refuses_a_real_database(tmp_path, capsys):
    from datetime import date

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.patients import EnrolmentForm, enrol

    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    db = open_site_database(url)
    db.actor = "tester"  # someone signed in
    enrol(db, default_protocol(), EnrolmentForm(
        subject_id="101-001", initials="ABC", part=1, dose_level="DL1",
        consent_date=date(2026, 1, 1)), date(2026, 2, 1))
    db.close()
    assert main.main(["--db", url, "demo"]) == 2
    assert "real patients" in capsys.readouterr().err


def test_deviations_to_csv(tmp_path, capsys, sqlite_demo_site):
    url = sqlite_demo_site(date(2026, 11, 25), patients=24).url
    out = tmp_path / "dev.csv"
    assert main.main([*login(url), "deviations", "--csv", str(out)]) == 0
    lines = out.open(encoding="utf-8-sig", newline="").read().splitlines()
    assert lines[0] == "Listing,Deviations" and lines[1] == "Study,All studies"
    rows = list(csv.DictReader(lines[7:]))
    assert rows and {"Date", "Subject", "Kind", "What", "Detail", "Status"} <= set(rows[0])
    assert {"Missed visit", "Dose given outside its window"} <= {r["Kind"] for r in rows}
    assert {r["Status"] for r in rows} == {"New"}
    assert main.main([*login(url), "deviations", "--csv", str(tmp_path / "no" / "x.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_rebuild_calendars(capsys, sqlite_demo_site):
    url = sqlite_demo_site(date(2026, 11, 25), patients=24).url  # as the test above
    main.main([*login(url), "upcoming", "--today", "2026-11-25", "--json"])
    before = capsys.readouterr().out
    assert main.main([*login(url), "rebuild-calendars"]) == 0
    assert "36 patients" in capsys.readouterr().out
    main.main([*login(url), "upcoming", "--today", "2026-11-25", "--json"])
    assert capsys.readouterr().out == before
