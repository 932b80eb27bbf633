"""Two processes on one SQLite file: no header read, check or restore of this process drops
the locks SQLite holds for it (a plain open() and close() of the file would, on POSIX)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.rules.protocol import default_protocol
from app.services.database import open_site_database, restore_backup, verify_audit_trail
from app.services.dictionary import import_dictionary
from app.services.errors import InvalidEntry
from app.services.patient_import import import_patients
from app.services.studies import add_study
from db import DatabaseRefused
from db.models import SiteSetting
from db.open_files import in_use
from db.sqlite_file import inspect_existing, is_network_path, start_precheck

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the probe packs struct flock as Linux lays it out")

#: SQLite's lock bytes (os_unix.c): readers hold a read lock in the SHARED range
PENDING_BYTE = 0x40000000
SHARED_FIRST, SHARED_SIZE = PENDING_BYTE + 2, 510

OTHER_PROCESS = """
import sys
from db import open_database
from db.models import SiteSetting
db = open_database(sys.argv[1])
db.actor = "other"
with db.unit_of_work(reason="other process") as session:
    session.add(SiteSetting(key=sys.argv[2], value="B"))
db.close()
print("closed")
"""


def _other(*args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _lock_holder(path: Path) -> int:
    """From another process: the pid holding a read lock in SQLite's SHARED range (0: none)."""
    probe = (
        "import fcntl, os, struct, sys\n"
        "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
        f"req = struct.pack('hhqqi', fcntl.F_WRLCK, 0, {SHARED_FIRST}, {SHARED_SIZE}, 0)\n"
        "typ, _w, _s, _l, pid = struct.unpack('hhqqi', fcntl.fcntl(fd, fcntl.F_GETLK, req))\n"
        "print(0 if typ == fcntl.F_UNLCK else pid)\n")
    return int(_other("-c", probe, str(path)))


def _write(db, key: str) -> None:  # type: ignore[no-untyped-def]
    with db.unit_of_work(reason="this process", purpose=None) as session:
        session.add(SiteSetting(key=key, value="A"))


def test_header_reads_never_drop_this_process_s_locks(tmp_path):
    path = tmp_path / "site.sqlite"
    url = f"sqlite:///{path}"
    db = open_site_database(url)
    db.actor = "this"
    try:
        _write(db, "a1")
        assert in_use(path)
        assert _lock_holder(path) == os.getpid()  # the connection in the pool holds it

        # every path that looks at the file while this process has it open
        assert inspect_existing(path, lambda _rev: True) is not None
        start_precheck(path)
        assert inspect_existing(path, lambda _rev: True) is not None
        is_network_path(path)
        second = open_site_database(url)
        second.close()
        with pytest.raises(DatabaseRefused, match="in use"):
            restore_backup(path, tmp_path / "restored.sqlite")
        assert not (tmp_path / "restored.sqlite").exists()
        # the live file chosen by mistake as a file to import: refused, never opened
        for read in (lambda: import_dictionary(db, path), lambda: add_study(db, path),
                     lambda: import_patients(db, default_protocol(), path, date(2026, 3, 2))):
            with pytest.raises(InvalidEntry, match="the database Site Tracker has open"):
                read()
        assert _lock_holder(path) == os.getpid()  # still held: nothing dropped it

        # the other process comes and goes: it must not believe it is alone and tidy the
        # WAL away under this process's feet
        assert _other("-c", OTHER_PROCESS, url, "b1") == "closed"
        assert Path(f"{path}-wal").exists()
        _write(db, "a2")  # no "database disk image is malformed"
        assert _other("-c", OTHER_PROCESS, url, "b2") == "closed"
        with db.reading(purpose=None) as session:
            keys = set(session.scalars(select(SiteSetting.key)))
        assert {"a1", "a2", "b1", "b2"} <= keys
    finally:
        db.close()
    assert not in_use(path)

    again = open_site_database(url)  # the next start: a healthy file, never "damaged"
    try:
        with again.reading(purpose=None) as session:
            keys = set(session.scalars(select(SiteSetting.key)))
        assert {"a1", "a2", "b1", "b2"} <= keys
        assert verify_audit_trail(again).intact
    finally:
        again.close()
