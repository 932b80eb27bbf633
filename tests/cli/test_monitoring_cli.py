"""The monitor's commands on a small demo: `sdv mark|list|plan`, `audit review`, `audit
reviewed` and `monitor-report` (a signed PDF with the counts)."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime

import pytest
from pypdf import PdfReader

import main
from app.services import accounts as acc
from app.services.database import open_site_database
from app.services.studies import protocol_of_patient
from app.services.visits import VisitEntry, record_visit
from db.models import VisitRecord
from tests.conftest import SITE_ZONE, TEST_PASSWORD, login

TODAY = date(2026, 12, 6)
WIDE = ["--from", "01-JAN-2026", "--to", "31-DEC-2199"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main.main(["--db", f"sqlite:///{path}", "demo", "--patients", "6",
                      "--second-study", "0", "--today", TODAY.isoformat()]) == 0
    return path


@pytest.fixture
def url(demo, tmp_path):
    return f"sqlite:///{shutil.copy(demo, tmp_path / 'demo.sqlite')}"


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def _nurse_edits(url: str, subject: str, code: str, comment: str = "vitals repeated") -> None:
    login(url, "nurse")
    db = open_site_database(url)
    try:
        acc.sign_in(db, "t.nurse", TEST_PASSWORD, datetime(2026, 12, 6, 10, tzinfo=SITE_ZONE))
        with db.reading() as s:
            from sqlalchemy import select

            from db.models import Patient

            v = s.scalars(select(VisitRecord).join(Patient).where(
                Patient.subject_id == subject, VisitRecord.code == code)).one()
            pid, when, at = v.patient_id, v.actual_date, v.actual_time
        record_visit(db, protocol_of_patient(db, pid), pid, code,
                     VisitEntry(outcome="done", actual_date=when, actual_time=at,
                                comment=comment), TODAY, reason="typing error")
    finally:
        db.close()


def test_verify_a_visit_then_the_nurse_edits_it(url, capsys):
    monitor = login(url, "monitor")
    assert main.main([*monitor, "sdv", "list", "--json"]) == 0
    targets = _json(capsys)["targets"]
    assert targets and {t["state"] for t in targets} == {"not-verified"}
    visit = next(t for t in targets if t["kind"] == "visit" and t["date"])
    assert main.main([*monitor, "sdv", "mark", visit["subject"], visit["target"]]) == 0
    assert capsys.readouterr().out == f"sdv: {visit['subject']} {visit['target']}: verified\n"
    # a nurse may not verify: one line, exit 2, nothing saved
    assert main.main([*login(url, "nurse"), "sdv", "mark", visit["subject"], "SCR"]) == 2
    assert "cannot verify source data" in capsys.readouterr().err
    _nurse_edits(url, visit["subject"], visit["target"])
    assert main.main([*monitor, "sdv", "list", "--state", "changed-since", "--json"]) == 0
    changed = _json(capsys)["targets"]
    assert [(t["subject"], t["target"]) for t in changed] == [(visit["subject"],
                                                              visit["target"])]
    assert changed[0]["changes"] == [{"field": "comment", "old": None,
                                      "new": "vitals repeated"}]
    assert main.main([*monitor, "sdv", "list"]) == 0
    assert "changed-since (Comment: (blank) -> vitals repeated)" in capsys.readouterr().out


def test_bad_targets_and_fields(url, capsys):
    monitor = login(url, "monitor")
    assert main.main([*monitor, "sdv", "mark", "101-999", "C1D1"]) == 2
    assert "no patient 101-999" in capsys.readouterr().err
    assert main.main([*monitor, "sdv", "list", "--json"]) == 0
    visit = next(t for t in _json(capsys)["targets"] if t["kind"] == "visit")
    assert main.main([*monitor, "sdv", "mark", visit["subject"], "LAB:1"]) == 2
    assert "is not a visit (C1D1), AE:ID, SCAN:ID or PK:VISIT" in capsys.readouterr().err
    assert main.main([*monitor, "sdv", "mark", visit["subject"], visit["target"],
                      "--fields", "actual_date,colour"]) == 2
    assert "colour is not a field of" in capsys.readouterr().err
    assert main.main([*monitor, "sdv", "mark", visit["subject"], visit["target"],
                      "--fields", "actual_date"]) == 0
    assert capsys.readouterr().out.endswith(": partly-verified\n")


def test_the_plan(url, capsys):
    assert main.main([*login(url, "monitor"), "sdv", "plan", "IMP7068-101"]) == 0
    assert capsys.readouterr().out == ("IMP7068-101: 100 % of screening and cycles 1 to 1, "
                                       "20 % of the rest, every SAE\n")
    assert main.main([*login(url, "admin"), "sdv", "plan", "IMP7068-101", "--share", "30",
                      "--reason", "sponsor's plan v2"]) == 0
    assert "30 % of the rest" in capsys.readouterr().out
    assert main.main([*login(url, "admin"), "sdv", "plan", "IMP7068-101", "--share",
                      "130"]) == 2
    assert "0 to 100 %" in capsys.readouterr().err


def test_audit_review_lists_a_late_entry_and_a_correction(url, capsys):
    monitor = login(url, "monitor")
    assert main.main([*monitor, "sdv", "list", "--json"]) == 0
    visit = next(t for t in _json(capsys)["targets"] if t["kind"] == "visit" and t["date"])
    _nurse_edits(url, visit["subject"], visit["target"])
    _nurse_edits(url, visit["subject"], visit["target"], "vitals repeated twice")
    assert main.main([*monitor, "audit", "review", *WIDE, "--study", "IMP7068-101",
                      "--json"]) == 0
    lines = _json(capsys)["lines"]
    findings = {line["finding"] for line in lines}
    assert {"late entry", "correction without a query"} <= findings
    correction = next(line for line in lines if line["finding"] == "correction without a query"
                      and line["subject"] == visit["subject"] and line["who"] == "t.nurse")
    assert correction["detail"] == "Comment: vitals repeated -> vitals repeated twice"
    assert correction["reason"] == "typing error"
    assert main.main([*monitor, "audit", "reviewed", correction["key"], "--comment",
                      "checked against the source"]) == 0
    assert capsys.readouterr().out == "audit review: 1 line marked reviewed\n"
    assert main.main([*monitor, "audit", "review", *WIDE]) == 0
    assert "[reviewed by t.monitor: checked against the source]" in capsys.readouterr().out
    assert main.main([*login(url, "nurse"), "audit", "review", *WIDE]) == 2
    assert "cannot read the audit trail" in capsys.readouterr().err
    assert main.main([*monitor, "audit", "review", "--from", "02-JAN-2026", "--to",
                      "01-JAN-2026"]) == 2
    assert "--to: the period ends before it starts" in capsys.readouterr().err


def test_the_monitoring_report_is_a_signed_pdf_with_the_counts(url, tmp_path, capsys):
    monitor = login(url, "monitor")
    assert main.main([*monitor, "sdv", "list", "--json"]) == 0
    visits = [t for t in _json(capsys)["targets"] if t["kind"] == "visit" and t["date"]]
    for t in visits[:3]:
        assert main.main([*monitor, "sdv", "mark", t["subject"], t["target"]]) == 0
    for t in visits[:2]:
        assert main.main([*monitor, "queries", "open", t["subject"], "--on", t["target"],
                          "--text", "The source says otherwise"]) == 0
    capsys.readouterr()
    out = tmp_path / "visit-report.pdf"
    assert main.main([*monitor, "monitor-report", "--study", "IMP7068-101", *WIDE,
                      "-o", str(out)]) == 0
    assert capsys.readouterr().out == (f"monitor-report: {out} written, signed by "
                                       "Test Monitor\n")
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Monitoring visit report" in text and "Study IMP7068-101" in text
    lines = text.splitlines()
    counts = lines[lines.index("Visit") + 1:lines.index("Visit") + 6]
    assert counts[:3] == ["3", "3", "0"]  # verified in the period, in all, changed since
    queries = lines[lines.index("Oldest open") + 1:lines.index("Oldest open") + 5]
    assert queries == ["2", "0", "0", "2"]  # opened, answered, closed, open now
    assert "E-signed: reviewed by Test Monitor (t.monitor)" in text
    assert "Report SHA-256:" in text
    # a nurse cannot sign one
    assert main.main([*login(url, "nurse"), "monitor-report", "--study", "IMP7068-101",
                      *WIDE, "-o", str(tmp_path / "n.pdf")]) == 2
    assert not (tmp_path / "n.pdf").exists()
