"""Backups of an SQLite database: consistent, verified, described, rotated; restores.

A backup is made with SQLite's online backup API (consistent while others write), then
opened and checked (integrity_check and the audit chain) before it counts; a manifest
beside each file says what it holds. A restore always writes a new file, never the live
one. PostgreSQL databases are backed up with the server's own `pg_dump`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from db.anchors import Anchored, record_backup
from db.errors import DatabaseRefused
from db.places import make_private, make_private_folder
from db.types import utc_now

MANIFEST_SUFFIX = ".manifest.json"
DAILY_PREFIX = "daily-"
DEFAULT_KEEP = 14


@dataclass(frozen=True)
class BackupReport:
    path: Path
    manifest: Path
    patients: int
    audit_entries: int
    sha256: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into the new file `target` (rollback journal)."""
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        src.execute("PRAGMA busy_timeout = 30000")
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


@dataclass(frozen=True)
class Verified:
    """What the checks of a database file found."""

    patients: int
    audit_entries: int
    chain_problem: str | None  # None: the audit chain is intact
    head_hash: str | None = None  # the chain's last link, anchored in the manifest
    database_id: str | None = None  # whose chain it is (its key and anchors are found by it)
    #: what the replay found: records that do not match the trail (None: not replayed)
    mismatches: tuple[str, ...] | None = None
    anchors: int = 0  # how many anchors kept outside the file were compared

    @property
    def chain_word(self) -> str:
        return "intact" if self.chain_problem is None else f"broken: {self.chain_problem}"


AnchorsOf = Callable[[str | None], list[Anchored]]


def verify_file(path: Path, *, require_chain: bool = True, replay: bool = False,
                anchors_of: AnchorsOf | None = None) -> Verified:
    """Integrity check and audit chain of a database file, each run once; with `replay`,
    every record against what the trail says of it; `anchors_of(database_id)` gives the
    anchors kept elsewhere that the chain must agree with.

    Raises DatabaseRefused naming the problem when the file does not hold up (a broken
    audit chain only when `require_chain`: a copy taken before an upgrade is kept even
    then, as evidence, with the problem in its manifest).
    """
    from sqlalchemy import create_engine, func, select

    from db import audit
    from db.connections import note_connections
    from db.models import AuditHead, Patient

    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        result = [r[0] for r in con.execute("PRAGMA integrity_check")]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path} is not a readable database: {exc}") from exc
    finally:
        con.close()
    if result != ["ok"]:
        raise DatabaseRefused(f"{path} failed SQLite's integrity check: {result[0]}")
    engine = create_engine(f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true",
                           hide_parameters=True)
    note_connections(engine)
    mismatches = None
    try:
        with Session(engine) as session:
            database_id = (session.scalar(select(AuditHead.database_id))
                           if audit._head_has_id(session) else None)
            kept = anchors_of(database_id) if anchors_of is not None else []
            # a backup is older than the head this computer saw: only the anchors given
            report = audit.verify(session, anchor_check=False, anchors=kept)
            patients = (session.scalar(select(func.count()).select_from(Patient)) or 0
                        if "patient" in tables else 0)  # an early schema has no patients
            if replay and report.intact:
                from db.replay import replay as replay_trail

                mismatches = tuple(str(m) for m in replay_trail(session))
    finally:
        engine.dispose()
    if not report.intact and require_chain:
        raise DatabaseRefused(f"{path}: the audit trail does not hold ({report.problem})")
    return Verified(patients, report.count, None if report.intact else report.problem,
                    report.head_hash, database_id, mismatches, len(kept))


