"""What an administrator types of the appointment book's resources, checked: a chair's or
room's name and kind, a closure's day and label, the opening hours, an account's working
days; and a booking cancelled, with its reason. Pure: no clock, today passed in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from app.errors import InvalidEntry
from app.rules.booking import PLACE_KINDS, WEEKDAYS, OpeningHours
from app.rules.dates import fmt_date, parse_user_time


def check_place_name(name: str, kind: str, taken: Sequence[str]) -> tuple[str, str]:
    """A chair's or room's name (1 to 40 characters, not one the site has) and its kind."""
    clean = " ".join(name.split())
    if not clean:
        raise InvalidEntry("name", "Give the chair's or room's name")
    if len(clean) > 40:
        raise InvalidEntry("name", "A name is at most 40 characters")
    if clean.lower() in {t.lower() for t in taken}:
        raise InvalidEntry("name", "The site already has '{name}'", name=clean)
    if kind not in PLACE_KINDS:
        raise InvalidEntry("kind", "A resource is a chair or a room, not '{kind}'", kind=kind)
    return clean, kind


def check_closure(day: date | None, label: str, today: date, closed: Sequence[date]
                  ) -> tuple[date, str]:
    """A closure: a day from today on, not closed already, with what it is."""
    if day is None:
        raise InvalidEntry("day", "Give the day the site is closed")
    if day < today:
        raise InvalidEntry("day", "{day} is in the past: a closure is from today on",
                           day=fmt_date(day))
    if day in closed:
        raise InvalidEntry("day", "The site is already closed on {day}", day=fmt_date(day))
    clean = " ".join(label.split())
    if not clean or len(clean) > 80:
        raise InvalidEntry("label", "Say what the closure is (a holiday, say), in at most 80 "
                           "characters")
    return day, clean


def parse_weekdays(text: str, field: str = "days") -> frozenset[int]:
    """Weekdays typed by their first three letters ("Mon Tue Thu", or "Mon-Fri")."""
    names = [w.lower() for w in WEEKDAYS]
    days: set[int] = set()
    for item in text.replace(",", " ").split():
        first, _, last = item.partition("-")
        try:
            a = names.index(first[:3].lower())
            b = names.index(last[:3].lower()) if last else a
        except ValueError:
            raise InvalidEntry(field, "'{item}' is not a weekday: type them as Mon Tue Wed "
                               "Thu Fri Sat Sun, or Mon-Fri", item=item) from None
        if b < a:
            raise InvalidEntry(field, "'{item}': a range of days runs Monday to Sunday",
                               item=item)
        days.update(range(a, b + 1))
    if not days:
        raise InvalidEntry(field, "Give at least one weekday")
    return frozenset(days)


def parse_opening_hours(text: str) -> OpeningHours:
    """"08:00-18:00 Mon-Fri": the clock range, then the weekdays (Monday to Friday if none)."""
    clock, _, days = text.strip().partition(" ")
    opens_text, sep, closes_text = clock.partition("-")
    try:
        opens, closes = parse_user_time(opens_text), parse_user_time(closes_text)
    except ValueError:
        opens = closes = None
    if not sep or opens is None or closes is None:
        raise InvalidEntry("opening_hours", "Type the opening hours as 08:00-18:00 Mon-Fri")
    if closes <= opens:
        raise InvalidEntry("opening_hours", "The site closes after it opens: {text}",
                           text=clock)
    weekdays = parse_weekdays(days, "opening_hours") if days.strip() else \
        frozenset(range(5))
    return OpeningHours(opens, closes, weekdays)


def hours_setting(hours: OpeningHours) -> str:
    """The opening hours as stored (and typed): "08:00-18:00 Mon Tue Wed Thu Fri"."""
    return f"{hours.opens:%H:%M}-{hours.closes:%H:%M} " + \
        " ".join(WEEKDAYS[d] for d in sorted(hours.weekdays))


def check_cancel_reason(reason: str | None, code: str) -> str:
    """A booking is cancelled with the reason, which the audit trail keeps."""
    clean = " ".join((reason or "").split())
    if not clean:
        raise InvalidEntry("reason", "Give the reason the booking of {code} is cancelled",
                           code=code)
    return clean


def check_booked_time(at: time | None) -> time:
    if at is None:
        raise InvalidEntry("when", "Give the time of the booking (24-hour, 09:30)")
    return at




def check_bookable(code: str, status: str, outcome: str | None) -> None:
    """Only a visit still to do is booked: not one done or missed, nor one no longer
    expected (cancelled by an end of treatment, say)."""
    if outcome is not None or status in ("done", "done_out_of_window", "missed"):
        raise InvalidEntry("code", "{code} is already recorded: there is nothing to book",
                           code=code)
    if status == "cancelled":
        raise InvalidEntry("code", "{code} is no longer expected (cancelled): it cannot be "
                           "booked", code=code)


MAX_PLANNER_DAYS = 31


def check_planner_days(days: int) -> int:
    """A planner shows 1 to 31 days."""
    if not 1 <= days <= MAX_PLANNER_DAYS:
        raise InvalidEntry("days", "The planner shows 1 to {most} days, not {days}",
                           most=MAX_PLANNER_DAYS, days=days)
    return days


__all__ = ["MAX_PLANNER_DAYS", "check_bookable", "check_booked_time", "check_cancel_reason",
           "check_closure", "check_place_name", "check_planner_days", "hours_setting",
           "parse_opening_hours", "parse_weekdays"]
