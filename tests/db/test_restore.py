"""Restore checks the backup itself, whatever its manifest says: a tampered backup is refused
with or without its manifest, a checksum recomputed or not; a backup without its manifest
needs an explicit --without-manifest and is restored with a warning."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

import main
from app.rules.protocol import default_protocol
from app.services import database as site
from app.services.demo import seed_demo
from db import DatabaseRefused

TODAY = date(2026, 3, 2)


@pytest.fixture
def backup(tmp_path) -> Path:
    db = site.open_site_database(f"sqlite:///{tmp_path / 'site.sqlite'}", today=TODAY)
    seed_demo(db, default_protocol(), TODAY, patients=3, second_study=0)
    report = site.backup_now(db, tmp_path / "b.sqlite")
    db.close()
    return report.path


def _manifest(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def _recompute_checksum(path: Path) -> None:
    manifest = _manifest(path)
    data = json.loads(manifest.read_text())
    data["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(data))


def test_an_intact_backup_restores_saying_what_was_checked(backup, tmp_path):
    report = site.restore_backup(backup, tmp_path / "r.sqlite")
    assert report.warning is None and report.patients == 3
    said = " | ".join(report.checked)
    for check in ("checksum (SHA-256) matches its manifest", "integrity check: ok",
                  f"the audit chain: {report.audit_entries} entries",
                  "the replay: every record matches", "manifest's chain head"):
        assert check in said


def test_without_its_manifest_only_when_asked_and_with_a_warning(backup, tmp_path):
    _manifest(backup).unlink()
    with pytest.raises(DatabaseRefused, match=r"no manifest .* --without-manifest"):
        site.restore_backup(backup, tmp_path / "r.sqlite")
    assert not (tmp_path / "r.sqlite").exists()
    report = site.restore_backup(backup, tmp_path / "r.sqlite", without_manifest=True)
    assert report.warning and "WITHOUT its manifest" in report.warning
    assert any("no manifest" in c for c in report.checked)
    assert any("replay" in c for c in report.checked)


@pytest.mark.parametrize("manifest", ["removed", "checksum recomputed"])
def test_a_row_changed_by_sql_is_refused_whatever_the_manifest_says(backup, tmp_path,
                                                                    manifest):
    _sql(backup, "UPDATE patient SET initials = 'ZZ' WHERE id = 1")
    if manifest == "removed":
        _manifest(backup).unlink()
    else:
        _recompute_checksum(backup)
    with pytest.raises(DatabaseRefused, match=r"do not match its audit trail .*patient"):
        site.restore_backup(backup, tmp_path / "r.sqlite", without_manifest=True)
    assert not list(tmp_path.glob("r.sqlite*")) and not list(tmp_path.glob(".r.sqlite*"))


def test_an_edited_audit_entry_is_refused_with_its_checksum_recomputed(backup, tmp_path):
    _sql(backup, "DROP TRIGGER audit_log_no_update",
         "UPDATE audit_log SET new_value = 'XX' WHERE seq = 3")
    _recompute_checksum(backup)
    with pytest.raises(DatabaseRefused, match="entry 3"):
        site.restore_backup(backup, tmp_path / "r.sqlite")


def test_a_later_file_under_an_earlier_manifest_is_refused(backup, tmp_path):
    """Checksum recomputed over a copy whose trail went on: the manifest's head is not the
    trail's last entry."""
    live = tmp_path / "site.sqlite"
    db = site.open_site_database(f"sqlite:///{live}", today=TODAY)
    db.actor = "tester"  # someone signed in
    site.set_idle_lock_minutes(db, 20, "longer")
    later = site.backup_now(db, tmp_path / "later.sqlite")
    db.close()
    shutil.copyfile(later.path, backup)
    _recompute_checksum(backup)
    with pytest.raises(DatabaseRefused, match="its manifest records the audit trail at entry"):
        site.restore_backup(backup, tmp_path / "r.sqlite")


def test_the_command_line_asks_for_without_manifest_and_warns(backup, tmp_path, capsys):
    _manifest(backup).unlink()
    assert main.main(["restore", str(backup), "-o", str(tmp_path / "r.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--without-manifest" in err
    assert main.main(["restore", str(backup), "-o", str(tmp_path / "r.sqlite"),
                      "--without-manifest"]) == 0
    out, err = capsys.readouterr()
    assert "warning: restored WITHOUT its manifest" in err
    assert "checked:" in out and "the replay: every record matches" in out
    assert "no manifest: the checksum was not compared" in out