def make_backup(source: Path, target: Path, *, label: str = "manual",
                actor: str | None = None, require_chain: bool = True,
                anchor_folder: Path | None = None) -> BackupReport:
    """Copy, verify and describe; the backup appears under its name only once verified.
    Its chain's head is kept in its manifest and in `anchor_folder`'s anchors file (the
    daily backups' folder)."""
    from db.migrate import head

    if target.exists():
        raise DatabaseRefused(f"{target} already exists: choose a new file name for the backup")
    make_private_folder(target.parent)
    temp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        _copy(source, temp)
        make_private(temp)
        checked = verify_file(temp, require_chain=require_chain)
        digest = _sha256(temp)
        os.replace(temp, target)
    except sqlite3.OperationalError as exc:
        temp.unlink(missing_ok=True)
        text = str(exc)
        if "full" in text:
            raise DatabaseRefused(f"the disk holding {target.parent} is full: the backup was "
                                  "not made; free some space and try again") from exc
        raise DatabaseRefused(f"the backup of {source} could not be made: {text}") from exc
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise DatabaseRefused(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    manifest = target.with_name(target.name + MANIFEST_SUFFIX)
    info = {
        "file": target.name, "source": str(source), "label": label,
        "made_at": utc_now().isoformat(timespec="seconds"),
        "made_by": actor, "schema": head(), "sha256": digest,
        "bytes": target.stat().st_size, "patients": checked.patients,
        "audit_entries": checked.audit_entries, "integrity_check": "ok",
        "audit_chain": checked.chain_word,
        "audit_head": {"seq": checked.audit_entries, "hash": checked.head_hash},
        "database_id": checked.database_id,
    }
    manifest.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    make_private(manifest)
    for folder in dict.fromkeys(f for f in (target.parent, anchor_folder) if f is not None):
        make_private_folder(folder)
        record_backup(folder, checked.database_id, checked.audit_entries, checked.head_hash,
                      str(target))
    return BackupReport(target, manifest, checked.patients, checked.audit_entries, digest)


def backup_folder(database: Path) -> Path:
    """Where a database's automatic backups go: a private folder beside it."""
    return database.with_name(f"{database.stem}-backups")


def backup_before(database: Path, label: str) -> Path:
    """The verified copy (integrity checked, manifest beside it) taken before an upgrade.

    If it cannot be made or does not hold up, the upgrade does not happen.
    """
    stamp = utc_now().astimezone().strftime("%Y%m%d-%H%M%S")
    folder = backup_folder(database)
    target = folder / f"{database.stem}.before-{label}.{stamp}.sqlite"
    n = 1
    while target.exists():  # an upgrade interrupted within the same second: keep both copies
        n += 1
        target = folder / f"{database.stem}.before-{label}.{stamp}-{n}.sqlite"
    try:
        return make_backup(database, target, label=f"before {label}",
                           require_chain=False).path
    except DatabaseRefused as exc:
        raise DatabaseRefused(
            f"cannot back up {database} before upgrading it ({exc}); nothing was changed, "
            "and the upgrade waits until the copy can be made") from exc


def daily_backup(database: Path, keep: int = DEFAULT_KEEP, *, today: datetime | None = None,
                 actor: str | None = None, folder: Path | None = None) -> BackupReport | None:
    """Today's verified backup if there is none yet; older ones beyond `keep` removed.
    `folder`: where the site chose to keep them (default: beside the database)."""
    now = today or utc_now().astimezone()
    folder = folder or backup_folder(database)
    target = folder / f"{DAILY_PREFIX}{now:%Y-%m-%d}.sqlite"
    if target.exists():
        return None
    report = make_backup(database, target, label="daily", actor=actor)  # anchored there
    dailies = sorted(folder.glob(f"{DAILY_PREFIX}*.sqlite"))
    for old in dailies[: max(0, len(dailies) - max(1, keep))]:
        old.unlink(missing_ok=True)
        old.with_name(old.name + MANIFEST_SUFFIX).unlink(missing_ok=True)
    return report


PG_DUMP_HELP = (
    "PostgreSQL databases are backed up by the server's own tools: "
    "pg_dump --format=custom --file=sitetrack-YYYY-MM-DD.dump 'postgresql://USER@HOST/DB' "
    "(restore into a new database with pg_restore --dbname=NEW_DB FILE)"
)
