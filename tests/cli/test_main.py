"""The command line: one clear line and exit 2 on bad input, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env=env)


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as info:
        main.main(["--version"])
    assert info.value.code == 0
    assert "Site Tracker" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main.main(["--help"])
    assert info.value.code == 0
    assert "--db" in capsys.readouterr().out


def test_unknown_command_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        main.main(["frobnicate"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice" in err


def test_audit_verify_intact_then_broken(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    assert main.main([*login(url, "monitor"), "audit", "verify"]) == 0
    assert "intact: " in capsys.readouterr().out  # the account made, its sign-in

    from datetime import date

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.patients import EnrolmentForm, enrol

    db = open_site_database(url)
    db.actor = "tester"  # someone signed in
    enrol(db, default_protocol(), EnrolmentForm(
        subject_id="101-001", initials="AB", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2026, 1, 1)), date(2026, 11, 25))
    db.close()
    assert main.main([*login(url, "monitor"), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "intact" in out

    con = sqlite3.connect(tmp_path / "site.sqlite")
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET new_value = 'XXX' WHERE seq = 5")
    con.commit()
    con.close()
    assert main.main([*login(url, "monitor"), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "entry 5" in err and err.count("\n") == 1


def test_foreign_file_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database")
    proc = run("--db", f"sqlite:///{path}", "audit", "verify")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "not a Site Tracker database" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert path.read_text() == "not a database"


def test_unreachable_server_is_one_line_and_exit_2():
    proc = run("--db", "postgresql://nobody@127.0.0.1:1/site", "audit", "verify")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "cannot open" in proc.stderr


def test_an_unforeseen_error_is_one_line_with_the_details_in_the_log(monkeypatch, capsys,
                                                                     tmp_path):
    monkeypatch.setattr("app.infra.logs.log_path", lambda: tmp_path / "sitetrack.log")

    def boom(_args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("cli.database.cmd_audit_verify", boom)
    assert main.main(["audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk on fire" in err and "sitetrack.log" in err
    assert "Traceback" in (tmp_path / "sitetrack.log").read_text()


def test_dates_on_the_command_line_as_on_screen(capsys):
    """--today and the other dates take DD-MMM-YYYY as well as YYYY-MM-DD."""
    import main as entry

    assert entry.main(["schedule", "--first-dose", "05-JAN-2026", "--today", "2026-03-02",
                       "--json"]) == 0
    assert '"C1D1"' in capsys.readouterr().out
    assert entry.main(["schedule", "--first-dose", "31-FEB-2026"]) == 2
    assert "--first-dose: '31-FEB-2026' is not a real date: February 2026 has 28 days" in \
        capsys.readouterr().err
