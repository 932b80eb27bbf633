"""How far ahead the worklist and the calendar export look: 0 days (today) to ten years; a
horizon past the calendar's end is no horizon."""

from __future__ import annotations

from app.errors import InvalidEntry

MAX_LOOKAHEAD_DAYS = 3650


def check_lookahead(days: int) -> None:
    """0 to MAX_LOOKAHEAD_DAYS days ahead."""
    if not 0 <= days <= MAX_LOOKAHEAD_DAYS:
        raise InvalidEntry("days", "Look ahead 0 to {most} days, not {days}",
                           most=MAX_LOOKAHEAD_DAYS, days=days)


__all__ = ["MAX_LOOKAHEAD_DAYS", "check_lookahead"]
