"""The one clock: the site's day and wall-clock time for screens and paper, UTC instants for
what the app stamps. Entry points (the window's context, the command line) hold one and
pass `today` / `now` down; pure rules never read the clock themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime


@dataclass(frozen=True)
class Clock:
    """`day` fixes the date (tests, --today); the time of day is always the wall clock's."""

    day: Callable[[], date] = field(default=date.today)

    def today(self) -> date:
        return self.day()

    def now(self) -> datetime:
        """The site's wall-clock time on the clock's day (naive: as written on paper)."""
        return datetime.combine(self.day(), datetime.now().time())

    @staticmethod
    def utc_now() -> datetime:
        """An aware UTC instant: what audit entries, withdrawals and imports are stamped."""
        return datetime.now(UTC)


def fixed(day: date) -> Clock:
    return Clock(lambda: day)
