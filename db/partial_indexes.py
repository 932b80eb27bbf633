"""Partial indexes: the rows they hold, said once for the models, the migration that makes
them and the queries that read through them (a query uses a partial index only when its
WHERE says the index's own condition, word for word on SQLite)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

#: a calendar booking that may be stale: its visit cancelled, or booked outside its window
STALE_BOOKING = ("booked_date IS NOT NULL AND (state = 'cancelled' OR booked_date < earliest "
                 "OR booked_date > latest)")
#: a visit record booked and not yet recorded (nor entered in error)
OPEN_BOOKING = "booked_date IS NOT NULL AND outcome IS NULL AND deleted_at IS NULL"


def partial(condition: str) -> dict[str, Any]:
    """An Index's keywords for `condition` on both backends (dialect keywords: Any to the
    stubs)."""
    return {"postgresql_where": text(condition), "sqlite_where": text(condition)}
