"""Checks of an SQLite file before the app opens it for writing.

Everything here reads only (the header bytes, then a read-only connection), so a file
that is refused is left byte-for-byte as it was.

The header is read only when no connection of this process has the file open (see
db/open_files.py); otherwise SQLite alone checks it, through its own descriptors.
"""

from __future__ import annotations

import os
import re
import sqlite3
import struct
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from db.errors import DatabaseRefused
from db.open_files import read_header

#: PRAGMA application_id of Site Tracker files ("SiTr")
APPLICATION_ID = 0x53695472
SQLITE_MAGIC = b"SQLite format 3\x00"

#: file systems on which SQLite's locking is not reliable
NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "smb2", "afs", "9p", "ncpfs", "coda",
     "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs",
     "ceph", "fuse.ceph", "lustre", "gpfs", "webdav", "afpfs", "vboxsf", "prl_fs"}
)


def is_network_path(path: Path, partitions: list[Any] | None = None) -> bool:
    """True when `path` lives on a network file system (NFS, SMB, ...) or a UNC share."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    resolved = os.path.realpath(path)
    if partitions is None:
        try:
            partitions = mount_table()
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


class Mount(NamedTuple):
    device: str
    mountpoint: str
    fstype: str
    opts: str


def mount_table(linux_table: str | None = None) -> list[Any]:
    """Every mounted file system, as psutil.disk_partitions(all=True) gives it. On Linux the
    table psutil would read (/etc/mtab, else /proc/self/mounts) is read here: importing
    psutil cost the start more than reading it (its modules, on the file check's thread,
    beside the start's imports)."""
    if linux_table is None and sys.platform.startswith("linux"):
        mtab = "/etc/mtab"
        linux_table = os.path.realpath(mtab if os.path.isfile(mtab) else "/proc/self/mounts")
    if linux_table is None:
        import psutil  # only here: kept off the start-up path

        return list(psutil.disk_partitions(all=True))
    with open(linux_table, encoding="utf-8", errors="surrogateescape") as table:
        return [Mount(*(_unescaped(f) for f in fields[:4])) for fields in
                (line.split() for line in table) if len(fields) >= 4]


def _unescaped(field: str) -> str:
    """A mount table's field with its octal escapes (a space is \\040) decoded, as the C
    library's getmntent decodes them."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field) \
        if "\\" in field else field


def refuse_network_share(path: Path) -> None:
    if is_network_path(path):
        raise DatabaseRefused(
            f"{path} is on a network share, where SQLite cannot lock safely and data can be "
            "lost; to share one database between workstations use PostgreSQL "
            "(--db postgresql+psycopg://user@server/sitetrack)"
        )


_prechecks: dict[str, tuple[tuple[int, int], threading.Thread, list[tuple[str, Any]]]] = {}


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
        key = str(path.resolve())
    except OSError:
        return
    if key in _prechecks and _prechecks[key][0] == signature:
        return  # already being checked (started from the raw arguments)
    result: list[tuple[str, Any]] = []

    def run() -> None:
        try:
            result.append(("ok", _examine(path)))
        except Exception as exc:  # collected by inspect_existing
            result.append(("error", exc))

    thread = threading.Thread(target=run, name="sqlite-precheck", daemon=True)
    _prechecks[key] = (signature, thread, result)
    thread.start()


def inspect_existing(path: Path, known_revision: Callable[[str], bool]) -> str | None:
    """Refuse a file that is not a healthy Site Tracker database (or one on a network share);
    return its schema revision.

    `known_revision(rev)` tells whether this version of the app knows a schema revision.
    """
    revision = None
    pending = _prechecks.pop(str(path.resolve()), None)
    if pending is not None:
        pending[1].join()  # its header read is over before any connection is made
    if pending is not None and pending[0] == _signature(path):
        kind, value = pending[2][0] if pending[2] else ("error", None)
        if kind == "error" and value is not None:
            raise value
        revision = value if kind == "ok" else _examine(path)
    else:
        revision = _examine(path)
    if revision is not None and not known_revision(revision):
        raise DatabaseRefused(
            f"{path} was written by a newer version of Site Tracker (schema {revision}); "
            "install the newer version to open it"
        )
    return revision


#: other files people open by mistake, by their first bytes
_FOREIGN_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel or Word file, say)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"\x00\x01\x00\x00Standard Jet DB", "a Microsoft Access database"),
    (b"\x00\x01\x00\x00Standard ACE DB", "a Microsoft Access database"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{", "a JSON text file"),
)


def _looks_like_text(header: bytes) -> bool:
    for cut in range(4):  # the first 100 bytes may end inside a UTF-8 character
        try:
            text = header[: len(header) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return bool(text) and all(c.isprintable() or c in "\r\n\t" for c in text)
    return False


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def pending_journal(path: Path) -> str | None:
    """'wal' or 'journal' when SQLite has work to replay or roll back beside the file.

    A crash (or a full disk) while SQLite checkpoints can leave the main file shorter than
    its header says; the missing pages are then still in the -wal file, and SQLite puts them
    back when it next opens the file. Such a file must be opened, never refused.
    """
    for suffix, kind in (("-wal", "wal"), ("-journal", "journal")):
        try:
            if _sidecar(path, suffix).stat().st_size > 0:
                return kind
        except OSError:
            continue
    return None


def refuse_read_only(path: Path) -> None:
    """A file or folder the app cannot write is refused with that reason (never 'damaged').

    SQLite writes its -wal and -shm files beside the database, so the folder must be
    writable as well as the file.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(path, os.W_OK):
        raise DatabaseRefused(
            f"{path} is read-only: Site Tracker records every change, so it needs to write to "
            "the file. Copy it to a folder you can write to, or ask IT for write access; "
            "nothing was changed"
        )
    if not os.access(folder, os.W_OK):
        raise DatabaseRefused(
            f"{path} is in a read-only folder ({folder}): SQLite keeps its journal beside the "
            "file, so the folder must be writable. Copy the file to a folder you can write to; "
            "nothing was changed"
        )


def _examine(path: Path) -> str | None:
    """An existing file: refused on a network share, else checked (in the precheck's thread
    when start-up began one: the mount table is read there too)."""
    refuse_network_share(path)
    return _check_file(path)


def _check_file(path: Path) -> str | None:
    """Header, then SQLite's own quick_check; the schema revision the file records.

    Only what SQLite itself finds damaged is called damaged; a -wal or hot journal beside
    the file is first replayed by SQLite (its normal recovery), so a crash during a
    checkpoint is never mistaken for a truncated file.
    """
    try:
        size = path.stat().st_size
        header = read_header(path)
    except PermissionError as exc:
        raise DatabaseRefused(
            f"{path} cannot be read: permission denied ({exc.strerror}); ask IT for access"
        ) from exc
    journal = pending_journal(path)
    if header is None:  # open in this process: SQLite alone looks at it
        return _sqlite_check(path, journal)
    _refuse_empty(path, size, journal)
    _refuse_not_sqlite(path, header)
    if len(header) < 100:
        raise DatabaseRefused(
            f"{path} is cut short inside its header ({size} bytes): SQLite cannot read it"
        )
    _refuse_foreign(path, header)
    _refuse_bad_size(path, header, size, journal)
    # SQLite in WAL mode must write its -shm beside the file even to read it: a read-only
    # file, folder or disk is said as such, before SQLite would call it "unable to open"
    refuse_read_only(path)
    return _sqlite_check(path, journal)


def _refuse_empty(path: Path, size: int, journal: str | None) -> None:
    if size != 0:
        return
    if journal:
        raise DatabaseRefused(
            f"{path} is empty but SQLite's -{journal} file beside it holds data: keep both "
            "files as they are and ask for help; do not delete either"
        )
    raise DatabaseRefused(
        f"{path} is empty (0 bytes): it holds no data and is not a Site Tracker database; "
        "choose another file, or delete this empty one to start a new database there"
    )


def _refuse_not_sqlite(path: Path, header: bytes) -> None:
    """Other programs' files, named by what they are where their first bytes tell."""
    if header.startswith(SQLITE_MAGIC):
        return
    kind = next((what for magic, what in _FOREIGN_MAGIC if header.startswith(magic)), None)
    if kind:
        raise DatabaseRefused(f"{path} is {kind}, not a Site Tracker database")
    if header.startswith(b"SQLite format"):
        raise DatabaseRefused(
            f"{path} has a damaged SQLite header (its first bytes were overwritten); "
            "SQLite cannot read it. Nothing was changed; open your newest backup with "
            "'sitetrack restore'"
        )
    if _looks_like_text(header):
        raise DatabaseRefused(f"{path} is a text file, not a Site Tracker database")
    raise DatabaseRefused(
        f"{path} is not a Site Tracker database (not an SQLite file: it may be another "
        "program's file, or encrypted)"
    )


def _refuse_foreign(path: Path, header: bytes) -> None:
    (app_id,) = struct.unpack(">I", header[68:72])
    if app_id == APPLICATION_ID:
        return
    if app_id == 0:
        raise DatabaseRefused(
            f"{path} is an SQLite database of another application (it carries no Site "
            "Tracker mark), not a Site Tracker database"
        )
    raise DatabaseRefused(
        f"{path} belongs to another application (SQLite application id {app_id:#010x}), "
        "not a Site Tracker database"
    )


def _refuse_bad_size(path: Path, header: bytes, size: int, journal: str | None) -> None:
    """An impossible page size, or a file shorter than its header says with no journal
    that could hold the rest (with one, SQLite recovers it: not refused)."""
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseRefused(
            f"{path} has a damaged SQLite header (page size {page_size} is impossible); "
            "nothing was changed; open your newest backup with 'sitetrack restore'"
        )
    (page_count,) = struct.unpack(">I", header[28:32])
    if page_count and size < page_size * page_count and journal is None:
        raise DatabaseRefused(
            f"{path} is truncated ({size} bytes of {page_size * page_count}) and no -wal or "
            "journal file beside it holds the rest; nothing was changed. Look for the missing "
            "part where the file was copied from, or open your newest backup with "
            "'sitetrack restore' (into a new file)"
        )


def _sqlite_check(path: Path, journal: str | None) -> str | None:
    """quick_check through SQLite; with a pending -wal or journal, SQLite recovers first."""
    if journal:
        # Recovery writes (it replays the WAL, or rolls a hot journal back): SQLite's own
        # job, which is why a read-write connection is used here and only here.
        uri = path.resolve().as_uri()
    else:
        uri = path.resolve().as_uri() + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"{path} cannot be opened by SQLite: {exc}") from exc
    try:
        con.execute(f"PRAGMA busy_timeout = {30_000}")
        result = [row[0] for row in con.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            detail = result[0] if len(result) == 1 else f"{result[0]}, and {len(result) - 1} more"
            raise DatabaseRefused(
                f"{path} is damaged: SQLite's check found '{detail}'. Nothing was changed; "
                "keep the file (and any -wal file beside it) and open your newest backup with "
                "'sitetrack restore' (into a new file)"
            )
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
            if row is None and len(tables) > 1:
                raise DatabaseRefused(
                    f"{path} has Site Tracker tables but no schema version: it was changed by "
                    "another program and cannot be upgraded safely"
                )
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            from db.locks import busy_message

            raise DatabaseRefused(busy_message(path)) from exc
        if "readonly" in text or "read-only" in text:
            raise DatabaseRefused(
                f"{path} is read-only or on a read-only disk: SQLite cannot finish its recovery "
                "there; copy the file with its -wal file to a writable folder"
            ) from exc
        raise DatabaseRefused(f"{path} is damaged: SQLite says '{text}'; nothing was changed; "
                              "open your newest backup with 'sitetrack restore'") from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{path} is damaged: SQLite says '{exc}'. Nothing was changed; open your newest "
            "backup with 'sitetrack restore' (into a new file)"
        ) from exc
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
