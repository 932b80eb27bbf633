"""The one clock: a fixed day for tests and --today, the wall-clock time, UTC stamps."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.infra.clock import Clock, fixed


def test_a_fixed_day_keeps_the_wall_clock_time():
    clock = fixed(date(2026, 3, 2))
    assert clock.today() == date(2026, 3, 2)
    assert clock.now().date() == date(2026, 3, 2)
    assert abs((clock.now().time().hour - datetime.now().hour) % 24) <= 1


def test_stamps_are_aware_utc():
    stamp = Clock.utc_now()
    assert stamp.tzinfo is not None and stamp.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 5
