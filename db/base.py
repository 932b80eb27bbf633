"""Declarative base with naming conventions, and the mixins clinical tables share."""

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from db.types import UtcDateTime

# Named constraints make migrations reproducible on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Audited:
    """Marks a table as clinical data: every insert, update and soft-delete is audited,
    changes of saved rows need a reason, and rows are never hard-deleted."""

    __audited__ = True
    #: columns whose changes are bookkeeping, not clinical data
    __audit_exclude__: frozenset[str] = frozenset()
    #: columns the trail records as their SHA-256, never as they are (a password hash)
    __audit_digest__: frozenset[str] = frozenset()


def audit_value(kind: type, field: str, value: Any) -> Any:
    """What the trail records of a column's value: the value, or its SHA-256 for a column
    kept out of sight (`__audit_digest__`), so that one written behind the app's back
    still differs from the trail."""
    if value is None or field not in getattr(kind, "__audit_digest__", ()):
        return value
    return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()


class SoftDelete:
    """A row is withdrawn from use by marking it, never by deleting it."""

    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    deleted_by: Mapped[str | None] = mapped_column(String(120), default=None)
    delete_reason: Mapped[str | None] = mapped_column(Text, default=None)


class Versioned:
    """A row that dialogs edit: its version rises at every save (SQLAlchemy's version
    counter), so a save made from an older copy is refused instead of silently undoing
    what another user saved meanwhile."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


def format_value(value: Any) -> str | None:
    """One stable text form per value, so that hashes are reproducible on every backend."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        when: datetime = value.astimezone(UTC) if value.tzinfo is not None else value
        return when.isoformat(timespec="seconds") if when.microsecond == 0 else when.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
