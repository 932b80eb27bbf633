"""ISO 8601 durations (P4W, P27D, PT30M, P1DT2H) and the windows USDM gives only as text
("-5..5 minutes"): both read into whole minutes, or None when they say nothing usable."""

from __future__ import annotations

import re

MINUTES_PER_DAY = 24 * 60

_DURATION = re.compile(
    r"^P(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$")
_UNIT_MINUTES = {"w": 7 * MINUTES_PER_DAY, "d": MINUTES_PER_DAY, "h": 60, "m": 1, "s": 1 / 60}
_TEXT_UNITS = {"minute": 1, "min": 1, "hour": 60, "hr": 60, "h": 60, "day": MINUTES_PER_DAY,
               "week": 7 * MINUTES_PER_DAY}
_TEXT_WINDOW = re.compile(
    r"^\s*(?P<lo>[-+]?\d+(?:\.\d+)?)\s*\.\.\s*\+?(?P<hi>\d+(?:\.\d+)?)\s*(?P<unit>[a-z]+)",
    re.IGNORECASE)


def duration_minutes(text: str | None) -> int | None:
    """P7D -> 10080; None for an empty, a malformed or a month/year duration (whose length
    in days is not fixed)."""
    if not text or not isinstance(text, str):
        return None
    m = _DURATION.match(text.strip().upper())
    if m is None or text.strip().upper() in ("P", "PT"):
        return None
    total = sum(float(v) * _UNIT_MINUTES[k] for k, v in m.groupdict().items() if v)
    return round(total)


def text_window_minutes(text: str | None) -> tuple[int, int] | None:
    """A window written as text, "-5..5 minutes" or "0..27 days": (before, after) in
    minutes; None when it gives no number for a side ("0..? Days")."""
    if not text:
        return None
    m = _TEXT_WINDOW.match(text)
    if m is None:
        return None
    unit = m.group("unit").lower().rstrip("s")
    scale = _TEXT_UNITS.get(unit)
    if scale is None:
        return None
    lo, hi = float(m.group("lo")), float(m.group("hi"))
    return round(abs(lo) * scale) if lo <= 0 else 0, round(hi * scale)


def whole_days(minutes: int) -> int | None:
    """Minutes as whole days, or None when they are not a whole number of days."""
    return minutes // MINUTES_PER_DAY if minutes % MINUTES_PER_DAY == 0 else None
