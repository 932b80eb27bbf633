"""`backup` and `restore` on the command line: one line each, files never overwritten."""

from __future__ import annotations

import json

import pytest

import main
from tests.conftest import login


@pytest.mark.slow  # a demo site built, backed up and restored
def test_backup_restore_and_refusals(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    assert main.main(["--db", url, "demo", "--patients", "4", "--second-study", "0"]) == 0
    capsys.readouterr()
    copy = tmp_path / "copy.sqlite"
    assert main.main([*login(url), "backup", "-o", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "4 patients and" in out and "verified" in out
    manifest = json.loads((tmp_path / "copy.sqlite.manifest.json").read_text())
    assert manifest["patients"] == 4 and manifest["audit_chain"] == "intact"
    assert manifest["audit_head"]["seq"] == manifest["audit_entries"]
    assert len(manifest["audit_head"]["hash"]) == 64
    assert main.main([*login(url), "backup", "-o", str(copy)]) == 2        # never overwritten
    assert "already exists" in capsys.readouterr().err
    assert main.main([*login(url), "backup", "--daily", "--keep", "7"]) == 2
    assert "cannot change site settings" in capsys.readouterr().err  # the number kept: admin
    assert main.main([*login(url, "admin"), "backup", "--daily", "--keep", "7"]) == 0
    assert "7 daily backups are kept" in capsys.readouterr().out
    assert list((tmp_path / "site-backups").glob("daily-*.sqlite"))
    assert main.main([*login(url), "backup"]) == 2
    assert "give -o FILE" in capsys.readouterr().err

    assert main.main(["restore", str(copy), "-o", str(tmp_path / "site.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "never over" in err and err.count("\n") == 1
    assert main.main(["restore", str(copy), "-o", str(tmp_path / "back.sqlite")]) == 0
    assert "holds 4 patients" in capsys.readouterr().out
    assert main.main([*login(f"sqlite:///{tmp_path / 'back.sqlite'}", "monitor"), "audit", "verify"]) == 0


def test_backup_on_each_backend(db, tmp_path):
    """SQLite: a verified file; PostgreSQL: the pg_dump line to run, nothing half-made."""
    from app.services import database as site

    if db.backend == "postgresql":
        try:
            site.backup_now(db, tmp_path / "x.sqlite")
        except site.DatabaseRefused as exc:
            assert "pg_dump --format=custom" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("a server database is not copied as a file")
        assert not (tmp_path / "x.sqlite").exists()
        assert site.daily_backup(db) is None
    else:
        assert site.backup_now(db, tmp_path / "x.sqlite").patients == 0
