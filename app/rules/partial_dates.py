"""Partial dates as CDASH allows them where a date can be unknown in part (an AE's onset and
end, a death): "UN-JAN-2026" (day unknown) or "UN-UNK-2026" (day and month unknown), kept
as entered, exported as ISO 8601 partial dates ("2026-01", "2026"), and imputed to a full
date by the documented rules wherever a derivation needs one.

Imputation (what sponsors usually pre-specify):
- a start (AE onset): the first day it can be; but when the first dose falls in the partial
  period, the first dose (an onset in the month of the first dose counts as on or after it,
  so the AE is treatment-emergent); never before `not_before` (consent), never after today;
- an end (AE end): the last day it can be, never after today;
- a death: the first day it can be, but never before the last day the patient was known
  alive.
Pure: no clock, no database.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from app.errors import Unreadable
from app.rules.dates import DATE_RANGE, EARLIEST, LATEST, MONTHS, OUTSIDE, fmt_date, parse_user_date

UNKNOWN_DAY, UNKNOWN_MONTH = "UN", "UNK"


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None  # None: the month is unknown (then the day is too)

    @property
    def text(self) -> str:
        month = MONTHS[self.month - 1] if self.month else UNKNOWN_MONTH
        return f"{UNKNOWN_DAY}-{month}-{self.year}"

    @property
    def iso(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else f"{self.year}"

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])


def parse_partial(text: str) -> date | PartialDate | None:
    """A full date as `parse_user_date` reads it, or a partial one: UN-JAN-2026,
    UN-UNK-2026 (also "UNK-JAN-2026", "UN JAN 2026", "2026-01", "2026"). Empty: None.
    ValueError names what is wrong."""
    t = " ".join(text.strip().upper().replace("-", " ").split())
    if not t:
        return None
    m = re.fullmatch(r"UNK? ?(UNK|[A-Z]{3}) ?(\d{4})", t)
    if m:
        month = m.group(1)
        if month != UNKNOWN_MONTH and month not in MONTHS:
            raise Unreadable("'{text}': '{month}' is not a month (JAN to DEC, or UNK)",
                             text=text.strip(), month=month)
        return _in_range(PartialDate(int(m.group(2)), None if month == UNKNOWN_MONTH
                                     else MONTHS.index(month) + 1), text)
    iso = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text.strip())
    if iso:
        month = int(iso.group(2)) if iso.group(2) else None
        if month is not None and not 1 <= month <= 12:
            raise Unreadable("'{text}': month {month} does not exist", text=text.strip(),
                             month=month)
        return _in_range(PartialDate(int(iso.group(1)), month), text)
    try:
        return parse_user_date(text)
    except ValueError as exc:
        if isinstance(exc, Unreadable) and exc.template == OUTSIDE:
            raise
        raise Unreadable("'{text}' is not a date: type DD-MMM-YYYY (12-JAN-2026), or "
                         "UN-JAN-2026 when the day is unknown, UN-UNK-2026 when the month "
                         "is too", text=text.strip()) from None


def _in_range(p: PartialDate, text: str) -> PartialDate:
    """A partial date whose year a record can hold (app.rules.dates.EARLIEST to LATEST)."""
    if not EARLIEST.year <= p.year <= LATEST.year:
        raise Unreadable(OUTSIDE, text=text.strip(), range=DATE_RANGE)
    return p


def impute_start(p: PartialDate, today: date, first_dose: date | None = None,
                 not_before: date | None = None) -> date:
    """The day a partial start counts as (see the module's rules)."""
    day = p.earliest
    if first_dose is not None and p.earliest <= first_dose <= p.latest:
        day = first_dose
    if not_before is not None and day < not_before <= p.latest:
        day = not_before
    return min(day, max(today, p.earliest))


def impute_end(p: PartialDate, today: date) -> date:
    """The day a partial end counts as: the last it can be, not after today."""
    return max(p.earliest, min(p.latest, today))


def impute_death(p: PartialDate, last_alive: date | None = None) -> date:
    """The day a partial death counts as: the first it can be, not before the patient was
    last known alive."""
    if last_alive is not None and p.earliest <= last_alive <= p.latest:
        return last_alive
    return p.earliest


def as_text(day: date | None, partial: str | None) -> str:
    """What a screen shows: the partial date as entered, else the date DD-MMM-YYYY."""
    return partial or (fmt_date(day) if day else "")


def as_iso(day: date | None, partial: str | None) -> str:
    """What an export writes: ISO 8601, partial where the date was entered in part."""
    if partial:
        parsed = parse_partial(partial)
        if isinstance(parsed, PartialDate):
            return parsed.iso
    return day.isoformat() if day else ""


__all__ = ["PartialDate", "as_iso", "as_text", "impute_death", "impute_end", "impute_start",
           "parse_partial"]
