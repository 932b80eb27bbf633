"""A corpus of damaged and foreign files: each refused with its own message, bytes kept.

And the files that only look damaged (a crash or a full disk during a checkpoint, a hot
journal) open with every committed row, because SQLite recovers them first.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import DatabaseRefused, open_database
from db.models import SiteSetting
from db.sqlite_file import APPLICATION_ID


def _site_file(folder: Path, rows: int = 400, *, wal: bool = False) -> Path:
    """A healthy Site Tracker file; journal_mode DELETE unless `wal`."""
    path = folder / "site.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.unit_of_work(actor="tester") as s:
        for i in range(rows):
            s.add(SiteSetting(key=f"k{i}", value="x" * 200))
    db.close()
    if not wal:
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()
    return path


def _sqlite_of_another_app(folder: Path, app_id: int = 0) -> Path:
    path = folder / "other.sqlite"
    con = sqlite3.connect(path)
    if app_id:
        con.execute(f"PRAGMA application_id = {app_id}")
    con.execute("CREATE TABLE t(x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    return path


def _write(folder: Path, data: bytes, name: str = "site.sqlite") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _edit(path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = bytearray(path.read_bytes())
    edit(data)
    path.write_bytes(bytes(data))
    return path


def _scribble_pages(data: bytearray) -> None:
    page = int.from_bytes(data[16:18], "big")
    for p in range(2, len(data) // page):
        data[p * page: p * page + 8] = b"\xff" * 8


def _newer(folder: Path) -> Path:
    path = _site_file(folder, 5)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    return path


def _no_version_row(folder: Path) -> Path:
    path = _site_file(folder, 5)
    con = sqlite3.connect(path)
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    return path


def _foreign_with_hot_journal(folder: Path) -> Path:
    path = _sqlite_of_another_app(folder)
    (folder / "other.sqlite-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\0" * 504)
    return path


def _empty_with_wal(folder: Path) -> Path:
    path = _write(folder, b"")
    (folder / "site.sqlite-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\1" * 60)
    return path


CORPUS = {
    "empty": (lambda d: _write(d, b""), r"is empty \(0 bytes\)"),
    "empty beside a wal": (_empty_with_wal, "empty but SQLite's -wal file beside it holds data"),
    "text": (lambda d: _write(d, b"shopping list\nmilk\n"), "is a text file"),
    "random bytes": (lambda d: _write(d, bytes(range(256)) * 16), "not an SQLite file"),
    "pdf": (lambda d: _write(d, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 200), "a PDF document"),
    "xlsx": (lambda d: _write(d, b"PK\x03\x04" + b"\0" * 300), "a ZIP archive"),
    "old office": (lambda d: _write(d, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 300),
                   "an old Microsoft Office file"),
    "access": (lambda d: _write(d, b"\x00\x01\x00\x00Standard Jet DB\0" + b"\0" * 300),
               "a Microsoft Access database"),
    "gzip": (lambda d: _write(d, b"\x1f\x8b\x08\x00" + bytes(range(200))), "a gzip archive"),
    "json": (lambda d: _write(d, b'{"patients": []}'), "a JSON text file"),
    "header cut short": (lambda d: _write(d, b"SQLite format 3\x00" + b"\x10\x00" * 10),
                         "cut short inside its header"),
    "magic bit-flipped": (lambda d: _edit(_site_file(d, 5), lambda b: b.__setitem__(14, 0x34)),
                          "damaged SQLite header"),
    "another app's sqlite": (_sqlite_of_another_app, "carries no Site Tracker mark"),
    "another app's id": (lambda d: _sqlite_of_another_app(d, 0x0F055112),
                         "application id 0x0f055112"),
    "another app with a hot journal": (_foreign_with_hot_journal, "no Site Tracker mark"),
    "newer schema": (_newer, r"newer version of Site Tracker \(schema 9999_future\)"),
    "schema version removed": (_no_version_row, "no schema version"),
    "truncated": (lambda d: _edit(_site_file(d), lambda b: b.__delitem__(slice(len(b) // 2,
                                                                              None))),
                  "is truncated .* no -wal or journal file beside it"),
    "b-tree pages bit-flipped": (lambda d: _edit(_site_file(d), _scribble_pages),
                                 "is damaged: SQLite( says|'s check found)"),
    "impossible page size": (lambda d: _edit(_site_file(d, 5),
                                             lambda b: b.__setitem__(slice(16, 18), b"\x03\x00")),
                             "page size 768 is impossible"),
    "schema page overwritten": (
        lambda d: _edit(_site_file(d, 5), lambda b: b.__setitem__(slice(100, 400),
                                                                   b"\xa5" * 300)),
        "is damaged"),
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("case", list(CORPUS))
def test_each_damaged_or_foreign_file_gets_its_own_message_and_keeps_its_bytes(tmp_path, case):
    make, message = CORPUS[case]
    path = make(tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(DatabaseRefused, match=message) as info:
        open_database(f"sqlite:///{path}")
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    assert _snapshot(tmp_path) == before


def test_the_corpus_is_big_and_its_messages_differ():
    assert len(CORPUS) >= 20
    assert len({m for _, m in CORPUS.values()}) >= 19


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseRefused, match="is a folder"):
        open_database(f"sqlite:///{tmp_path}")


def test_no_advice_to_restore_while_a_wal_could_hold_data(tmp_path):
    """The truncated-looking file of a crash during a checkpoint: opened, nothing lost."""
    path = _site_file(tmp_path, rows=0, wal=True)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("BEGIN")
    writer.executemany("INSERT INTO site_setting(key, value) VALUES (?, ?)",
                       [(f"w{i}", "y" * 500) for i in range(2000)])
    writer.execute("COMMIT")
    # as a kill while checkpointing leaves it: the WAL whole, page 1 (with the new page
    # count) already copied into the main file, the rest of the file not yet grown
    crash = tmp_path / "crash"
    crash.mkdir()
    wal = (tmp_path / "site.sqlite-wal").read_bytes()
    main_file = bytearray(path.read_bytes())   # the writer stays open: closing checkpoints
    page_size = int.from_bytes(wal[8:12], "big")
    frame = 24 + page_size
    page1 = None
    for off in range(32, len(wal) - frame + 1, frame):
        if int.from_bytes(wal[off:off + 4], "big") == 1:
            page1 = wal[off + 24: off + frame]
    assert page1 is not None
    main_file[:page_size] = page1
    (crash / "site.sqlite").write_bytes(bytes(main_file))
    (crash / "site.sqlite-wal").write_bytes(wal)
    writer.close()
    header_pages = int.from_bytes(page1[28:32], "big")
    assert len(main_file) < header_pages * page_size     # it does look truncated

    db = open_database(f"sqlite:///{crash / 'site.sqlite'}")
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SiteSetting)) == 2000
    db.close()


HOT_JOURNAL_WRITER = textwrap.dedent("""
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("PRAGMA cache_size = 2")          # spill changed pages into the file early
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE site_setting SET value = 'half-written'")
    con.execute("INSERT INTO site_setting(key, value) SELECT key || '-new', value FROM site_setting")
    print("written", flush=True)
    time.sleep(60)
