"""Opening databases: SQLite set up for safe concurrent use, unusable files refused untouched."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import namedtuple
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db import DatabaseRefused, open_database
from db.engine import create
from db.migrate import head, upgrade
from db.models import SiteSetting
from db.sqlite_file import APPLICATION_ID, is_network_path


def test_sqlite_pragmas(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID


def test_second_writer_waits_instead_of_failing(sqlite_db):
    """With BEGIN IMMEDIATE a read-then-write transaction waits for the first writer.

    (A deferred BEGIN would read a snapshot, then fail at once with 'database is locked'.)
    """
    first_has_lock = threading.Event()
    errors: list[BaseException] = []

    def first_writer() -> None:
        with sqlite_db.unit_of_work() as s:
            s.add(SiteSetting(key="a", value="1"))
            s.flush()
            first_has_lock.set()
            time.sleep(0.4)

    def second_writer() -> None:
        first_has_lock.wait()
        try:
            with sqlite_db.unit_of_work() as s:
                s.scalars(select(SiteSetting)).all()
                s.add(SiteSetting(key="b", value="2"))
        except BaseException as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=first_writer), threading.Thread(target=second_writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite_db.reading() as s:
        assert sorted(s.scalars(select(SiteSetting.key))) == ["a", "b"]


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def _assert_refused_untouched(path: Path, match: str) -> None:
    before = _bytes(path)
    with pytest.raises(DatabaseRefused, match=match):
        open_database(f"sqlite:///{path}")
    assert _bytes(path) == before


def test_refuses_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list\n")
    _assert_refused_untouched(path, "not a Site Tracker database")


def test_refuses_an_empty_file(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    _assert_refused_untouched(path, "not a Site Tracker database")


def test_refuses_another_applications_sqlite_file(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t(x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    _assert_refused_untouched(path, "another application")


def _site_file(tmp_path: Path) -> Path:
    path = tmp_path / "site.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.unit_of_work(actor="tester") as s:
        for i in range(400):
            s.add(SiteSetting(key=f"k{i}", value="x" * 200))
    db.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


def test_refuses_a_truncated_file(tmp_path):
    path = _site_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _assert_refused_untouched(path, "truncated")


def test_refuses_a_damaged_file(tmp_path):
    path = _site_file(tmp_path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for p in range(2, len(data) // page):  # scribble over every b-tree page header but the first
        data[p * page : p * page + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    _assert_refused_untouched(path, "damaged")


def test_refuses_a_file_from_a_newer_app(tmp_path):
    path = _site_file(tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    _assert_refused_untouched(path, "newer version of Site Tracker")


def test_refuses_a_folder(tmp_path):
    with pytest.raises(DatabaseRefused, match="folder"):
        open_database(f"sqlite:///{tmp_path}")


Part = namedtuple("Part", "device mountpoint fstype opts")


@pytest.mark.parametrize(
    ("fstype", "opts", "network"),
    [("nfs4", "rw", True), ("cifs", "rw", True), ("fuse.sshfs", "rw", True),
     ("ext4", "rw", False), ("NTFS", "rw,remote", True), ("NTFS", "rw,fixed", False)],
)
def test_network_share_detection(fstype, opts, network):
    parts = [Part("/dev/vda", "/", "ext4", "rw"), Part("srv:/x", "/mnt/share", fstype, opts)]
    assert is_network_path(Path("/mnt/share/site/site.sqlite"), parts) is network
    assert is_network_path(Path("/home/nurse/site.sqlite"), parts) is False


def test_unc_path_is_a_network_share():
    assert is_network_path(Path("//fileserver/trials/site.sqlite"), [])


def test_refuses_a_database_on_a_network_share(tmp_path, monkeypatch):
    monkeypatch.setattr("db.sqlite_file.is_network_path", lambda _p: True)
    with pytest.raises(DatabaseRefused, match="PostgreSQL"):
        open_database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.parametrize("early", [False, True])
def test_refuses_an_existing_database_on_a_network_share(tmp_path, monkeypatch, early):
    """Checked in the start-up's early thread or when opened: refused the same, untouched."""
    from db.sqlite_file import start_precheck

    path = tmp_path / "x.sqlite"
    open_database(f"sqlite:///{path}").engine.dispose()
    before = path.read_bytes()
    monkeypatch.setattr("db.sqlite_file.is_network_path", lambda _p: True)
    if early:
        start_precheck(path)
    with pytest.raises(DatabaseRefused, match="network share"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_unreachable_server_is_refused_with_one_line():
    with pytest.raises(DatabaseRefused) as info:
        open_database("postgresql://nobody@127.0.0.1:1/nothing")
    assert "\n" not in str(info.value)
    assert "127.0.0.1" in str(info.value)


def test_unsupported_url():
    with pytest.raises(DatabaseRefused, match="not supported"):
        open_database("mysql://x@y/z")
    with pytest.raises(DatabaseRefused, match="not a database URL"):
        open_database("::::")


def test_older_sqlite_database_is_backed_up_and_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO site_setting(key, value) VALUES ('site', 'Leeds')"))
    engine.dispose()

    db = open_database(f"sqlite:///{path}")
    with db.reading() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == head()
        assert s.get(SiteSetting, "site").value == "Leeds"
    assert db.backup_path is not None and db.backup_path.exists()
    import json

    manifest = json.loads(db.backup_path.with_name(db.backup_path.name + ".manifest.json")
                          .read_text())
    assert manifest["integrity_check"] == "ok" and manifest["audit_chain"] == "intact"
    assert db.backup_path.parent.name == "old-backups"
    con = sqlite3.connect(db.backup_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
    db.close()


def test_new_database_needs_no_backup(db):
    assert db.backup_path is None
    with db.reading() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == head()


def test_reopening_at_head_changes_nothing(db_url):
    open_database(db_url).close()
    db = open_database(db_url)
    assert db.backup_path is None
    db.close()


def test_a_new_file_is_ours_even_if_the_app_is_killed(tmp_path):
    """The application_id must be in the main file at once, not waiting in the WAL."""
    path = tmp_path / "new.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.unit_of_work(actor="tester") as s:
        s.add(SiteSetting(key="site", value="x"))
    header = path.read_bytes()[:100]          # as after a crash: no checkpoint, no close
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    copy = tmp_path / "copy.sqlite"           # a copy without its -wal, as a crash could leave
    copy.write_bytes(path.read_bytes())
    db.close()
    open_database(f"sqlite:///{copy}").close()


def test_a_batch_on_one_thread_is_not_joined_by_another_threads_reads(db):
    """An import runs as a batch on a worker while the window reads on the GUI thread: the
    window sees only what is committed, and its reads never share the worker's session."""
    written, looked = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def importer() -> None:
        try:
            with db.batch(reason="imported from patients.csv"):
                with db.unit_of_work() as session:
                    session.add(SiteSetting(key="batched", value="1"))
                written.set()
                looked.wait(10)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def batched() -> list[str]:
        with db.reading() as session:
            return list(session.scalars(select(SiteSetting.value)
                                        .where(SiteSetting.key == "batched")))

    worker = threading.Thread(target=importer)
    worker.start()
    assert written.wait(10)
    assert batched() == []          # not yet committed, and not the worker's session
    looked.set()
    worker.join(10)
    assert errors == [] and batched() == ["1"]
