"""Tables of who may use the app: named accounts and what happened at the door.

Accounts are never deleted (deactivated instead) and are audited; the password hash and the
failure counter are bookkeeping, not data, and stay out of the audit trail. Every log-in,
log-out, failure, lock-out, reset and refusal is an `AccessEvent`, itself audited, so the
trail shows who came in and what they were refused.
"""


from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Audited, Base, Versioned
from db.types import UtcDateTime


class UserAccount(Audited, Versioned, Base):
    __tablename__ = "user_account"
    __audit_exclude__ = frozenset({"password_hash", "failed_logins", "locked_until",
                                   "last_login_at"})

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
