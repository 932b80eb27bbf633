"""The audit trail: who changed which clinical field, when, from what, to what, and why.

Entries are written inside the same transaction as the change (an ORM flush hook), so a
change without its audit entry cannot be committed. Each entry carries the SHA-256 of its
own content and of the entry before it; `verify` walks the chain and names the first
entry that was edited, inserted or removed behind the application's back.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, event, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from db.anchors import Anchored, disagreement, local_anchor
from db.base import audit_value, format_value
from db.copying import insert_rows
from db.errors import CHAIN_BROKEN, ChainBroken, HardDeleteRefused, KeyMissing, ReasonRequired
from db.models import AuditEntry, AuditHead
from db.types import utc_now

GENESIS = "0" * 64
_ENTRIES = cast(Table, AuditEntry.__table__)


class AuditAction(StrEnum):
    """What happened to a record: made, changed, or withdrawn (never deleted)."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"  # a soft delete: the row is marked, kept


HEAD_ID = 1


#: nobody signed in (db.Database refuses to write as it). Never the operating-system user,
#: which any environment variable (LOGNAME, USER) can claim to be. Who acts without an
#: account names itself: an upgrade, the demo's fill, the first administrator's creation.
SYSTEM_ACTOR = "system"
UPGRADE_ACTOR, DEMO_ACTOR, FIRST_RUN_ACTOR = "upgrade", "demo fill", "first run"


def system_actor() -> str:
    return SYSTEM_ACTOR


def _is_audited(obj: object) -> bool:
    return getattr(type(obj), "__audited__", False)


