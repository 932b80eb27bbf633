"""A PK tube at the bench, pure: the spin and freeze clocks against the lab manual's limits
(counted from the draw), the processing deviations with their minutes, the aliquots' IDs,
the life of an aliquot (drawn -> processed -> stored -> shipped -> received) and the box
positions it may take. Times are aware instants; "now" is passed in, never read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.errors import InvalidEntry
from app.rules.dates import fmt_datetime
from app.rules.future import not_in_future
from app.rules.protocol.specimens import SampleType
from app.rules.site_time import elapsed, later

#: a processing time further than this after the draw is a typing error, not a deviation
MAX_AFTER_DRAW = timedelta(hours=24)


class ClockState(StrEnum):
    """A bench clock as the screen says it: green while there is time, amber in the last
    minutes, red past the limit; once done, on time or late (with its minutes)."""

    RUNNING = "running"  # green
    CLOSING = "closing"  # amber
    OVERDUE = "overdue"  # red
    DONE = "done"  # green
    DONE_LATE = "done late"  # amber: a deviation

    @property
    def colour(self) -> str:
        return {ClockState.RUNNING: "green", ClockState.DONE: "green",
                ClockState.CLOSING: "amber", ClockState.DONE_LATE: "amber",
                ClockState.OVERDUE: "red"}[self]


@dataclass(frozen=True, slots=True)
class BenchClock:
    """One step's clock (spin or freeze): its limit, and the minutes left (negative: past
    it) or, once done, the minutes it took after the draw."""

    step: str  # "spin" | "freeze"
    limit: datetime
    state: ClockState
    minutes: int  # left before the limit while running; after the draw once done
    limit_min: int

    @property
    def text(self) -> str:
        if self.state is ClockState.DONE:
            return f"{self.step} at {self.minutes} min (limit {self.limit_min})"
        if self.state is ClockState.DONE_LATE:
            return (f"{self.step} at {self.minutes} min: {self.minutes - self.limit_min} "
                    f"min late (limit {self.limit_min})")
        if self.state is ClockState.OVERDUE:
            return f"{self.step} {-self.minutes} min overdue (by {self.limit:%H:%M})"
        return f"{self.step} in {self.minutes} min (by {self.limit:%H:%M})"


def _minutes(delta: timedelta) -> int:
    """Whole minutes, a started minute counting (31 min 10 s after the draw is 32)."""
    seconds = delta.total_seconds()
    whole = int(seconds // 60)
    return whole + (1 if seconds > whole * 60 else 0)


def bench_clock(step: str, drawn_at: datetime, within_min: int, done_at: datetime | None,
                now: datetime, amber_min: int) -> BenchClock:
    """The clock of one step `within_min` minutes from the draw, at `now`."""
    limit = later(drawn_at, timedelta(minutes=within_min))
    if done_at is not None:
        taken = _minutes(elapsed(drawn_at, done_at))
        state = ClockState.DONE if taken <= within_min else ClockState.DONE_LATE
        return BenchClock(step, limit, state, taken, within_min)
    left = elapsed(now, limit)
    minutes = int(left.total_seconds() // 60)
    if left < timedelta(0):
        return BenchClock(step, limit, ClockState.OVERDUE, -_minutes(-left), within_min)
    state = ClockState.CLOSING if left <= timedelta(minutes=amber_min) else ClockState.RUNNING
    return BenchClock(step, limit, state, minutes, within_min)


def bench_clocks(kind: SampleType, drawn_at: datetime, spun_at: datetime | None,
                 frozen_at: datetime | None, now: datetime, amber_min: int
                 ) -> tuple[BenchClock, ...]:
    """A tube's clocks: spin (when the type is spun) and freeze."""
    clocks = []
    if kind.spin_within_min is not None:
        clocks.append(bench_clock("spin", drawn_at, kind.spin_within_min, spun_at, now,
                                  amber_min))
    clocks.append(bench_clock("freeze", drawn_at, kind.freeze_within_min, frozen_at, now,
                              amber_min))
    return tuple(clocks)


@dataclass(frozen=True, slots=True)
class ProcessingDeviation:
    """A limit missed: which step, how long after the draw, by how many minutes."""

    step: str
    minutes_after_draw: int
    limit_min: int

    @property
    def minutes_late(self) -> int:
        return self.minutes_after_draw - self.limit_min

    @property
    def text(self) -> str:
        verb = "spun" if self.step == "spin" else "frozen"
        return (f"{verb} {self.minutes_after_draw} min after the draw: {self.minutes_late} "
                f"min past the {self.limit_min} min limit")


def processing_deviations(kind: SampleType, drawn_at: datetime, spun_at: datetime | None,
                          frozen_at: datetime | None) -> list[ProcessingDeviation]:
    """Each step done past its limit (a step not done yet is no deviation yet)."""
    out = []
    steps = (("spin", spun_at, kind.spin_within_min), ("freeze", frozen_at,
                                                        kind.freeze_within_min))
    for step, at, limit in steps:
        if at is None or limit is None:
            continue
        taken = _minutes(elapsed(drawn_at, at))
        if taken > limit:
            out.append(ProcessingDeviation(step, taken, limit))
    return out


