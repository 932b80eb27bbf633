"""Checks of an SQLite file before the app opens it for writing.

Everything here reads only (the header bytes, then a read-only connection), so a file
that is refused is left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import threading
from collections.abc import Callable
from pathlib import Path

from db.errors import DatabaseRefused

#: PRAGMA application_id of Site Tracker files ("SiTr")
APPLICATION_ID = 0x53695472
SQLITE_MAGIC = b"SQLite format 3\x00"

#: file systems on which SQLite's locking is not reliable
NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "smb2", "afs", "9p", "ncpfs", "coda",
     "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs",
     "ceph", "fuse.ceph", "lustre", "gpfs", "webdav", "afpfs", "vboxsf", "prl_fs"}
)


def is_network_path(path: Path, partitions: list | None = None) -> bool:
    """True when `path` lives on a network file system (NFS, SMB, ...) or a UNC share."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    resolved = os.path.realpath(path)
    if partitions is None:
        try:
            import psutil  # only here: kept off the start-up path

            partitions = psutil.disk_partitions(all=True)
        except Exception:  # an unreadable mount table must not stop the app
            return False
    best = None
    for part in partitions:
        mount = part.mountpoint.rstrip("/\\") or part.mountpoint
        if (resolved == mount or resolved.startswith(mount.rstrip("/\\") + os.sep)
                or mount in ("/", "")) and (best is None or len(mount) > len(best.mountpoint)):
            best = part
    if best is None:
        return False
    return best.fstype.lower() in NETWORK_FS or "remote" in (best.opts or "").split(",")


def refuse_network_share(path: Path) -> None:
    if is_network_path(path):
        raise DatabaseRefused(
            f"{path} is on a network share, where SQLite cannot lock safely and data can be "
            "lost; to share one database between workstations use PostgreSQL "
            "(--db postgresql+psycopg://user@server/sitetrack)"
        )


_prechecks: dict[str, tuple[tuple[int, int], threading.Thread, list]] = {}


def _signature(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def start_precheck(path: Path) -> None:
    """Begin the file's checks (quick_check reads the whole file) in a background thread.

    Start-up calls this before importing SQLAlchemy and Qt: SQLite works outside the GIL,
    so the check costs no wall time. `inspect_existing` collects the result.
    """
    try:
        if not path.is_file():
            return
        signature = _signature(path)
    except OSError:
        return
    result: list = []

    def run() -> None:
        try:
            result.append(("ok", _check_file(path)))
        except Exception as exc:  # collected by inspect_existing
            result.append(("error", exc))

    thread = threading.Thread(target=run, name="sqlite-precheck", daemon=True)
    _prechecks[str(path.resolve())] = (signature, thread, result)
    thread.start()


def inspect_existing(path: Path, known_revision: Callable[[str], bool]) -> str | None:
    """Refuse a file that is not a healthy Site Tracker database; return its schema revision.

    `known_revision(rev)` tells whether this version of the app knows a schema revision.
    """
    revision = None
    pending = _prechecks.pop(str(path.resolve()), None)
    if pending is not None and pending[0] == _signature(path):
        pending[1].join()
        kind, value = pending[2][0] if pending[2] else ("error", None)
        if kind == "error" and value is not None:
            raise value
        revision = value if kind == "ok" else _check_file(path)
    else:
        revision = _check_file(path)
    if revision is not None and not known_revision(revision):
        raise DatabaseRefused(
            f"{path} was written by a newer version of Site Tracker (schema {revision}); "
            "install the newer version to open it"
        )
    return revision


def _check_file(path: Path) -> str | None:
    """Header, size and quick_check, read-only; the schema revision the file records."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        header = fh.read(100)
    if size == 0 or len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(f"{path} is not a Site Tracker database (not an SQLite file)")
    (app_id,) = struct.unpack(">I", header[68:72])
    if app_id != APPLICATION_ID:
        raise DatabaseRefused(
            f"{path} is not a Site Tracker database (it belongs to another application)"
        )
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", header[28:32])
    if page_count and size < page_size * page_count:
        raise DatabaseRefused(
            f"{path} is truncated ({size} bytes of {page_size * page_count}); restore it from a "
            "backup"
        )
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"{path} cannot be opened: {exc}") from exc
    try:
        result = [row[0] for row in con.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            raise DatabaseRefused(
                f"{path} is damaged ({result[0]}); restore it from a backup"
            )
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path} is damaged ({exc}); restore it from a backup") from exc
    finally:
        con.close()
    return revision


def create_new(path: Path) -> None:
    """Create the file with our application_id in its header.

    Done before WAL is switched on: in WAL mode the header change would wait in the -wal
    file until a checkpoint, and a crash before it would leave a file we would not know.
    """
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.commit()
    finally:
        con.close()


def backup(path: Path, label: str) -> Path:
    """A consistent copy (SQLite's online backup, safe under WAL) beside the file."""
    from datetime import datetime

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{label}.{stamp}{path.suffix or '.sqlite'}")
    src = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target
