"""`book`, `book-cycle`, `planner`, `rebook` and `resources` (issue 38, item 6): four PK
days in three chairs, the planner's JSON matching the bookings, a cycle proposed as JSON,
a 7-day delay listing the later booking now outside its window; bad input one line, exit 2,
nothing saved."""

from __future__ import annotations

import json
from datetime import date

import main
from app.rules.protocol import default_protocol
from app.services.database import open_site_database
from app.services.patients import enrol
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import FD, form
from tests.conftest import login

TODAY = ["--today", "2026-01-06"]


def _site(tmp_path, patients: int = 4) -> str:
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    db = open_site_database(url)
    db.actor = "tester"
    p = default_protocol()
    for i in range(1, patients + 1):
        pid = enrol(db, p, form(subject_id=f"101-00{i}"), date(2026, 1, 6))
        record_visit(db, p, pid, "LI", VisitEntry(outcome="done", actual_date=FD),
                     date(2026, 1, 6))
    db.close()
    admin = login(url, "admin")
    for name in ("Chair 1", "Chair 2", "Chair 3"):
        assert main.main([*admin, "resources", "add", name]) == 0
    assert main.main([*admin, "resources", "add", "Room A", "--room"]) == 0
    assert main.main([*admin, "resources", "close", "2026-01-19", "Site holiday", *TODAY]) == 0
    return url


