"""Column types: instants the app stamps are UTC, stored the same way on every backend.

`UtcDateTime` stores a naive UTC timestamp (so SQLite and PostgreSQL hold the same value,
and the audit chain's hashes never depend on a server's time zone) and gives Python an
aware UTC datetime back; an aware value of any zone is converted to UTC on the way in.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is None:
            return value  # naive values are UTC already (the app's own stamps)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        when = datetime.fromisoformat(value) if isinstance(value, str) else value
        if not isinstance(when, datetime):
            raise TypeError(f"not a timestamp: {value!r}")
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def utc_now() -> datetime:
    """Now, as an aware UTC instant."""
    return datetime.now(UTC)
