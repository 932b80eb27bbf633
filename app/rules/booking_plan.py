"""The appointment book's wider views, pure: a PK day's ticks from the protocol, a whole
cycle proposed at once, the bookings a change of the calendar leaves outside their window
or no longer expected, and a planner's days (each place's blocks, each nurse's load, the
conflicts). No clock: today is passed in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.errors import InvalidEntry, Phrase
from app.rules import pk
from app.rules.booking import Block, Nurses, SiteBook, Wanted, book
from app.rules.dates import fmt_date, fmt_window
from app.rules.protocol import Protocol

#: the calendar's states of a visit no longer expected, and of one already seen to
CANCELLED = "cancelled"
DONE_STATES = ("done", "done_out_of_window", "missed")


def tick_minutes(protocol: Protocol, code: str) -> tuple[int, ...]:
    """Minutes after the patient's arrival at which a nurse draws a PK tube: the day's own
    dose is given `dose_after_minutes` after arrival, its tubes count from it; a tube that
    counts from an earlier day's dose (24 h, 48 h) is drawn on arrival."""
    if not pk.has_pk(protocol, code):
        return ()
    after = protocol.booking.dose_after_minutes if protocol.booking else 30
    out = {after + s.timepoint.nominal_min if s.dose_of == code else 0
           for s in pk.slots(protocol, code)}
    return tuple(sorted(out))


def tube_minutes(protocol: Protocol) -> int:
    return protocol.booking.tube_minutes if protocol.booking else 10


@dataclass(frozen=True)
class Proposal:
    """One visit of a cycle as proposed: its day, time and place, or why none fits. `note`
    says why a day other than the target was taken (never moved silently)."""

    code: str
    target: date
    earliest: date
    latest: date
    start: datetime | None
    place: str | None
    note: Phrase | None = None
    problem: Phrase | None = None

    def to_json(self) -> dict[str, object]:
        return {"visit": self.code, "target": self.target.isoformat(),
                "window": [self.earliest.isoformat(), self.latest.isoformat()],
                "at": self.start.isoformat(timespec="minutes") if self.start else None,
                "chair": self.place, "note": self.note, "problem": self.problem}


def _days_from_target(w: Wanted, today: date) -> list[date]:
    """The window's days from today, nearest the target first (later before earlier)."""
    days = []
    for k in range(0, (w.latest - w.earliest).days + 1):
        for day in (w.target + timedelta(days=k), w.target - timedelta(days=k)):
            if w.earliest <= day <= w.latest and day >= today and day not in days:
                days.append(day)
    return days


def _first_fit(w: Wanted, site: SiteBook, blocks: list[Block], nurses: Nurses, today: date
               ) -> tuple[Block | None, Phrase | None]:
    """The block of the nearest day that fits, and why the target did not (if it did not)."""
    why: Phrase | None = None
    for day in _days_from_target(w, today):
        try:
            return book(w.at(datetime.combine(day, w.start.time())), site, blocks, nurses,
                        today, name_free_days=False), why
        except InvalidEntry as refused:
            if why is None:
                why = Phrase(refused.template, **refused.values)
    return None, why


def propose_cycle(wanted: Sequence[Wanted], site: SiteBook, blocks: Sequence[Block],
                  nurses: Nurses, today: date) -> list[Proposal]:
    """Every visit of a cycle proposed at once, at its target at the patient's usual time
    on a free place; a visit that cannot be had on its target takes the nearest day of its
    window that fits and says why; one that fits nowhere in its window says so."""
    taken = list(blocks)
    out = []
    for w in wanted:
        block, why = _first_fit(w, site, taken, nurses, today)
        if block is None:
            out.append(Proposal(w.code, w.target, w.earliest, w.latest, None, None,
                                problem=Phrase("nothing fits in its window {window}: {why}",
                                               window=fmt_window(w.earliest, w.latest,
                                                                 w.target),
                                               why=why or Phrase("the window has passed"))))
            continue
        taken.append(block)
        note = None if block.start.date() == w.target else Phrase(
            "booked on {day}, not its target {target}: {why}", day=fmt_date(block.start.date()),
            target=fmt_date(w.target), why=why or Phrase("the target has passed"))
        out.append(Proposal(w.code, w.target, w.earliest, w.latest, block.start, block.place,
                            note=note))
    return out


@dataclass(frozen=True)
class Held:
    """A booking as the calendar now sees its visit: its window and state."""

    subject: str
    code: str
    booked: date
    at: time | None
    earliest: date
    latest: date
    target: date
    state: str
    key: int | None = None