def check_processing(tube: str, kind: SampleType, drawn_at: datetime | None,
                     spun_at: datetime | None, frozen_at: datetime | None,
                     now: datetime) -> None:
    """Refuse what cannot be: a tube not drawn, a spin before the draw, a freeze before the
    spin (or without one, for a spun type), a time in the future or a day after the draw."""
    if drawn_at is None:
        raise InvalidEntry("tube", "{tube} is not drawn yet: record its draw time on the PK "
                           "panel first", tube=tube)
    times = (("spun_at", "Spin start", spun_at), ("frozen_at", "Freeze time", frozen_at))
    for field, label, at in times:
        if at is None:
            continue
        not_in_future(field, at, now, "{label} of {tube} ({when}) is in the future",
                      label=label, tube=tube, when=fmt_datetime(at))
        if at < drawn_at:
            raise InvalidEntry(field, "{label} of {tube} ({at}) is before its draw ({drawn})",
                               label=label, tube=tube, at=fmt_datetime(at),
                               drawn=fmt_datetime(drawn_at))
        if elapsed(drawn_at, at) > MAX_AFTER_DRAW:
            raise InvalidEntry(field, "{label} of {tube} ({at}) is more than 24 hours after "
                               "its draw ({drawn})", label=label, tube=tube,
                               at=fmt_datetime(at), drawn=fmt_datetime(drawn_at))
    if frozen_at is None or kind.spin_within_min is None:
        return
    if spun_at is None:
        raise InvalidEntry("frozen_at", "Give the spin start of {tube} before its freeze time",
                           tube=tube)
    if frozen_at < spun_at:
        raise InvalidEntry("frozen_at", "Freeze time of {tube} ({at}) is before its spin "
                           "start ({spun})", tube=tube, at=fmt_datetime(frozen_at),
                           spun=fmt_datetime(spun_at))


def aliquot_id(tube_id: str, number: int) -> str:
    """The tube's ID and the aliquot's number: printable, unique, Code 128-safe."""
    return f"{tube_id}-{number}"


class AliquotState(StrEnum):
    """The life of a tube's plasma: drawn (not yet frozen), processed (aliquoted and
    frozen), stored (in a box position), shipped, received by the lab."""

    DRAWN = "drawn"
    PROCESSED = "processed"
    STORED = "stored"
    SHIPPED = "shipped"
    RECEIVED = "received"


def aliquot_state(frozen: bool, stored: bool, shipped: bool, received: bool
                  ) -> AliquotState:
    """Where an aliquot is in its life: `shipped` once its shipment has left."""
    if not frozen:
        return AliquotState.DRAWN
    if received:
        return AliquotState.RECEIVED
    if shipped:
        return AliquotState.SHIPPED
    return AliquotState.STORED if stored else AliquotState.PROCESSED


_POSITION = re.compile(r"\s*([A-Za-z])\s*-?\s*(\d{1,2})\s*")


def position_name(row: int, column: int) -> str:
    """Row 0, column 0 is A1."""
    return f"{chr(ord('A') + row)}{column + 1}"


def parse_position(text: str, rows: int, columns: int) -> tuple[int, int]:
    """"B3" (or "b-3") as (row, column) from 0, inside a box of `rows` x `columns`."""
    m = _POSITION.fullmatch(text or "")
    last = position_name(rows - 1, columns - 1)
    if m is None:
        raise InvalidEntry("position", "Position '{text}' is not a box position (A1 to "
                           "{last})", text=text, last=last)
    row, column = ord(m.group(1).upper()) - ord("A"), int(m.group(2)) - 1
    if not (0 <= row < rows and 0 <= column < columns):
        raise InvalidEntry("position", "Position {text} is outside the box (A1 to {last})",
                           text=text.strip().upper(), last=last)
    return row, column


def check_storable(aliquot: str, state: AliquotState, box: str, position: str,
                   occupant: str | None) -> None:
    """An aliquot may go into a free position while it is at the site (processed or
    stored); a position holds one aliquot."""
    if state is AliquotState.DRAWN:
        raise InvalidEntry("aliquot", "{aliquot} is not frozen yet: record its freeze time "
                           "first", aliquot=aliquot)
    if state not in (AliquotState.PROCESSED, AliquotState.STORED):
        raise InvalidEntry("aliquot", "{aliquot} is {state}: it is no longer at the site",
                           aliquot=aliquot, state=str(state))
    if occupant is not None and occupant != aliquot:
        raise InvalidEntry("position", "Position {position} of box {box} is taken by "
                           "{occupant}", position=position, box=box, occupant=occupant)


def check_box_label(label: str, taken: bool) -> str:
    text = (label or "").strip().upper()
    if not text:
        raise InvalidEntry("box", "Give the box's label")
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9._-]{0,39}", text):
        raise InvalidEntry("box", "Box label '{label}' may hold letters, digits, '-', '.' "
                           "and '_' only (it is printed as a barcode)", label=label)
    if taken:
        raise InvalidEntry("box", "There is already a box {label}", label=text)
    return text


__all__ = ["AliquotState", "BenchClock", "ClockState", "ProcessingDeviation", "aliquot_id",
           "aliquot_state", "bench_clock", "bench_clocks", "check_box_label",
           "check_processing", "check_storable", "parse_position", "position_name",
           "processing_deviations"]
