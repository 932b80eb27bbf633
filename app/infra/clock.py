"""The one clock: the site's day and wall-clock time for screens and paper, UTC instants for
what the app stamps. Entry points (the window's context, the command line) hold one and
pass `today` / `now` down; pure rules never read the clock themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo


@dataclass(frozen=True)
class Clock:
    """`day` fixes the date (tests, --today); the time of day is always the wall clock's."""

    day: Callable[[], date] = field(default=date.today)

    def today(self) -> date:
        return self.day()

    def now(self, zone: tzinfo | None = None) -> datetime:
        """The wall-clock time on the clock's day: in `zone` (aware) when given, else the
        workstation's (naive: as written on paper)."""
        if zone is None:
            return datetime.combine(self.day(), datetime.now().time())
        return datetime.combine(self.day(), datetime.now(zone).time()).replace(tzinfo=zone)

    @staticmethod
    def utc_now() -> datetime:
        """An aware UTC instant: what audit entries, withdrawals and imports are stamped."""
        return datetime.now(UTC)


def local_now() -> datetime:
    """This moment as an aware instant on the workstation's clock: when someone signs in,
    signs, is refused (stamps of the door, read from the real clock, never a fixed day)."""
    return datetime.now().astimezone()


def fixed(day: date) -> Clock:
    return Clock(lambda: day)
