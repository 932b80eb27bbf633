"""Start-up's early check of the database file: started from the raw arguments, before the
commands' modules are imported, only when they open the window on an SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

import db.sqlite_file as sqlite_file
from app.infra.startup import precheck_for_window


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    monkeypatch.setattr(sqlite_file, "start_precheck", seen.append)
    monkeypatch.setenv("SITETRACK_DB", "sqlite:////data/site.sqlite")
    return seen


@pytest.mark.parametrize(("argv", "expected"), [
    ([], "/data/site.sqlite"),  # the window on the default database
    (["--db", "sqlite:////tmp/a.sqlite", "--user", "nurse", "--password-stdin"],
     "/tmp/a.sqlite"),
    (["--db=sqlite:////tmp/b.sqlite"], "/tmp/b.sqlite"),
    (["--user", "worklist"], "/data/site.sqlite"),  # an account named like a command
])
def test_the_window_s_file_is_checked_from_the_start(started: list[Path], argv: list[str],
                                                       expected: str) -> None:
    precheck_for_window(argv)
    assert started == [Path(expected)]


@pytest.mark.parametrize("argv", [
    ["--demo"],  # the demo is made or opened by its own path
    ["--self-test"],
    ["--help"],
    ["--version"],
    ["--db", "sqlite:////tmp/a.sqlite", "worklist"],  # a command checks when it opens
    ["schedule", "--first-dose", "05-JAN-2026"],
    ["--db", "postgresql+psycopg://site@server/sitetrack"],  # no file to read
])
def test_nothing_is_started_for_commands_and_servers(started: list[Path],
                                                     argv: list[str]) -> None:
    precheck_for_window(argv)
    assert started == []


def test_a_file_checked_early_is_checked_once_and_its_result_used(tmp_path: Path) -> None:
    from app.services.database import open_site_database

    path = tmp_path / "site.sqlite"
    open_site_database(f"sqlite:///{path}").close()
    sqlite_file.start_precheck(path)
    key = str(path.resolve())
    thread = sqlite_file._prechecks[key][1]
    sqlite_file.start_precheck(path)  # cmd_gui asks again: the running check is kept
    assert sqlite_file._prechecks[key][1] is thread
    revision = sqlite_file.inspect_existing(path, lambda _rev: True)
    assert revision and key not in sqlite_file._prechecks


def test_a_damaged_file_found_early_is_refused_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "site.sqlite"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 200)
    sqlite_file.start_precheck(path)
    with pytest.raises(sqlite_file.DatabaseRefused, match="PDF"):
        sqlite_file.inspect_existing(path, lambda _rev: True)