""")


def test_a_hot_journal_is_rolled_back_by_sqlite_and_the_file_opens(tmp_path):
    path = _site_file(tmp_path, rows=400)
    child = subprocess.Popen([sys.executable, "-c", HOT_JOURNAL_WRITER, str(path)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "written"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert (tmp_path / "site.sqlite-journal").stat().st_size > 0   # a hot journal
    db = open_database(f"sqlite:///{path}")
    with db.reading() as s:
        values = set(s.scalars(select(SiteSetting.value)))
        assert s.scalar(select(func.count()).select_from(SiteSetting)) == 400
    assert values == {"x" * 200}                                   # rolled back whole
    db.close()


def test_a_read_only_file_is_refused_with_that_reason(tmp_path, monkeypatch):
    path = _site_file(tmp_path, 5)
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK and
                        Path(p) == path else real_access(p, mode))
    with pytest.raises(DatabaseRefused, match="is read-only") as info:
        open_database(f"sqlite:///{path}")
    assert "damaged" not in str(info.value) and "backup" not in str(info.value)
    assert path.read_bytes() == before


def test_a_read_only_folder_is_refused_with_that_reason(tmp_path, monkeypatch):
    path = _site_file(tmp_path, 5)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK and
                        Path(p) == tmp_path else real_access(p, mode))
    with pytest.raises(DatabaseRefused, match="read-only folder"):
        open_database(f"sqlite:///{path}")


def test_new_files_are_ours_whole_or_absent(tmp_path, monkeypatch):
    """Creation happens beside, then one rename: a failure leaves no file at the path."""
    import db.migrate as migrate

    path = tmp_path / "data" / "site.sqlite"

    def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrate, "upgrade", boom)
    with pytest.raises(DatabaseRefused, match=r"cannot create .* nothing was written"):
        open_database(f"sqlite:///{path}")
    assert not path.exists()
    assert [p.name for p in path.parent.iterdir()] == []          # no half-made leftovers
    monkeypatch.undo()
    open_database(f"sqlite:///{path}").close()
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_folder_backups_and_logs_are_private(tmp_path, monkeypatch):
    from app.infra.logs import record_failure
    from app.services.database import backup_now, daily_backup

    path = tmp_path / "new" / "site.sqlite"
    db = open_database(f"sqlite:///{path}")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    report = backup_now(db, tmp_path / "b" / "copy.sqlite")
    assert report.path.stat().st_mode & 0o777 == 0o600
    assert report.manifest.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "b").stat().st_mode & 0o777 == 0o700
    daily = daily_backup(db)
    assert daily.path.parent.stat().st_mode & 0o777 == 0o700
    assert daily.path.stat().st_mode & 0o777 == 0o600
    db.close()
    log = tmp_path / "logs" / "sitetrack.log"
    monkeypatch.setattr("app.infra.logs.log_path", lambda: log)
    initials = "".join(["J", "Q", "D"])   # not in this source line, which the log quotes
    try:
        raise RuntimeError(f"insert failed\nDETAIL:  Key (initials)=({initials}) exists.")
    except RuntimeError as exc:
        record_failure(exc)
    assert log.stat().st_mode & 0o777 == 0o600 and log.parent.stat().st_mode & 0o777 == 0o700
    assert "JQD" not in log.read_text() and "values withheld" in log.read_text()


def test_sql_parameters_never_reach_messages(tmp_path):
    from sqlalchemy import text
    from sqlalchemy.exc import StatementError

    db = open_database(f"sqlite:///{tmp_path / 'site.sqlite'}")
    with pytest.raises(StatementError) as info, db.engine.begin() as conn:
        conn.execute(text("INSERT INTO patient(subject_id) VALUES (:s)"), {"s": "SECRET-42"})
    assert "SECRET-42" not in str(info.value)
    db.close()


def test_leftovers_of_a_killed_creation_are_tidied_at_the_next_open(tmp_path):
    path = _site_file(tmp_path, 1, wal=True)
    dead = 4_000_000  # above any pid this machine hands out
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f".site.sqlite.creating-{dead}{suffix}").write_bytes(b"half")
    open_database(f"sqlite:///{path}").close()
    assert [p.name for p in tmp_path.iterdir() if ".creating-" in p.name] == []