def entry_hash(
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    table_name: str,
    record_id: str,
    field: str | None,
    old_value: str | None,
    new_value: str | None,
    reason: str | None,
    prev_hash: str,
    key: bytes | None = None,
) -> str:
    """The entry's link: HMAC-SHA-256 under the database's key (SHA-256 for a chain made
    before keys, until the upgrade re-keys it)."""
    payload = json.dumps(
        [
            seq,
            _stamp(at),
            actor,
            action,
            table_name,
            record_id,
            field,
            old_value,
            new_value,
            reason,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    if key is not None:
        return hmac.digest(key, payload.encode("utf-8"), "sha256").hex()
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=256)
def _stamp(at: datetime) -> str:
    """An entry's instant as hashed (entries written together share it: formatted once)."""
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


_KEYS: dict[str, bytes] = {}


def chain_key(conn: Connection | Session) -> tuple[str | None, bytes | None]:
    """(database id, key) of the chain: (None, None) before the chain was keyed; KeyMissing
    when it is keyed and the key is not on this computer."""
    if not _head_has_id(conn):
        return None, None
    database_id = conn.execute(select(AuditHead.database_id).where(
        AuditHead.id == HEAD_ID)).scalar()
    if database_id is None:
        return None, None
    key = _KEYS.get(database_id)
    if key is None:
        from db.keys import load_key

        key = load_key(database_id)
        if key is None:
            raise KeyMissing(
                "The audit key of this database is not on this computer, so nothing can be "
                "saved or checked here. Import it from a workstation that has it: "
                "sitetrack audit key export FILE there, sitetrack audit key import FILE here")
        _KEYS[database_id] = key
    return database_id, key


#: engines (their pools: an engine with options shares its own's) whose head is known to
#: have its id column: asked once, not at every flush
_KEYED_SCHEMA: weakref.WeakSet[Pool] = weakref.WeakSet()


def _head_has_id(conn: Connection | Session) -> bool:
    """Whether the head has its database id column (an older file opened read-only, or a
    schema being upgraded, lacks it). Once seen, it stays: the schema only moves forward."""
    from sqlalchemy import inspect as sa_inspect

    bind = conn.connection() if isinstance(conn, Session) else conn
    if bind.engine.pool in _KEYED_SCHEMA:
        return True
    if "database_id" not in {c["name"] for c in sa_inspect(bind).get_columns("audit_head")}:
        return False
    _KEYED_SCHEMA.add(bind.engine.pool)
    return True


def _table_name(obj: object) -> str:
    kind: Any = type(obj)
    return str(kind.__tablename__)


def _record_id(obj: object) -> str:
    mapper = inspect(obj).mapper
    key = mapper.primary_key_from_instance(obj)
    return "/".join(format_value(k) or "" for k in key)


def _column_keys(obj: object) -> Iterable[str]:
    exclude: frozenset[str] = getattr(type(obj), "__audit_exclude__", frozenset())
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key not in exclude and attr.key != "version":  # bookkeeping, not data
            yield attr.key


def _changes(session: Session) -> list[tuple[str, object, list[tuple[str, Any, Any]]]]:
    """(action, object, [(field, old, new)]) for every audited object in this flush."""
    out: list[tuple[str, object, list[tuple[str, Any, Any]]]] = []
    for obj in session.new:
        if _is_audited(obj):
            fields = [
                (key, None, audit_value(type(obj), key, getattr(obj, key)))
                for key in _column_keys(obj)
                if getattr(obj, key) is not None
            ]
            out.append((AuditAction.INSERT, obj, fields))
    for obj in session.dirty:
        if not _is_audited(obj) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        fields = []
        for key in _column_keys(obj):
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if format_value(old) != format_value(new):
                fields.append((key, audit_value(type(obj), key, old),
                               audit_value(type(obj), key, new)))
        if not fields:
            continue
        soft_deleted = any(f == "deleted_at" and old is None and new is not None
                           for f, old, new in fields)
        out.append((AuditAction.DELETE if soft_deleted else AuditAction.UPDATE, obj, fields))
    return out


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    for obj in session.deleted:
        if _is_audited(obj):
            raise HardDeleteRefused(
                f"{type(obj).__name__} records are never deleted: mark them deleted with a reason"
            )
    reason = (session.info.get("reason") or "").strip()
    if reason:
        return
    for obj in session.dirty:
        if _is_audited(obj) and session.is_modified(obj, include_collections=False):
            state = inspect(obj)
            # Filling a blank is new data; replacing a saved value is a change that needs a
            # why, and so is withdrawing a record (marking it deleted).
            changed = [
                k for k in _column_keys(obj)
                if (h := state.attrs[k].history).has_changes()
                and ((h.deleted and h.deleted[0] is not None
                      and format_value(h.deleted[0]) != format_value(h.added[0] if h.added
                                                                      else None))
                     or (k == "deleted_at" and h.added and h.added[0] is not None))
            ]
            if changed:
                raise ReasonRequired(
                    f"a reason is required to change saved {_table_name(obj)} data "
                    f"({', '.join(changed)})", _table_name(obj), tuple(changed)
                )


def _after_flush(session: Session, _flush_context: Any) -> None:
    changes = _changes(session)
    if not changes:
        return
    actor = session.info.get("actor") or SYSTEM_ACTOR
    reason = (session.info.get("reason") or "").strip() or None
    lines = [(str(action), _table_name(obj), _record_id(obj), field, old, new)
             for action, obj, fields in changes for field, old, new in fields]
    session.info["audit_head"] = append(session.connection(), actor, reason, lines)


def append(conn: Connection, actor: str, reason: str | None,
           lines: Sequence[tuple[str, str, str, str | None, Any, Any]]
           ) -> tuple[str | None, int, str] | None:
    """Chain entries (action, table, record id, field, old, new) onto the trail, in the
    caller's transaction: what a migration changes is recorded like what a user does.
    Returns (database id, seq, hash) of the new head."""
    if not lines:
        return None
    database_id, key = chain_key(conn)
    # Lock the head row: writers of the chain take turns (SQLite's BEGIN IMMEDIATE already
    # serialises them; on PostgreSQL this row lock does).
    head = conn.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID).with_for_update()
    ).one()
    seq, prev = head.seq, head.hash
    at = utc_now()  # stored as UTC; read back as an aware UTC instant
    rows = []
    for action, table, record_id, field, old, new in lines:
        seq += 1
        old_s, new_s = format_value(old), format_value(new)
        digest = entry_hash(
            seq, at, actor, action, table, record_id, field, old_s, new_s, reason, prev, key
        )
        rows.append(
            {
                "seq": seq, "at": at, "actor": actor, "action": action,
                "table_name": table, "record_id": record_id, "field": field,
                "old_value": old_s, "new_value": new_s, "reason": reason,
                "prev_hash": prev, "hash": digest,
            }
        )
        prev = digest
    try:
        insert_rows(conn, _ENTRIES, rows)  # a large append by COPY on PostgreSQL
    except IntegrityError as exc:  # the head is locked: only a forged row can be in the way
        raise ChainBroken(CHAIN_BROKEN) from exc
    conn.execute(update(AuditHead).where(AuditHead.id == HEAD_ID).values(seq=seq, hash=prev))
    return database_id, seq, prev