@dataclass(frozen=True)
class Stale:
    """A later booking the calendar moved away from: rebook or cancel it (with a reason)."""

    held: Held
    why: Phrase

    @property
    def patient_id(self) -> int:
        return self.held.key or 0

    def to_json(self) -> dict[str, object]:
        h = self.held
        return {"subject": h.subject, "visit": h.code, "booked": h.booked.isoformat(),
                "window": [h.earliest.isoformat(), h.latest.isoformat()], "why": self.why}


def stale_bookings(held: Sequence[Held], today: date) -> list[Stale]:
    """Bookings from today on whose visit is no longer expected (cancelled by an end of
    treatment, a death, a withdrawal) or whose window no longer holds the booked day (a
    delay, a dose hold moved it); visits done or missed are left alone."""
    out = []
    for h in held:
        if h.booked < today or h.state in DONE_STATES:
            continue
        if h.state == CANCELLED:
            out.append(Stale(h, Phrase("{code} is no longer expected: cancel its booking",
                                       code=h.code)))
        elif not h.earliest <= h.booked <= h.latest:
            out.append(Stale(h, Phrase("booked on {booked}, now outside its window {window}",
                                       booked=fmt_date(h.booked),
                                       window=fmt_window(h.earliest, h.latest, h.target))))
    return sorted(out, key=lambda s: (s.held.booked, s.held.subject, s.held.code))


@dataclass(frozen=True)
class NurseLoad:
    nurse: str
    day: date
    patients: int
    tubes: int


@dataclass(frozen=True)
class Conflict:
    day: date
    what: Phrase


def nurse_loads(blocks: Sequence[Block]) -> list[NurseLoad]:
    by: dict[tuple[str, date], list[Block]] = {}
    for b in blocks:
        if b.nurse:
            by.setdefault((b.nurse, b.start.date()), []).append(b)
    return [NurseLoad(n, d, len({b.subject for b in bs}), sum(len(b.ticks) for b in bs))
            for (n, d), bs in sorted(by.items())]


def conflicts(blocks: Sequence[Block], site: SiteBook, tube: int) -> list[Conflict]:
    """What the book holds that it should not: two blocks in one place at once, a nurse's
    two tubes too close, a booking on a closure or outside its window."""
    out = []
    ordered = sorted(blocks, key=lambda b: b.start)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if a.place and a.place == b.place and a.overlaps(b.start, b.end):
                out.append(Conflict(a.start.date(), Phrase(
                    "{place}: {a} and {b} overlap", place=a.place,
                    a=f"{a.subject} {a.code}", b=f"{b.subject} {b.code}")))
            if a.nurse and a.nurse == b.nurse and any(
                    abs(s - t) < timedelta(minutes=tube) for s in a.ticks for t in b.ticks):
                out.append(Conflict(a.start.date(), Phrase(
                    "{nurse} has PK tubes of {a} and {b} less than {tube} min apart",
                    nurse=a.nurse, a=f"{a.subject} {a.code}", b=f"{b.subject} {b.code}",
                    tube=tube)))
        closure = site.closure_on(a.start.date())
        if closure is not None:
            out.append(Conflict(a.start.date(), Phrase(
                "{who} is booked on a closure ({label})", who=f"{a.subject} {a.code}",
                label=closure.label)))
        if a.out_of_window:
            out.append(Conflict(a.start.date(), Phrase(
                "{who} is booked outside its window", who=f"{a.subject} {a.code}")))
    return out


def moved_by_keys(block: Block, days: int, minutes: int) -> datetime | None:
    """Where a key press moves a booking (a day or a step of minutes), or None when that
    leaves its window: a move by keys stays inside the window."""
    start = block.start + timedelta(days=days, minutes=minutes)
    if block.earliest is not None and block.latest is not None \
            and not block.earliest <= start.date() <= block.latest:
        return None
    if start.date() != (block.start + timedelta(days=days)).date():
        return None  # minutes never push a booking over midnight
    return start


def without(blocks: Sequence[Block], key: int | None) -> list[Block]:
    return [b for b in blocks if key is None or b.key != key]


__all__ = ["Conflict", "Held", "NurseLoad", "Proposal", "Stale", "conflicts", "moved_by_keys",
           "nurse_loads", "propose_cycle", "stale_bookings", "tick_minutes", "tube_minutes",
           "without"]
