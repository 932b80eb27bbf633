"""Restoring an SQLite backup: into a new file only, after checking the backup itself.

Whatever its manifest says, the backup's own audit chain is recomputed with the database's
key and replayed against every record (a schema older than this version's is first
upgraded in the copy, so the replay reads it as it will be used); the manifest's checksum
and its chain head, and every other anchor of that database found beside it or on this
computer, must agree. A backup without its manifest is restored only when asked for
explicitly (`without_manifest`), with a warning. The report says what was checked.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.anchors import Anchored, folder_anchors, local_anchor, manifest_anchor
from db.backup import MANIFEST_SUFFIX, Verified, _copy, _sha256, verify_file
from db.errors import DatabaseRefused
from db.open_files import in_use
from db.places import make_private, make_private_folder

NO_MANIFEST_WARNING = (
    "restored WITHOUT its manifest: nothing vouches that this is the file that was backed "
    "up; only the checks below do")


@dataclass(frozen=True)
class RestoreReport:
    patients: int
    audit_entries: int
    checked: tuple[str, ...]  # each check made, in the order made
    warning: str | None = None  # restored without a manifest


def restore(backup: Path, target: Path, *, without_manifest: bool = False) -> RestoreReport:
    """Copy a backup into a NEW file, after checking it; never over an existing file."""
    if not backup.is_file():
        raise DatabaseRefused(f"{backup} does not exist")
    if target.exists():
        raise DatabaseRefused(
            f"{target} already exists: a restore writes a new file, never over another one")
    if in_use(backup):  # never opened outside SQLite while in use (its locks would drop)
        raise DatabaseRefused(
            f"{backup} is the database in use by Site Tracker, not a backup: make a backup of "
            "it (File > Back up the database, or sitetrack backup -o FILE) and restore that")
    checked: list[str] = []
    manifest = _manifest(backup, without_manifest, checked)
    own = (manifest_anchor(manifest, f"its manifest {backup.name}{MANIFEST_SUFFIX}")
           if manifest is not None else None)

    def anchors_of(database_id: str | None) -> list[Anchored]:
        found = [own] if own is not None else []
        if database_id is not None:  # later anchors of the live database: not reached
            found += folder_anchors([backup.parent], database_id, must_reach=False)
            found += local_anchor(database_id, must_reach=False)
        return found

    verified = verify_file(backup, anchors_of=anchors_of)
    checked.append("SQLite's integrity check: ok")
    checked.append(f"the audit chain: {verified.audit_entries} entries, each link "
                   "recomputed with the database's key")
    _check_head(backup, manifest, verified, checked)
    make_private_folder(target.parent)
    temp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        _copy(backup, temp)
        upgraded = _upgrade(temp)
        mismatches = verify_file(temp, replay=True).mismatches or ()
        if mismatches:
            raise DatabaseRefused(
                f"{backup}: {len(mismatches)} records do not match its audit trail (first: "
                f"{mismatches[0]}): it was changed behind the app's back; nothing was restored")
        checked.append("the replay: every record matches what its audit trail says"
                       + (f" (after upgrading the copy from schema {upgraded})"
                          if upgraded else ""))
        _new_identity(temp)
        make_private(temp)
        os.link(temp, target)
    except FileExistsError as exc:
        raise DatabaseRefused(f"{target} already exists") from exc
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseRefused(f"cannot write {target}: {exc}") from exc
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            temp.with_name(temp.name + suffix).unlink(missing_ok=True)
    return RestoreReport(verified.patients, verified.audit_entries, tuple(checked),
                         NO_MANIFEST_WARNING if manifest is None else None)


def _manifest(backup: Path, without_manifest: bool, checked: list[str]
              ) -> dict[str, Any] | None:
    """The backup's manifest after its checksum was compared; None when it has none and
    that was accepted explicitly."""
    path = backup.with_name(backup.name + MANIFEST_SUFFIX)
    if not path.exists():
        if not without_manifest:
            raise DatabaseRefused(
                f"{backup} has no manifest ({path.name}) beside it: nothing shows it is the "
                "file that was backed up. Restore it only if you know where it comes from, "
                "with --without-manifest (the window asks); nothing was restored")
        checked.append("no manifest: the checksum was not compared (--without-manifest)")
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        expected = data["sha256"] if isinstance(data, dict) else None
    except (OSError, ValueError, KeyError) as exc:
        raise DatabaseRefused(f"{path.name} is not a readable manifest ({exc}); nothing was "
                              "restored") from exc
    if not isinstance(expected, str) or expected != _sha256(backup):
        raise DatabaseRefused(
            f"{backup} is not the file its manifest describes (checksum differs): it was "
            "changed after the backup was made")
    checked.append("its checksum (SHA-256) matches its manifest")
    result: dict[str, Any] = data
    return result


def _check_head(backup: Path, manifest: dict[str, Any] | None, verified: Verified,
                checked: list[str]) -> None:
    """The manifest's chain head is the backup's last entry (a checksum recomputed after
    entries were added or cut is caught here); the other anchors agreed (verify_file)."""
    if manifest is not None:
        head = manifest.get("audit_head")
        seq, link = (head.get("seq"), head.get("hash")) if isinstance(head, dict) else (None,
                                                                                      None)
        if seq != verified.audit_entries or link != verified.head_hash:
            raise DatabaseRefused(
                f"{backup}: its manifest records the audit trail at entry {seq}, the file "
                f"holds {verified.audit_entries} entries ending elsewhere: one of them was "
                "changed; nothing was restored")
        checked.append(f"its manifest's chain head (entry {seq}) is the trail's last entry")
    if verified.anchors:
        checked.append(f"{verified.anchors} anchors of this database (its manifest, the "
                       "backups' folder, this computer) agree with its trail")


def _upgrade(path: Path) -> str | None:
    """Bring the copy to this version's schema (the replay reads it with this version's
    models); the revision it had when older."""
    from db import migrate
    from db.engine import _upgrade as upgrade_noting
    from db.engine import create
    from db.sqlite_file import inspect_existing

    revision = inspect_existing(path, migrate.is_known)
    if revision == migrate.head():
        return None
    engine = create(f"sqlite:///{path}")
    try:
        with migrate.schema_transaction(engine) as conn:
            upgrade_noting(conn, revision)
    finally:
        engine.dispose()
    return revision


def _new_identity(path: Path) -> None:
    """A restored copy is a new database: its own identity (the same key, filed under it),
    so the head this computer anchored for the original does not judge the older copy."""
    from db.keys import load_key, new_database_id, store_key

    con = sqlite3.connect(path)
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(audit_head)")}
        if "database_id" not in columns:
            return  # a backup from before keyed chains: re-keyed when it is opened
        (old,) = con.execute("SELECT database_id FROM audit_head WHERE id = 1").fetchone()
        key = load_key(old) if old else None
        if key is None:
            return
        new = new_database_id()
        store_key(new, key)
        con.execute("UPDATE audit_head SET database_id = ? WHERE id = 1", (new,))
        con.commit()
    finally:
        con.close()
