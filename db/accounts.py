"""Tables of who may use the app: named accounts and what happened at the door.

Accounts are never deleted (deactivated instead) and every column of an account is in the
keyed audit trail, the password hash as its SHA-256 (never the hash itself): a password,
role, active flag or lock-out written behind the app's back no longer matches the trail,
so `audit verify` names it and sign-in refuses it. Accounts are changed only through
`update_account`, which writes the trail first; on PostgreSQL the app role may not UPDATE
the table at all, only call the owner's function that checks the change is in the trail
(migration 0018). Every log-in, log-out, failure, lock-out, reset and refusal is an
`AccessEvent`, itself audited, so the trail shows who came in and what they were refused.
"""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text, func, text, update
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from db.base import Audited, Base, Versioned, audit_value, format_value
from db.errors import EditConflict
from db.types import UtcDateTime

#: the owner's SECURITY DEFINER function through which the PostgreSQL app role changes an
#: account (it has no UPDATE right on the table)
UPDATE_FUNCTION = "st_update_account"
UPDATE_SIGNATURE = f"{UPDATE_FUNCTION}(integer, integer, jsonb)"


class UserAccount(Audited, Versioned, Base):
    __tablename__ = "user_account"
    __audit_digest__ = frozenset({"password_hash"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    printed_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, server_default=func.now())


class AccessEvent(Audited, Base):
    __tablename__ = "access_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    account: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(24))  # login | logout | failed | locked | ...
    detail: Mapped[str | None] = mapped_column(Text)


class Signature(Audited, Base):
    """An investigator's e-signature of one record as it stood (its version and a hash of
    its values): never changed nor deleted. A later edit of the record makes it stale."""

    __tablename__ = "signature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # ae | dlt | response | visit
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    record_version: Mapped[int] = mapped_column(Integer)
    record_hash: Mapped[str] = mapped_column(String(64))
    meaning: Mapped[str] = mapped_column(String(16))  # reviewed | approved | assessed
    signer: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(120))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)


def update_account(session: Session, account: UserAccount, reason: str, *,
                   restate: bool = False, **values: Any) -> None:
    """Change `account`'s columns: the audit trail's entries first (the session's actor,
    `reason`), then the row, in the caller's transaction; the object takes the new values.

    On PostgreSQL the row is changed by the owner's function, which refuses any value the
    trail did not just record; on SQLite by a plain UPDATE. Either way a change made from
    an older copy of the row (its version moved meanwhile) is refused. `restate` records
    every value given even where the row holds it already (an administrator's reset: the
    row and its trail agree again after a change behind the app's back)."""
    from db import audit  # db.audit imports the models, which import this module

    def shown(key: str, value: Any) -> str | None:
        return format_value(audit_value(UserAccount, key, value))

    changed = {k: v for k, v in values.items()
               if restate or shown(k, getattr(account, k)) != shown(k, v)}
    if not changed:
        return
    conn = session.connection()
    lines = [(str(audit.AuditAction.UPDATE), UserAccount.__tablename__, str(account.id), k,
              audit_value(UserAccount, k, getattr(account, k)),
              audit_value(UserAccount, k, v)) for k, v in changed.items()]
    actor = session.info.get("actor") or audit.SYSTEM_ACTOR
    session.info["audit_head"] = audit.append(conn, actor, reason, lines)
    if conn.dialect.name == "postgresql":
        given = {k: format_value(v) for k, v in changed.items()}
        done = conn.execute(text(f"SELECT {UPDATE_FUNCTION}(:id, :version, CAST(:values AS "
                                 "jsonb))"), {"id": account.id, "version": account.version,
                                              "values": json.dumps(given)}).scalar()
    else:
        done = conn.execute(update(UserAccount).where(
            UserAccount.id == account.id, UserAccount.version == account.version)
            .values(**changed, version=account.version + 1)).rowcount
    if done != 1:
        raise EditConflict("Someone else changed this account meanwhile; nothing was saved. "
                           "Try again")
    for key, value in changed.items():
        set_committed_value(account, key, value)
    set_committed_value(account, "version", account.version + 1)
