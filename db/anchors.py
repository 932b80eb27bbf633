"""Every place that remembers where the audit chain stood, and how `audit verify` uses them.

The chain's head (sequence and hash) is recorded, as it is committed, where whoever
rewrites the database file or its trail cannot easily reach:

- on this computer, beside the user's settings (db/keys.py's anchor); it moves forward only
  while the entry it names still holds, so a cut or rewritten tail stays reported;
- on a PostgreSQL server, in `audit_anchor`: one row per committed write, a table the app
  role may only add to (INSERT and SELECT; triggers refuse UPDATE and DELETE);
- for SQLite, in every backup's manifest and in `audit-anchors.jsonl` in the backups'
  folder, one line per backup made.

`audit verify` compares the chain with every anchor it finds and names the earliest one
that disagrees.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, String, event, insert, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import Base
from db.types import UtcDateTime, utc_now

ANCHORS_FILE = "audit-anchors.jsonl"
MANIFEST_SUFFIX = ".manifest.json"
#: session.info: False when this computer's anchor names an entry that no longer holds
ANCHOR_HOLDS = "anchor_holds"


class AuditAnchor(Base):
    """The chain's head as each write transaction committed it (PostgreSQL: append-only)."""

    __tablename__ = "audit_anchor"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(120))


@dataclass(frozen=True)
class Anchored:
    """One place's record of the chain: entry `seq` had the link `hash`.

    `must_reach`: the chain must be at least that long (false for anchors later than a
    backup being checked: the database went on after it was made)."""

    seq: int
    hash: str
    where: str
    must_reach: bool = True


def disagreement(anchors: Iterable[Anchored], hashes: dict[int, str], count: int
                 ) -> tuple[int, str] | None:
    """(entry, sentence) of the earliest anchor the chain disagrees with, or None.

    `hashes` holds the chain's link at every anchored entry it reaches; `count` its length."""
    found: list[tuple[int, int, str]] = []  # (entry, order given: the first wins a tie, text)
    for order, anchor in enumerate(anchors):
        if anchor.seq > count:
            if anchor.must_reach:
                found.append((count + 1, order, f"{anchor.where} saw the trail reach entry "
                                         f"{anchor.seq}, but it now ends at entry {count}: "
                                         "entries were removed"))
        elif anchor.seq > 0 and hashes.get(anchor.seq) != anchor.hash:
            found.append((anchor.seq, order, f"{anchor.where} recorded another entry {anchor.seq}: "
                                      "the trail was rewritten up to that entry"))
    earliest = min(found, default=None)
    return None if earliest is None else (earliest[0], earliest[2])


# --- PostgreSQL: the server's table -------------------------------------------------------

def install(session_class: Any) -> None:
    """After the audit hooks: each committed write leaves its head on the server (PostgreSQL)
    and says whether this computer's anchor may move forward."""
    event.listen(session_class, "before_commit", _before_commit)


def _before_commit(session: Session) -> None:
    session.flush()
    head = session.info.get("audit_head")
    if head is None or head[0] is None:
        return
    database_id, seq, digest = head
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(insert(AuditAnchor).values(
            seq=seq, hash=digest, at=utc_now(),
            actor=str(session.info.get("actor") or "system")[:120]))
    from db.keys import read_anchor
    from db.models import AuditEntry

    seen = read_anchor(database_id)
    if seen is not None and seen.seq < seq:
        held = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == seen.seq)).scalar()
        session.info[ANCHOR_HOLDS] = held == seen.hash


def server_anchors(session: Session) -> list[Anchored]:
    """The anchors the server kept (none on SQLite, or before the table existed)."""
    bind = session.connection()
    if bind.dialect.name != "postgresql" or not inspect(bind).has_table("audit_anchor"):
        return []
    rows = session.execute(select(AuditAnchor.seq, AuditAnchor.hash, AuditAnchor.at)
                           .order_by(AuditAnchor.id))
    return [Anchored(seq, digest, f"the server's anchor of {at:%Y-%m-%d %H:%M:%S} UTC")
            for seq, digest, at in rows]


# --- SQLite: backups' manifests and the backups' folder -------------------------------------

def record_backup(folder: Path, database_id: str | None, seq: int, digest: str | None,
                  file: str) -> None:
    """One line in the folder's anchors file for a backup just made (never rewritten)."""
    if database_id is None or digest is None:
        return
    line = json.dumps({"database_id": database_id, "seq": seq, "hash": digest, "file": file,
                       "at": utc_now().isoformat(timespec="seconds")})
    try:
        path = folder / ANCHORS_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError:
        pass  # the backup itself holds; its manifest keeps the head too


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return
    for line in text.splitlines():
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict):
            yield data


def _manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def manifest_anchor(data: dict[str, Any], where: str, must_reach: bool = True
                    ) -> Anchored | None:
    head = data.get("audit_head")
    if not isinstance(head, dict) or not _is_link(head.get("hash")):
        return None  # a copy kept as evidence of a broken chain records no head
    try:
        return Anchored(int(head["seq"]), str(head["hash"]), where, must_reach)
    except (KeyError, TypeError, ValueError):
        return None


def _is_link(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(
        c in "0123456789abcdef" for c in value)


def folder_anchors(folders: Iterable[Path], database_id: str, *, must_reach: bool = True
                   ) -> list[Anchored]:
    """The anchors of that database in its backups' folders: the anchors file and every
    manifest that names the database."""
    out: list[Anchored] = []
    for folder in dict.fromkeys(folders):
        for data in _json_lines(folder / ANCHORS_FILE):
            if data.get("database_id") == database_id and _is_link(data.get("hash")):
                try:
                    out.append(Anchored(int(data["seq"]), str(data["hash"]),
                                        f"the backups' anchor file ({data.get('file')})",
                                        must_reach))
                except (KeyError, TypeError, ValueError):
                    continue
        try:
            manifests = sorted(folder.glob(f"*{MANIFEST_SUFFIX}"))
        except OSError:
            continue
        for path in manifests:
            manifest = _manifest(path)
            if manifest is not None and manifest.get("database_id") == database_id:
                anchor = manifest_anchor(manifest, f"the manifest {path.name}", must_reach)
                if anchor is not None:
                    out.append(anchor)
    return out


def local_anchor(database_id: str, *, must_reach: bool = True) -> list[Anchored]:
    from db.keys import read_anchor

    seen = read_anchor(database_id)
    return [] if seen is None else [Anchored(seen.seq, seen.hash, "this computer",
                                             must_reach)]
