"""The desktop reminders, pure: what the system tray says now. Visits to book whose window
opens within N days, tomorrow's bookings with no nurse named yet (not confirmed), SAE
reports due within hours or late, and the PK timepoints due in the next 15 minutes for the
patients in the unit. Each has a key, so one already shown is not shown again. Nothing
leaves the PC: the tray is the workstation's own. No clock: `now` is passed in."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.errors import Phrase
from app.rules.booking import Block
from app.rules.dates import fmt_date, fmt_time

TICK_AHEAD = timedelta(minutes=15)
SAE_AHEAD = timedelta(hours=6)


@dataclass(frozen=True)
class Notice:
    key: str
    title: Phrase
    text: Phrase


@dataclass(frozen=True)
class ToBook:
    subject: str
    code: str
    opens: date


@dataclass(frozen=True)
class SaeDue:
    subject: str
    term: str
    due_at: datetime  # aware


def _to_book(items: Sequence[ToBook], today: date, days: int) -> list[Notice]:
    return [Notice(f"book:{i.subject}:{i.code}", Phrase("Visit to book"), Phrase(
        "{subject} {code}: its window opens {day}, not booked yet", subject=i.subject,
        code=i.code, day=fmt_date(i.opens)))
        for i in items if i.opens <= today + timedelta(days=days)]


def _unconfirmed(blocks: Sequence[Block], today: date) -> list[Notice]:
    tomorrow = today + timedelta(days=1)
    return [Notice(f"confirm:{b.subject}:{b.code}:{b.start:%Y%m%d%H%M}",
                   Phrase("Booking to confirm"), Phrase(
                       "{subject} {code} tomorrow at {at} has no nurse yet", subject=b.subject,
                       code=b.code, at=fmt_time(b.start.time())))
            for b in blocks if b.start.date() == tomorrow and b.nurse is None]


def _sae(items: Sequence[SaeDue], now: datetime) -> list[Notice]:
    out = []
    for s in items:
        if s.due_at - now > SAE_AHEAD:
            continue
        late = s.due_at <= now
        out.append(Notice(f"sae:{s.subject}:{s.term}:{'late' if late else 'due'}",
                          Phrase("SAE report late") if late else Phrase("SAE report due"),
                          Phrase("{subject} {term}: report to the sponsor due {at}",
                                 subject=s.subject, term=s.term,
                                 at=f"{fmt_date(s.due_at.date())} "
                                    f"{fmt_time(s.due_at.time())}")))
    return out


def _ticks(blocks: Sequence[Block], local_now: datetime) -> list[Notice]:
    out = []
    for b in blocks:
        for t in b.ticks:
            if local_now < t <= local_now + TICK_AHEAD:
                out.append(Notice(f"pk:{b.subject}:{b.code}:{t:%Y%m%d%H%M}",
                                  Phrase("PK sample due"), Phrase(
                                      "{subject} {code}: PK sample at {at}{chair}",
                                      subject=b.subject, code=b.code, at=fmt_time(t.time()),
                                      chair=f" ({b.place})" if b.place else "")))
    return out


def notices(now: datetime, local_now: datetime, *, to_book: Sequence[ToBook] = (),
            window_days: int = 3, booked: Sequence[Block] = (), saes: Sequence[SaeDue] = (),
            seen: Collection[str] = ()) -> list[Notice]:
    """What the tray says now (`now` aware, `local_now` the site's wall clock the bookings
    are kept in), leaving out what was shown already (`seen`)."""
    today = local_now.date()
    found = (_ticks(booked, local_now) + _sae(saes, now) + _unconfirmed(booked, today)
             + _to_book(to_book, today, window_days))
    return [n for n in found if n.key not in seen]


def tray_shows(available: bool, found: Sequence[Notice]) -> bool:
    """The tray speaks only where the desktop has one, and only with something to say."""
    return available and bool(found)


__all__ = ["Notice", "SaeDue", "ToBook", "notices", "tray_shows"]
