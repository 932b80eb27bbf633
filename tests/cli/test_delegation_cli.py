"""`delegation settings|add|approve|end|list|print|export|training`: the log kept from the
command line; the PI's approval reads the password again; bad input is one line, exit 2,
nothing saved."""

from __future__ import annotations

import json

from pypdf import PdfReader

import main
from tests.conftest import login

STUDY = "IMP7068-101"


def test_the_log_from_the_command_line(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    admin, nurse, pi = login(url, "admin"), login(url, "nurse"), login(url, "investigator")
    assert main.main([*admin, "site", "--number", "101", "--name", "Test site"]) == 0
    assert main.main([*admin, "delegation", "settings", "--study", STUDY, "--pi",
                      "t.investigator", "--enforce", "on"]) == 0
    assert main.main([*admin, "delegation", "add", "t.nurse", "--study", STUDY, "--tasks",
                      "ae_assessment,data_entry", "--from", "2026-01-01"]) == 0
    assert "2 task(s) delegated to t.nurse" in capsys.readouterr().out

    # bad input: one line, exit 2, nothing saved
    assert main.main([*admin, "delegation", "add", "t.nurse", "--study", STUDY, "--tasks",
                      "cooking", "--from", "2026-01-01"]) == 2
    assert "The study has no task 'cooking'" in capsys.readouterr().err
    assert main.main([*admin, "delegation", "add", "t.nurse", "--study", STUDY, "--tasks",
                      "consent", "--from", "2026-03-01", "--to", "2026-02-01"]) == 2
    assert "The end (01-FEB-2026) is before the start (01-MAR-2026)" in capsys.readouterr().err
    assert main.main([*nurse, "delegation", "approve", "t.nurse", "--study", STUDY]) == 2
    assert "Only the principal investigator of IMP7068-101 (t.investigator)" in \
        capsys.readouterr().err

    assert main.main([*pi, "delegation", "approve", "t.nurse", "--study", STUDY]) == 0
    assert "2 task(s) of t.nurse on IMP7068-101 approved (signed)" in capsys.readouterr().out
    assert main.main([*admin, "delegation", "end", "t.nurse", "--study", STUDY, "--tasks",
                      "data_entry", "--on", "2026-02-28", "--reason", "left the unit"]) == 0
    capsys.readouterr()
    assert main.main([*admin, "delegation", "list", "--study", STUDY, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["account"], r["task"], r["from"], r["to"], r["approved_name"]) for r in rows] \
        == [("t.nurse", "ae_assessment", "2026-01-01", None, "Test Investigator"),
            ("t.nurse", "data_entry", "2026-01-01", "2026-02-28", "Test Investigator")]

    assert main.main([*admin, "delegation", "training", "t.nurse", "--kind", "gcp",
                      "--completed", "2025-05-01", "--expires", "2027-05-01"]) == 0
    pdf = tmp_path / "log.pdf"
    assert main.main([*admin, "delegation", "print", "--study", STUDY, "--out", str(pdf)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for expected in ("Delegation of authority log: IMP7068-101", "Test Nurse", "AE assessment",
                     "Data entry", "01-JAN-2026", "28-FEB-2026", "ongoing",
                     "Principal investigator: Test Investigator", "Test Investigator, "):
        assert expected in text
    out = tmp_path / "log.csv"
    assert main.main([*admin, "delegation", "export", "--out", str(out)]) == 0
    csv_text = out.read_text(encoding="utf-8")
    assert "Test Nurse" in csv_text and "Data entry" in csv_text
