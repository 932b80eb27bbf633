"""init, users, password and --user on the command line: passwords from standard input
only, one line and exit 2 for every refusal."""

from __future__ import annotations

import io
import sys

import pytest

import main

ADMIN_PW = "admin's own words"


def feed(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{x}\n" for x in lines)))


def test_init_users_and_sign_in(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    feed(monkeypatch, ADMIN_PW)
    assert main.main(["--db", url, "init", "--admin", "rita", "--name", "Rita Admin",
                      "--password-stdin"]) == 0
    assert "first administrator, rita" in capsys.readouterr().out
    feed(monkeypatch, ADMIN_PW)
    assert main.main(["--db", url, "init", "--admin", "again", "--password-stdin"]) == 2
    assert "already has accounts" in capsys.readouterr().err

    # a patient-data command without --user: exit 2, saying so
    assert main.main(["--db", url, "upcoming"]) == 2
    assert "sign in with --user NAME" in capsys.readouterr().err

    feed(monkeypatch, ADMIN_PW, "first words 2026")
    assert main.main(["--db", url, "--user", "rita", "--password-stdin", "users", "add",
                      "nina", "--role", "nurse", "--name", "Nina Nurse"]) == 0
    feed(monkeypatch, "first words 2026")
    assert main.main(["--db", url, "--user", "nina", "--password-stdin", "upcoming"]) == 2
    assert "your password was reset" in capsys.readouterr().err
    feed(monkeypatch, "first words 2026", "a quiet spring 77")
    assert main.main(["--db", url, "--user", "nina", "--password-stdin", "password"]) == 0
    feed(monkeypatch, "a quiet spring 77")
    assert main.main(["--db", url, "--user", "nina", "--password-stdin", "upcoming"]) == 0

    # a nurse manages no accounts; a wrong password is one line
    feed(monkeypatch, "a quiet spring 77", "x")
    assert main.main(["--db", url, "--user", "nina", "--password-stdin", "users", "list"]) == 2
    assert "cannot manage accounts" in capsys.readouterr().err
    feed(monkeypatch, "wrong")
    assert main.main(["--db", url, "--user", "nina", "--password-stdin", "upcoming"]) == 2
    err = capsys.readouterr().err
    assert err == "sitetrack: Wrong account name or password\n"

    feed(monkeypatch, ADMIN_PW)
    assert main.main(["--db", url, "--user", "rita", "--password-stdin", "users",
                      "deactivate", "nina", "--reason", "left"]) == 0
    feed(monkeypatch, ADMIN_PW)
    assert main.main(["--db", url, "--user", "rita", "--password-stdin", "users", "list"]) == 0
    out = capsys.readouterr().out
    assert "nina" in out and "deactivated" in out
    feed(monkeypatch, "a quiet spring 77")
    assert main.main(["--db", url, "--user", "nina", "--password-stdin", "upcoming"]) == 2
    assert "deactivated" in capsys.readouterr().err


def test_a_database_without_accounts_asks_for_init(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    assert main.main(["--db", url, "--user", "x", "upcoming"]) == 2
    assert "no accounts yet" in capsys.readouterr().err


def test_the_demo_has_one_account_per_role(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    assert main.main(["--db", url, "demo", "--patients", "3"]) == 0
    assert "password 'demo'" in capsys.readouterr().out
    for user in ("nurse", "investigator", "monitor"):
        feed(monkeypatch, "demo")
        assert main.main(["--db", url, "--user", user, "--password-stdin", "upcoming"]) == 0
    feed(monkeypatch, "demo")
    assert main.main(["--db", url, "--user", "admin", "--password-stdin", "upcoming"]) == 2
    assert "cannot read patient data" in capsys.readouterr().err


def test_commands_without_patient_data_need_no_sign_in(capsys):
    assert main.main(["pk-times", "--visit", "LI", "--dose-time", "2026-01-05 08:00",
                      "--time-zone", "UTC"]) == 0
    assert main.main(["schedule", "--first-dose", "2026-01-05", "--today", "2026-01-05"]) == 0


@pytest.mark.slow  # demo sites built and their keys moved
def test_audit_key_export_and_import(tmp_path, monkeypatch, capsys):
    """A shared database's key goes to another workstation as a file (administrators)."""
    from db import audit, keys

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    assert main.main(["--db", url, "demo", "--patients", "2"]) == 0
    exported = tmp_path / "key.json"
    feed(monkeypatch, "demo")
    assert main.main(["--db", url, "--user", "admin", "--password-stdin", "audit", "key",
                      "export", str(exported)]) == 0
    assert oct(exported.stat().st_mode & 0o777) == "0o600"
    feed(monkeypatch, "demo")
    assert main.main(["--db", url, "--user", "nurse", "--password-stdin", "audit", "key",
                      "export", str(tmp_path / "k2.json")]) == 2  # not a nurse's to take
    # "another workstation": the key is gone until imported
    monkeypatch.setattr(keys, "_key_file", lambda database_id: tmp_path / "elsewhere" /
                        f"{database_id}.key")
    audit._KEYS.clear()
    feed(monkeypatch, "demo")
    assert main.main(["--db", url, "--user", "monitor", "--password-stdin", "audit",
                      "verify"]) == 2
    assert "audit key of this database is not on this computer" in capsys.readouterr().err
    assert main.main(["--db", url, "audit", "key", "import", str(exported)]) == 0
    feed(monkeypatch, "demo")
    assert main.main(["--db", url, "--user", "monitor", "--password-stdin", "audit",
                      "verify"]) == 0
    other = tmp_path / "other.json"
    other.write_text('{"database_id": "0000", "key": "00"}')
    assert main.main(["--db", url, "audit", "key", "import", str(other)]) == 2
    assert "key of another database" in capsys.readouterr().err
    audit._KEYS.clear()


def test_a_password_hash_written_by_sql_is_named_and_refused(db_url, monkeypatch, capsys):
    """The attack of issue 30 on both backends: a new hash written into the victim's row is
    named by `audit verify` and the victim's account does not sign in with it."""
    from sqlalchemy import create_engine, text

    from tests.conftest import light_hash, login

    monitor = login(db_url, "monitor")
    login(db_url, "nurse")
    engine = create_engine(db_url)
    with engine.begin() as conn:
        victim = conn.execute(text("SELECT id FROM user_account WHERE name = 't.nurse'")).scalar()
        conn.execute(text("UPDATE user_account SET password_hash = :h WHERE name = 't.nurse'"),
                     {"h": light_hash("taken over 2026")})
    engine.dispose()
    assert main.main([*monitor, "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"user_account record {victim}: password_hash is " in err
    feed(monkeypatch, "taken over 2026")
    assert main.main(["--db", db_url, "--user", "t.nurse", "--password-stdin", "upcoming"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sitetrack: This account was changed outside Site Tracker")
    assert "Traceback" not in err and err.count("\n") == 1
