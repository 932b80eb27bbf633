"""The site's appointment book, pure: whether a visit may be booked at a time, in a chair,
with a nurse. It checks the visit's window, the day (not past, not a closure, open), the
chair or room free for the visit's whole block, and the nurse (delegated for PK, working
that weekday, free at each PK timepoint). A refusal names what is in the way and what is
free instead; nothing is ever moved silently. No clock: today is passed in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from app.errors import InvalidEntry, Phrase
from app.rules.dates import fmt_date, fmt_time, fmt_window
from app.rules.protocol.booking import VisitNeeds

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CHAIR, ROOM = "chair", "room"
PLACE_KINDS = (CHAIR, ROOM)


@dataclass(frozen=True)
class OpeningHours:
    """When the unit sees patients: a clock range on some weekdays (Monday is 0)."""

    opens: time = time(8, 0)
    closes: time = time(18, 0)
    weekdays: frozenset[int] = frozenset(range(5))

    def text(self) -> str:
        return f"{fmt_time(self.opens)} to {fmt_time(self.closes)}, {days_text(self.weekdays)}"


@dataclass(frozen=True)
class Place:
    """A chair (or bed) or a room of the unit."""

    name: str
    kind: str = CHAIR


@dataclass(frozen=True)
class Closure:
    day: date
    label: str


@dataclass(frozen=True)
class SiteBook:
    """The site's resources: its places, closures, opening hours and each account's
    working weekdays (an account not named works the days the unit is open)."""

    places: tuple[Place, ...] = ()
    closures: tuple[Closure, ...] = ()
    hours: OpeningHours = OpeningHours()
    working: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def closure_on(self, day: date) -> Closure | None:
        return next((c for c in self.closures if c.day == day), None)

    def works_on(self, account: str, day: date) -> bool:
        return day.weekday() in self.working.get(account, self.hours.weekdays)

    def places_for(self, needs: VisitNeeds) -> tuple[Place, ...]:
        return tuple(p for p in self.places if p.kind == needs.place)


@dataclass(frozen=True)
class Block:
    """One booking as the book holds it: who, which visit, from when, for how long, where,
    with whom, and the instants a nurse draws a PK tube."""

    subject: str
    code: str
    start: datetime
    minutes: int
    place: str | None = None
    nurse: str | None = None
    ticks: tuple[datetime, ...] = ()
    earliest: date | None = None
    latest: date | None = None
    key: int | None = None  # the booking's own record (a move does not clash with itself)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    @property
    def out_of_window(self) -> bool:
        day = self.start.date()
        return self.earliest is not None and self.latest is not None \
            and not self.earliest <= day <= self.latest

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class Wanted:
    """A booking asked for: the visit, its window, when, and the place and nurse chosen
    (None: the book picks a free place; no nurse named yet)."""

    subject: str
    code: str
    start: datetime
    needs: VisitNeeds
    earliest: date
    latest: date
    target: date
    #: minutes after the start at which a nurse draws a PK tube
    tick_minutes: tuple[int, ...] = ()
    place: str | None = None
    nurse: str | None = None
    why_outside: str | None = None  # a booking outside the window needs its reason
    key: int | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.needs.minutes)

    def at(self, start: datetime) -> Wanted:
        return replace(self, start=start)


@dataclass(frozen=True)
class Nurses:
    """The accounts a visit may be booked with: each active clinical account, and whether
    it is delegated for PK sampling on the study that day; `tube_minutes` apart at least."""

    pk_delegated: Mapping[str, bool]
    tube_minutes: int = 10


def days_text(weekdays: frozenset[int]) -> str:
    return " ".join(WEEKDAYS[d] for d in sorted(weekdays)) or "no day"


def pk_ticks(start: datetime, tick_minutes: Sequence[int]) -> tuple[datetime, ...]:
    return tuple(start + timedelta(minutes=m) for m in tick_minutes)


def _when(start: datetime) -> str:
    return f"{fmt_date(start.date())} {fmt_time(start.time())}"


def check_when(w: Wanted, site: SiteBook, today: date) -> None:
    """The day and the clock: not in the past, in the window (or with a reason), not a
    closure, inside the opening hours (a scan elsewhere or a phone call is not the unit's)."""
    day = w.start.date()
    if day < today:
        raise InvalidEntry("when", "{when} is in the past: book {code} from {today} on",
                           when=_when(w.start), code=w.code, today=fmt_date(today))
    if not w.earliest <= day <= w.latest and not (w.why_outside or "").strip():
        raise InvalidEntry("when", "{day} is outside the window of {code}, {window}: book "
                           "inside it or give the reason", day=fmt_date(day), code=w.code,
                           window=fmt_window(w.earliest, w.latest, w.target))
    closure = site.closure_on(day)
    if closure is not None:
        raise InvalidEntry("when", "The site is closed on {day} ({label})",
                           day=fmt_date(day), label=closure.label)
    if w.needs.place == "none":
        return
    hours = site.hours
    if day.weekday() not in hours.weekdays or w.start.time() < hours.opens \
            or w.end > datetime.combine(day, hours.closes):
        raise InvalidEntry("when", "{code} from {start} to {end} is outside the opening "
                           "hours ({hours})", code=w.code, start=fmt_time(w.start.time()),
                           end=fmt_time(w.end.time()), hours=hours.text())


def _other(b: Block, w: Wanted) -> bool:
    """Whether a block is another booking than the one asked for (a move's own is not)."""
    return w.key is None or b.key != w.key


def free_places(w: Wanted, site: SiteBook, blocks: Sequence[Block]) -> list[str]:
    """The places of the visit's kind free for its whole block."""
    taken = {b.place for b in blocks if b.place and _other(b, w)
             and b.overlaps(w.start, w.end)}
    return [p.name for p in site.places_for(w.needs) if p.name not in taken]


def check_place(w: Wanted, site: SiteBook, blocks: Sequence[Block]) -> str | None:
    """The place the visit holds: the one chosen if it is free, else the first free one;
    a refusal names the free places then (or that none is free)."""
    if not w.needs.takes_a_place:
        return None
    kind = w.needs.place
    names = [p.name for p in site.places_for(w.needs)]
    if not names:
        raise InvalidEntry("chair", "The site has no {kind} to book: an administrator adds "
                           "them (Settings, Resources)", kind=kind)
    free = free_places(w, site, blocks)
    if w.place is not None:
        chosen = next((n for n in names if n.lower() == w.place.strip().lower()), None)
        if chosen is None:
            raise InvalidEntry("chair", "There is no {kind} named '{name}' (the site's: "
                               "{names})", kind=kind, name=w.place, names=", ".join(names))
        if chosen in free:
            return chosen
        holder = next(b for b in blocks if b.place == chosen and _other(b, w)
                      and b.overlaps(w.start, w.end))
        raise InvalidEntry("chair", "{name} is booked then for {subject} {code} ({start} to "
                           "{end}); free then: {free}", name=chosen, subject=holder.subject,
                           code=holder.code, start=fmt_time(holder.start.time()),
                           end=fmt_time(holder.end.time()), free=", ".join(free) or "none")
    if not free:
        raise InvalidEntry("chair", "No {kind} is free on {day} from {start} to {end} (all "
                           "{n} are booked)", kind=kind, day=fmt_date(w.start.date()),
                           start=fmt_time(w.start.time()), end=fmt_time(w.end.time()),
                           n=len(names))
    return free[0]


def check_nurse(w: Wanted, site: SiteBook, blocks: Sequence[Block], nurses: Nurses) -> None:
    """The nurse named: a clinical account, delegated for PK where the visit draws tubes,
    working that weekday, and not drawing another patient's tube within `tube_minutes`."""
    if w.nurse is None:
        return
    if w.nurse not in nurses.pk_delegated:
        raise InvalidEntry("nurse", "There is no nurse account '{nurse}' (active nurses and "
                           "investigators: {names})", nurse=w.nurse,
                           names=", ".join(sorted(nurses.pk_delegated)) or "none")
    if w.tick_minutes and not nurses.pk_delegated[w.nurse]:
        raise InvalidEntry("nurse", "{nurse} is not delegated for PK sampling on this study "
                           "on {day}: {code} draws PK tubes", nurse=w.nurse, code=w.code,
                           day=fmt_date(w.start.date()))
    if not site.works_on(w.nurse, w.start.date()):
        raise InvalidEntry("nurse", "{nurse} does not work on {weekday} (works {days})",
                           nurse=w.nurse, weekday=f"{w.start:%A}",
                           days=days_text(site.working.get(w.nurse, site.hours.weekdays)))
    gap = timedelta(minutes=nurses.tube_minutes)
    for tick in pk_ticks(w.start, w.tick_minutes):
        for b in blocks:
            clash = next((t for t in b.ticks if abs(t - tick) < gap), None) \
                if b.nurse == w.nurse and _other(b, w) else None
            if clash is not None:
                raise InvalidEntry("nurse", "{nurse} draws {subject}'s {code} tube at {at}: "
                                   "{mine} is a PK timepoint of {this} (at least {gap} min "
                                   "apart)", nurse=w.nurse, subject=b.subject, code=b.code,
                                   at=fmt_time(clash.time()), mine=fmt_time(tick.time()),
                                   this=w.code, gap=nurses.tube_minutes)


def fits(w: Wanted, site: SiteBook, blocks: Sequence[Block], nurses: Nurses, today: date
         ) -> bool:
    """Whether `w` could be booked as it is (no refusal)."""
    try:
        check_when(w, site, today)
        check_place(w, site, blocks)
        check_nurse(w, site, blocks, nurses)
    except InvalidEntry:
        return False
    return True


def free_days(w: Wanted, site: SiteBook, blocks: Sequence[Block], nurses: Nurses,
              today: date) -> list[date]:
    """The days of the window, from today, on which the visit fits at the same clock time
    (the chair chosen dropped: any free one)."""
    days = []
    day = max(w.earliest, today)
    while day <= w.latest:
        moved = replace(w, start=datetime.combine(day, w.start.time()), place=None,
                        why_outside=None)
        if fits(moved, site, blocks, nurses, today):
            days.append(day)
        day += timedelta(days=1)
    return days


def book(w: Wanted, site: SiteBook, blocks: Sequence[Block], nurses: Nurses, today: date,
         *, name_free_days: bool = True) -> Block:
    """The block the booking makes, or the refusal naming why and (`name_free_days`) the
    free days of the window (a chair taken on the day says which days have one free)."""
    try:
        check_when(w, site, today)
        place = check_place(w, site, blocks)
        check_nurse(w, site, blocks, nurses)
    except InvalidEntry as refused:
        if name_free_days and w.earliest <= w.start.date() \
                <= w.latest and w.start.date() >= today:
            days = [d for d in free_days(w, site, blocks, nurses, today)
                    if d != w.start.date()]
            raise InvalidEntry(refused.field, "{refusal}; free days in the window: {days}",
                               refusal=Phrase(refused.template, **refused.values),
                               days=", ".join(fmt_date(d) for d in days) or "none") from None
        raise
    return Block(w.subject, w.code, w.start, w.needs.minutes, place, w.nurse,
                 pk_ticks(w.start, w.tick_minutes), w.earliest, w.latest, w.key)


__all__ = ["CHAIR", "PLACE_KINDS", "ROOM", "WEEKDAYS", "Block", "Closure", "Nurses",
           "OpeningHours", "Place", "SiteBook", "Wanted", "book", "check_nurse", "check_place",
           "check_when", "days_text", "fits", "free_days", "free_places", "pk_ticks"]
