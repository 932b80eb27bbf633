"""How dates are read and written: ISO on the command line, DD-MMM-YYYY for people."""

from __future__ import annotations

from datetime import date, datetime

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


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


def fmt_window(earliest: date, latest: date, target: date) -> str:
    """'05-FEB-2026 to 19-FEB-2026 (target 12-FEB)', or the one day when there is no window."""
    if earliest == latest:
        return fmt_date(target)
    return f"{fmt_date(earliest)} to {fmt_date(latest)} (target {fmt_day_month(target)})"