def test_four_pk_days_in_three_chairs_and_the_planner(tmp_path, capsys):
    url = _site(tmp_path)
    nurse = login(url, "nurse")
    assert main.main([*nurse, "book", "101-001", "C1D1", "--at", "12-JAN-2026 08:00",
                      "--nurse", "t.nurse", *TODAY]) == 0
    assert main.main([*nurse, "book", "101-002", "C1D1", "--at", "12-JAN-2026 08:00",
                      "--nurse", "t.nurse", *TODAY]) == 2
    assert "t.nurse draws 101-001's C1D1 tube at 08:30" in capsys.readouterr().err
    # the nurse draws one tube at a time: the others are booked without her
    for i in (2, 3):
        assert main.main([*nurse, "book", f"101-00{i}", "C1D1", "--at",
                          "12-JAN-2026 08:00", *TODAY]) == 0
    out = capsys.readouterr().out
    assert "101-003 C1D1 booked on 12-JAN-2026 08:00 to 17:00, Chair 3" in out
    assert main.main([*nurse, "book", "101-004", "C1D1", "--at", "12-JAN-2026 08:00",
                      *TODAY]) == 2
    err = capsys.readouterr().err
    assert "No chair is free on 12-JAN-2026 from 08:00 to 17:00 (all 3 are booked); free " \
           "days in the window: 13-JAN-2026" in err
    assert main.main([*nurse, "planner", "--date", "2026-01-12", "--days", "2", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    day = plan["days"][0]
    assert [(c["name"], [b["subject"] for b in c["blocks"]]) for c in day["chairs"]] == [
        ("Chair 1", ["101-001"]), ("Chair 2", ["101-002"]), ("Chair 3", ["101-003"]),
        ("Room A", [])]
    first = day["chairs"][0]["blocks"][0]
    assert (first["start"], first["end"], first["nurse"]) == ("2026-01-12T08:00",
                                                             "2026-01-12T17:00", "t.nurse")
    assert first["pk_ticks"] == ["08:30", "09:00", "09:30", "10:30", "12:30", "14:30", "16:30"]
    assert day["nurses"] == [{"nurse": "t.nurse", "patients": 1, "pk_tubes": 7}]
    assert day["conflicts"] == [] and plan["days"][1]["chairs"][0]["blocks"] == []


def test_bad_input_is_one_line_and_saves_nothing(tmp_path, capsys):
    url = _site(tmp_path, 1)
    nurse = login(url, "nurse")
    for args, said in (
            (["--at", "12-JAN-2026 06:00"], "outside the opening hours (08:00 to 18:00"),
            (["--at", "12-JAN-2026 08:00", "--chair", "Chair 9"], "no chair named 'Chair 9'"),
            (["--at", "05-JAN-2026 08:00"], "05-JAN-2026 08:00 is in the past"),
            (["--at", "12-JAN-2026 08:00", "--nurse", "t.admin"], "no nurse account 't.admin'"),
            (["--at", "12-JAN-2026"], "give the date and the time"),
            (["--at", "12-JAN-2026 25:00"], "--at:")):
        assert main.main([*nurse, "book", "101-001", "C1D1", *args, *TODAY]) == 2
        err = capsys.readouterr().err
        assert said in err and len(err.strip().splitlines()) == 1, err
    assert main.main([*nurse, "planner", "--date", "2026-01-12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["days"][0]["chairs"][0]["blocks"] == []
    assert main.main([*nurse, "planner", "--date", "2026-01-12", "--days", "40"]) == 2
    assert "The planner shows 1 to 31 days" in capsys.readouterr().err
    assert main.main([*nurse, "resources", "add", "Chair 4"]) == 2  # an administrator's


def test_book_cycle_dry_run_then_booked(tmp_path, capsys):
    url = _site(tmp_path, 1)
    nurse = login(url, "nurse")
    capsys.readouterr()
    assert main.main([*nurse, "book-cycle", "101-001", "1", "--at", "09:00", "--dry-run",
                      "--json", *TODAY]) == 0
    out = json.loads(capsys.readouterr().out)
    visits = {v["visit"]: v for v in out["visits"]}
    assert out["booked"] is False
    assert visits["C1D1"]["at"] == "2026-01-12T09:00" and visits["C1D1"]["chair"] == "Chair 1"
    assert visits["C1D8"]["at"] == "2026-01-20T09:00"  # 19-JAN is the site's holiday
    assert "The site is closed on 19-JAN-2026 (Site holiday)" in visits["C1D8"]["note"]
    for v in out["visits"]:
        assert v["window"][0] <= v["at"][:10] <= v["window"][1]
    assert main.main([*nurse, "planner", "--date", "2026-01-12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["days"][0]["chairs"][0]["blocks"] == []
    assert main.main([*nurse, "book-cycle", "101-001", "1", "--at", "09:00", *TODAY]) == 0
    assert "101-001 cycle 1: booked" in capsys.readouterr().out
    assert main.main([*nurse, "planner", "--date", "2026-01-12", "--days", "7", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    booked = sorted(b["visit"] for d in plan["days"] for c in d["chairs"] for b in c["blocks"])
    assert booked == ["C1D1", "C1D2"]


def test_a_delay_lists_the_later_booking_to_rebook(tmp_path, capsys):
    url = _site(tmp_path, 1)
    nurse = login(url, "nurse")
    assert main.main([*nurse, "book", "101-001", "C3D1", "--at", "23-FEB-2026 09:00",
                      *TODAY]) == 0
    assert main.main([*nurse, "rebook", "--json", *TODAY]) == 0
    capsys.readouterr()
    db = open_site_database(url)
    db.actor = "tester"
    p = default_protocol()
    record_visit(db, p, 1, "C1D1", VisitEntry(outcome="done", actual_date=date(2026, 1, 12)),
                 date(2026, 1, 12))
    record_visit(db, p, 1, "C2D1", VisitEntry(delay_days=7, delay_reason="toxicity"),
                 date(2026, 1, 12))
    db.close()
    assert main.main([*nurse, "rebook", "--json", "--today", "2026-01-12"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["visit"], r["booked"], r["window"]) for r in rows] == [
        ("C3D1", "2026-02-23", ["2026-02-27", "2026-03-05"])]
    assert "now outside its window" in rows[0]["why"]
    assert main.main([*nurse, "cancel-booking", "101-001", "C3D1", "--reason",
                      "cycle delayed", "--today", "2026-01-12"]) == 0
    capsys.readouterr()
    assert main.main([*nurse, "rebook", "--json", "--today", "2026-01-12"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_resources_list_json(tmp_path, capsys):
    url = _site(tmp_path, 0)
    admin = login(url, "admin")
    assert main.main([*admin, "resources", "hours", "07:30-18:30 Mon-Fri"]) == 0
    login(url, "nurse")
    assert main.main([*admin, "resources", "works", "t.nurse", "Mon Tue Thu"]) == 0
    capsys.readouterr()
    assert main.main([*login(url, "nurse"), "resources", "list", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["chairs"] == ["Chair 1", "Chair 2", "Chair 3"] and out["rooms"] == ["Room A"]
    assert out["closures"] == [{"day": "2026-01-19", "label": "Site holiday"}]
    assert out["opening_hours"] == "07:30-18:30 Mon Tue Wed Thu Fri"
    assert out["staff"] == [{"account": "t.nurse", "role": "nurse", "works": "Mon Tue Thu"}]