def install(session_class: type[Session] | Any, current: Engine | None = None) -> None:
    """Hook the audit trail into every session made by this (new) factory. `current`: its
    engine, when its schema was just brought to head (its head has its id column)."""
    # No event.contains() guard: its registry is keyed by id(), which a new factory can
    # share with a collected one, and the hooks would then silently be missing.
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "after_flush", _after_flush)
    if current is not None:  # the first flush or sign-in need not ask the server's catalog
        _KEYED_SCHEMA.add(current.pool)


@dataclass(frozen=True)
class ChainReport:
    """What `verify` found: intact with a count, or the first broken entry and why."""

    intact: bool
    count: int
    broken_seq: int | None = None
    problem: str | None = None
    #: records that do not match what the trail says of them (db/replay.py)
    mismatches: tuple[str, ...] = ()
    head_hash: str | None = None  # the last entry's link, when intact

    @property
    def message(self) -> str:
        if self.intact:
            return (f"audit trail intact: {self.count} entries, and every record matches "
                    "what it says")
        if self.mismatches:
            return (f"{len(self.mismatches)} records do not match the audit trail (first: "
                    f"{self.mismatches[0]})")
        return f"audit trail broken at entry {self.broken_seq}: {self.problem}"


def verify(session: Session, anchor_check: bool = True,
           anchors: Sequence[Anchored] = ()) -> ChainReport:
    """Recompute the keyed chain from the first entry; stop at the first that does not
    hold. Then the head, and every anchor kept outside the chain (`anchors`, and with
    `anchor_check` the head this computer last saw): the earliest that disagrees is named.
    Reads only."""
    try:
        database_id, key = chain_key(session)
    except KeyMissing as exc:
        return ChainReport(False, 0, None, exc.message)
    if database_id is None and _head_has_id(session):
        return ChainReport(False, 0, None, "the audit head names no database key: the trail "
                           "was tampered with (or the upgrade that keys it was cut short)")
    kept = list(anchors)  # this computer's first: named when others disagree at that entry
    if anchor_check and database_id is not None:
        kept = local_anchor(database_id) + kept
    wanted = {a.seq for a in kept}
    hashes: dict[int, str] = {}
    prev = GENESIS
    expected_seq = 1
    count = 0
    stmt = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=2000)
    for entry in session.scalars(stmt):
        if entry.seq != expected_seq:
            return ChainReport(False, count, expected_seq,
                               f"entry {expected_seq} is missing (next found is {entry.seq})")
        if entry.prev_hash != prev:
            return ChainReport(False, count, entry.seq,
                               f"entry {entry.seq} does not follow entry {entry.seq - 1}: "
                               "an entry before it was changed, removed or inserted")
        digest = entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, entry.table_name, entry.record_id,
            entry.field, entry.old_value, entry.new_value, entry.reason, entry.prev_hash, key,
        )
        if digest != entry.hash:
            return ChainReport(False, count, entry.seq,
                               f"entry {entry.seq} was changed after it was written (or "
                               "written without the database's key)")
        prev = entry.hash
        if entry.seq in wanted:
            hashes[entry.seq] = entry.hash
        expected_seq += 1
        count += 1
    head = session.execute(select(AuditHead.seq, AuditHead.hash)).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq < count:
        return ChainReport(False, count, head_seq + 1, f"entry {head_seq + 1} was added behind "
                           f"the app's back: the chain's head records entry {head_seq}")
    if head_seq != count or head_hash != prev:
        return ChainReport(False, count, count + 1 if head_seq > count else head_seq,
                           f"the chain ends at entry {count} but its head records entry "
                           f"{head_seq}: the newest entries were removed or the head altered")
    earliest = disagreement(kept, hashes, count)
    if earliest is not None:
        return ChainReport(False, count, earliest[0], earliest[1])
    return ChainReport(True, count, head_hash=prev)


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    actor: str
    action: str
    table_name: str
    record_id: str
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None


def history(session: Session, table_name: str, record_id: str) -> list[HistoryLine]:
    """One record's story, oldest first, for the History tab."""
    rows = session.execute(
        select(
            AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.table_name,
            AuditEntry.record_id, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value,
            AuditEntry.reason,
        )
        .where(AuditEntry.table_name == table_name, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.seq)
    )
    return [HistoryLine(*r) for r in rows]
