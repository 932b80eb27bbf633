"""Partial indexes: the rows they hold, said once for the models, the migration that makes
them and the queries that read through them (a query uses a partial index only when its
WHERE says the index's own condition, word for word on SQLite).

The models declare each index plain (`partial_index`); its condition is said to a backend
when an engine of that backend is made (`declare_for`). Saying it to both at declaration
made SQLAlchemy load its PostgreSQL dialect package, every driver's module with it (25 ms),
on every start of a SQLite site."""

from __future__ import annotations

from sqlalchemy import Index, text

#: a calendar booking that may be stale: its visit cancelled, or booked outside its window
STALE_BOOKING = ("booked_date IS NOT NULL AND (state = 'cancelled' OR booked_date < earliest "
                 "OR booked_date > latest)")
#: a visit record booked and not yet recorded (nor entered in error)
OPEN_BOOKING = "booked_date IS NOT NULL AND outcome IS NULL AND deleted_at IS NULL"

#: SQLAlchemy's backends that say an index's condition (`<backend>_where`)
BACKENDS = ("sqlite", "postgresql")

_declared: list[tuple[Index, str]] = []


def partial_index(name: str, column: str, condition: str) -> Index:
    """The index `name` on `column` of the rows `condition` holds (said by `declare_for`)."""
    index = Index(name, column)
    _declared.append((index, condition))
    return index


def declare_for(backend: str) -> None:
    """Say every partial index's condition to `backend` (an engine of it is being made, so
    its dialect is loaded anyway); a second call, or a backend without conditions, is
    nothing."""
    if backend not in BACKENDS:
        return
    key = f"{backend}_where"
    for index, condition in _declared:
        if index.dialect_kwargs.get(key) is None:
            index.dialect_kwargs[key] = text(condition)
