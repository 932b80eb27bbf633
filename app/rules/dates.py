"""How dates are read and written: ISO on the command line, DD-MMM-YYYY for people."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from app.errors import Unreadable

MONTHS = _MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                    "NOV", "DEC")


#: the dates a study's record can hold: nobody on a study was born before the first, no
#: visit falls after the last, and years of follow-up counted from either stay inside the
#: calendar (a date at its very end, 9999, would overflow the first sum made with it)
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
#: how the bounds are said, for the messages
DATE_RANGE = "01-JAN-1900 to 31-DEC-2199"
#: the refusal of a date outside them
OUTSIDE = "'{text}' is outside the dates a record can hold ({range})"


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def parse_iso_date(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD date, or a ValueError that says which value and why."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        datetime.strptime(text.strip(), "%Y-%m-%d")
    except ValueError as exc:
        if "day is out of range" in str(exc) or "unconverted" in str(exc):
            raise ValueError(f"{what} '{text}' is not a real date") from None
        raise ValueError(f"{what} '{text}' is not a date: use YYYY-MM-DD") from None
    raise ValueError(f"{what} '{text}' is not a date: use YYYY-MM-DD")


def fmt_date(d: date | None) -> str:
    """12-JAN-2026: unambiguous in every country a trial runs in."""
    if d is None:
        return ""
    return f"{d.day:02d}-{_MONTHS[d.month - 1]}-{d.year}"


def fmt_day_month(d: date) -> str:
    return f"{d.day:02d}-{_MONTHS[d.month - 1]}"


#: a window in words; the windows say it in the user's language
WINDOW_WORDS = "{earliest} to {latest} (target {target})"


def fmt_window(earliest: date, latest: date, target: date, words: str = WINDOW_WORDS) -> str:
    """'05-FEB-2026 to 19-FEB-2026 (target 12-FEB)', or the one day when there is no window."""
    if earliest == latest:
        return fmt_date(target)
    return words.format(earliest=fmt_date(earliest), latest=fmt_date(latest),
                        target=fmt_day_month(target))


def parse_user_date(text: str) -> date | None:
    """A date as people type it: 12-JAN-2026, 12 Jan 2026, 12JAN2026 or 2026-01-12.

    Empty text is None; anything else raises ValueError with a hint. Day-first numeric
    forms (12/01/2026) are refused: they read differently in the US.
    """
    day = _parse_user_date(text)
    if day is not None and not in_range(day):
        raise Unreadable(OUTSIDE, text=text.strip(), range=DATE_RANGE)
    return day


def _parse_user_date(text: str) -> date | None:
    t = " ".join(text.strip().upper().replace("-", " ").replace(".", " ").split())
    if not t:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if iso:
        _real(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
    # month names by hand: strptime's %b follows the locale, which Qt sets
    m = re.fullmatch(r"(\d{1,2}) ?([A-Z]{3}) ?(\d{4})", t)
    if m and m.group(2) in _MONTHS:
        year, month, day = int(m.group(3)), _MONTHS.index(m.group(2)) + 1, int(m.group(1))
        _real(year, month, day, text)
        return date(year, month, day)
    raise Unreadable("'{text}' is not a date: type it as DD-MMM-YYYY, e.g. 12-JAN-2026",
                     text=text.strip())


def _real(year: int, month: int, day: int, text: str) -> None:
    """A date with the right shape but no such day: say what the month has."""
    import calendar

    if not 1 <= month <= 12:
        raise Unreadable("'{text}' is not a real date: there is no month {month}",
                         text=text.strip(), month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise Unreadable("'{text}' is not a real date: {month} {year} has {days} days",
                         text=text.strip(), month=_MONTH_NAMES[month - 1], year=year, days=days)


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def parse_user_time(text: str) -> time | None:
    """24-hour time as typed: 9:05, 09:05 or 0905. Empty text is None."""
    from datetime import time

    t = text.strip().replace(".", ":").replace("h", ":")
    if not t:
        return None
    if t.isdigit() and len(t) in (3, 4):
        t = f"{t[:-2]}:{t[-2:]}"
    try:
        hh, mm = t.split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise Unreadable("'{text}' is not a time: type it as HH:MM (24-hour)",
                         text=text.strip()) from None


def fmt_time(t: time | None) -> str:
    return t.strftime("%H:%M") if t else ""


def fmt_datetime(dt: datetime | None) -> str:
    """12-JAN-2026 08:30: the date as everywhere, the time on a 24-hour clock."""
    return f"{fmt_date(dt.date())} {dt:%H:%M}" if dt else ""
