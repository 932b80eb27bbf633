"""`sitetrack escalation`: the dose-escalation summary in words, as JSON and as a file."""

from __future__ import annotations

import json
from datetime import date

import main
from app.rules.protocol import default_protocol
from app.services.database import open_site_database
from app.services.escalation import open_slots, record_decision
from app.services.patients import EnrolmentForm, enrol
from app.services.studies import DEFAULT_STUDY
from app.services.visits import VisitEntry, record_visit
from tests.conftest import login

TODAY = date(2026, 3, 2)
FD = date(2026, 1, 5)


def _site(tmp_path):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    db = open_site_database(url)
    db.actor = "tester"  # someone signed in
    p = default_protocol()
    open_slots(db, DEFAULT_STUDY, "DL1", 3, date(2025, 11, 1), "sponsor letter 1", TODAY)
    for n in (1, 2):
        pid = enrol(db, p, EnrolmentForm(
            subject_id=f"101-00{n}", initials="ABC", year_of_birth=1960, sex="F", part=1,
            dose_level="DL1", consent_date=date(2025, 12, 1), planned_first_dose=FD), TODAY)
        if n == 1:
            record_visit(db, p, pid, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
    record_decision(db, DEFAULT_STUDY, TODAY, "escalate", "DL2", "SMC minutes 1", None, TODAY)
    db.close()
    return url


def test_escalation_prints_each_level_its_patients_and_the_decisions(tmp_path, capsys):
    url = _site(tmp_path)
    assert main.main([*login(url), "escalation", "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "IMP7068-101: 3+3 dose escalation" in out
    assert "DL1 · 50 mg" in out and "3 opened, 1 open" in out
    assert "101-002    not yet known: not dosed yet" in out
    assert "02-MAR-2026  escalate at DL2 (SMC minutes 1)" in out


def test_escalation_json_and_file(tmp_path, capsys):
    url = _site(tmp_path)
    assert main.main([*login(url), "escalation", "--json", "--today", TODAY.isoformat()]) == 0
    out = json.loads(capsys.readouterr().out)
    level = out["dose_levels"][0]
    assert (level["dose_level"], level["enrolled"], level["slots_open"]) == ("DL1", 2, 1)
    assert out["decisions"][0]["decision"] == "escalate"
    target = tmp_path / "summary.csv"
    assert main.main([*login(url), "escalation", "--csv", str(target)]) == 0
    text = target.read_text(encoding="utf-8-sig")
    assert "Dose level,Enrolled,DLT-evaluable,With a DLT,Slots opened" in text
    review = (tmp_path / "summary-dlt-review.csv").read_text(encoding="utf-8-sig")
    assert "Subject,Dose level,DLT period ends,Evaluable (derived)" in review
    assert "101-001" in review and "101-002" in review
    from openpyxl import load_workbook

    book = tmp_path / "escalation.xlsx"
    assert main.main([*login(url), "escalation", "--csv", str(book)]) == 0
    assert load_workbook(book).sheetnames == ["Dose levels", "DLT review"]
    assert main.main([*login(url), "escalation", "--csv", "/proc/nowhere/x.csv"]) == 2
