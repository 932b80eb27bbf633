"""`queries ...` on the command line: the monitor opens, the nurse cannot close and
answers, the monitor closes; bad input is one line, exit 2, nothing saved."""

from __future__ import annotations

import json
from datetime import date

import main
from tests.conftest import login


def _patient_with_c1d1(url: str) -> None:
    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.patients import EnrolmentForm, enrol
    from app.services.visits import VisitEntry, record_visit

    db = open_site_database(url)
    db.actor = "tester"
    try:
        protocol = default_protocol()
        pid = enrol(db, protocol, EnrolmentForm(
            subject_id="101-001", initials="AB", year_of_birth=1960, sex="F", part=1,
            dose_level="DL1", consent_date=date(2025, 12, 1),
            planned_first_dose=date(2026, 1, 5)), date(2026, 3, 2))
        for code, when in (("LI", date(2026, 1, 5)), ("C1D1", date(2026, 1, 12))):
            record_visit(db, protocol, pid, code, VisitEntry(outcome="done", actual_date=when),
                         date(2026, 3, 2))
    finally:
        db.close()


def _listed(args, capsys, *more):
    assert main.main([*args, "queries", "list", "--json", *more]) == 0
    return json.loads(capsys.readouterr().out)["queries"]


def test_a_query_from_opening_to_closing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    monitor, nurse = login(url, "monitor"), login(url, "nurse")
    _patient_with_c1d1(url)
    assert main.main([*login(url, "admin"), "site", "--number", "101"]) == 0

    assert main.main([*monitor, "queries", "open", "101-001", "--on", "C1D1.actual_date",
                      "--text", "Source note says 13-JAN-2026"]) == 0
    assert "queries: query 1 opened on 101-001 C1D1.actual_date" in capsys.readouterr().out
    [q] = _listed(nurse, capsys, "--state", "open", "--study", "IMP7068-101")
    assert (q["id"], q["on"], q["about"], q["opened_by"]) == (
        1, "C1D1.actual_date", "visit C1D1: Actual date", "t.monitor")

    assert main.main([*nurse, "queries", "close", "1"]) == 2
    assert "account cannot open, close or re-open queries: nothing was saved" in \
        capsys.readouterr().err
    assert main.main([*monitor, "queries", "answer", "1", "--text", "mine"]) == 2
    assert "cannot enter or correct clinical data" in capsys.readouterr().err
    assert main.main([*nurse, "queries", "answer", "1", "--text", "Corrected"]) == 0
    assert "query 1 answered" in capsys.readouterr().out
    assert main.main([*monitor, "queries", "close", "1", "--text", "Thanks"]) == 0
    assert main.main([*monitor, "queries", "reopen", "1", "--text", "Time too"]) == 0
    capsys.readouterr()
    assert [q["state"] for q in _listed(monitor, capsys)] == ["open"]
    assert _listed(monitor, capsys, "--state", "closed") == []

    assert main.main([*monitor, "queries", "list"]) == 0
    out = capsys.readouterr().out
    assert "1 query" in out and "answered by t.nurse" in out

    listing = tmp_path / "queries.csv"
    assert main.main([*monitor, "queries", "list", "-o", str(listing)]) == 0
    assert f"queries: 1 query written to {listing}" in capsys.readouterr().out
    text = listing.read_text(encoding="utf-8-sig")
    assert "Queries" in text and "visit C1D1: Actual date" in text and "Corrected" in text


def test_bad_input_is_one_line_and_saves_nothing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    monitor = login(url, "monitor")
    _patient_with_c1d1(url)
    for on, text, said in (("C3D1", "Why?", "101-001 has no visit C3D1"),
                           ("SCAN:4", "Why?", "101-001 has no scan 4"),
                           ("C1D1", " ", "The query needs a text"),
                           ("C1D1.hair", "Why?", "can name one of its fields")):
        assert main.main([*monitor, "queries", "open", "101-001", "--on", on,
                          "--text", text]) == 2
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1 and "Traceback" not in err
    assert main.main([*monitor, "queries", "answer", "5", "--text", "x"]) == 2
    capsys.readouterr()
    assert _listed(monitor, capsys) == []
    import pytest

    with pytest.raises(SystemExit) as exited:
        main.main([*monitor, "queries", "list", "--state", "shut"])
    assert exited.value.code == 2
    assert "invalid choice: 'shut'" in capsys.readouterr().err


def test_the_monitor_changes_no_clinical_data_from_the_command_line(tmp_path, capsys):
    import csv

    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    monitor = login(url, "monitor")
    sheet = tmp_path / "patients.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["Subject ID", "Initials", "Part", "Dose level", "Consent date",
             "Planned first dose"],
            ["101-009", "AB", "1", "DL1", "01-DEC-2025", "05-JAN-2026"]])
    assert main.main([*monitor, "import", "patients", str(sheet),
                      "--today", "2026-03-02"]) == 2
    assert "monitor (read only) account cannot enter or correct clinical data" in \
        capsys.readouterr().err
    assert main.main([*monitor, "queries", "open", "101-009", "--on", "PATIENT",
                      "--text", "Enrolled?"]) == 2
    assert "No patient with subject ID 101-009" in capsys.readouterr().err
