"""`vitals list`, `conmeds list` and `history list` on the command line, text and JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import main
from app.rules.protocol import default_protocol
from app.services.conmeds import ConMedForm, HistoryForm, save_conmed, save_history
from app.services.dictionary import import_dictionary
from app.services.patients import enrol
from app.services.visits import VisitEntry, record_visit
from db import open_database
from tests.app.services.conftest import TODAY, form
from tests.conftest import login


def _filled(tmp_path) -> str:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    db = open_database(url)
    db.actor = "tester"
    try:
        protocol = default_protocol()
        pid = enrol(db, protocol, form(), TODAY)
        record_visit(db, protocol, pid, "LI", VisitEntry(outcome="done",
                                                         actual_date=date(2026, 1, 5)),
                     TODAY, readings={"WEIGHT": "70", "HR": "60", "QT": "490"})
        save_conmed(db, pid, ConMedForm("Itraconazole", "200", "mg", "oral", "QD",
                                        "Fungal infection", "UN-DEC-2025", "", True), TODAY)
        import_dictionary(db, Path(__file__).resolve().parents[2] / "resources" / "demo_ctcae.csv")
        save_history(db, pid, HistoryForm("Fatigue", 1, "UN-UNK-2020"), TODAY)
    finally:
        db.close()
    return url


def test_the_lists_as_json_and_as_text(tmp_path, capsys):
    url = _filled(tmp_path)
    assert main.main([*login(url), "vitals", "list", "101-001", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    qtcf = next(r for r in data["vitals"] if r["test"] == "QTCF")
    assert (qtcf["value"], qtcf["unit"], qtcf["grade"], qtcf["date"]) == (
        490, "ms", 2, "2026-01-05")
    assert qtcf["note"] == "QTcF 490 ms: grade 2 (Average QTc 481 - 500 ms)"
    assert main.main([*login(url), "conmeds", "list", "101-001", "--json"]) == 0
    [med] = json.loads(capsys.readouterr().out)["conmeds"]
    assert (med["drug"], med["dose"], med["start"], med["ongoing"]) == (
        "Itraconazole", 200, "UN-DEC-2025", True)
    assert "strong CYP3A inhibitor" in med["prohibited"]
    assert main.main([*login(url), "history", "list", "101-001", "--json"]) == 0
    [item] = json.loads(capsys.readouterr().out)["history"]
    assert (item["term"], item["grade"], item["ongoing"]) == ("Fatigue", 1, True)
    assert main.main([*login(url), "vitals", "list", "101-001"]) == 0
    out = capsys.readouterr().out
    assert "QTcF (Fridericia)" in out and "05-JAN-2026" in out and "grade 2" in out
    assert main.main([*login(url), "conmeds", "list", "101-001"]) == 0
    assert "** Prohibited by the protocol: itraconazole" in capsys.readouterr().out


def test_an_unknown_subject_is_said(tmp_path, capsys):
    url = _filled(tmp_path)
    assert main.main([*login(url), "vitals", "list", "999-999", "--json"]) == 2
    assert "no patient with subject ID 999-999" in capsys.readouterr().err
