"""Dosing rules, pure: the level a patient is at on a day, whether a dose modification is
allowed, compliance per cycle, and who is DLT-evaluable. No database, no clock: "today" is
passed in, so that the same data give the same answer on every screen and in every test.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.errors import InvalidEntry, Phrase
from app.rules.dates import fmt_date
from app.rules.protocol.dosing import Dosing, Escalation
from app.wording.words import count


class ModKind(StrEnum):
    REDUCTION = "reduction"
    RE_ESCALATION = "re-escalation"
    HOLD = "hold"


MOD_KINDS = tuple(ModKind)
HOLD = ModKind.HOLD


@dataclass(frozen=True, slots=True)
class Modification:
    kind: str
    start: date
    end: date | None = None  # a hold's last day held; None: ongoing
    from_level: str | None = None
    to_level: str | None = None
    reason: str = ""
    ae_id: int | None = None
    id: int | None = None

    def holds(self, day: date) -> bool:
        return (self.kind == ModKind.HOLD and self.start <= day
                and (self.end is None or day <= self.end))


def level_on(enrolled_at: str | None, mods: Iterable[Modification], day: date) -> str | None:
    """The dose level a patient is at on `day`: the enrolment level, then each reduction or
    re-escalation from its start."""
    level = enrolled_at
    for m in sorted(mods, key=lambda m: (m.start, m.id or 0)):
        if m.kind != ModKind.HOLD and m.start <= day and m.to_level:
            level = m.to_level
    return level


def held_on(mods: Iterable[Modification], day: date) -> Modification | None:
    """The hold in force on `day`, if any."""
    return next((m for m in mods if m.holds(day)), None)


def hold_days(mods: Iterable[Modification], first: date, last: date) -> int:
    """Days from `first` to `last` (both included) on which the dose was held; an ongoing
    hold counts up to `last`."""
    days = 0
    for m in mods:
        if m.kind != ModKind.HOLD:
            continue
        lo, hi = max(first, m.start), min(last, m.end or last)
        days += max(0, (hi - lo).days + 1)
    return days


def check_modification(dosing: Dosing, enrolled_at: str | None, new: Modification,
                       others: Sequence[Modification], first_dose: date | None, today: date,
                       ) -> Modification:
    """The modification as it will be saved (with the level it starts from), or InvalidEntry
    naming the field and the protocol's rule. `others` are the patient's other live ones."""
    if new.kind not in MOD_KINDS:
        raise InvalidEntry("kind", "Choose what changed: a reduction, a re-escalation or a hold")
    if first_dose is not None and new.start < first_dose:
        raise InvalidEntry("start", "The first dose was on {first_dose}: a dose modification "
                                    "cannot start before it",
                                    first_dose=fmt_date(first_dose))
    if new.start > today:
        raise InvalidEntry("start", "{start} is in the future: record a dose modification once "
                                    "it has started",
                                    start=fmt_date(new.start))
    if not new.reason.strip():
        raise InvalidEntry("why", "Give the reason for the dose modification")
    if new.kind == ModKind.HOLD:
        return _check_hold(dosing, new, others, today)
    if new.end is not None:
        raise InvalidEntry("end", "Only a hold has an end: a new dose level holds until the "
                           "next modification")
    return _check_level_change(dosing, enrolled_at, new, others)


def _check_level_change(dosing: Dosing, enrolled_at: str | None, new: Modification,
                        others: Sequence[Modification]) -> Modification:
    current = level_on(enrolled_at, others, new.start)
    to = new.to_level
    if to is None:
        raise InvalidEntry("to_level", "Choose the new dose level")
    rank, now_rank = dosing.rank(to), dosing.rank(current)
    if rank is None:
        raise InvalidEntry("to_level", "The protocol has no dose level '{to}' on its ladder "
                                       "({ladder})",
                                       to=to, ladder=', '.join(dosing.ladder))
    if now_rank is None:
        raise InvalidEntry("to_level", "The current dose level '{current}' is not on the "
                                       "protocol's ladder, so it cannot be stepped from",
                                       current=current or 'none')
    if new.kind == ModKind.REDUCTION and rank >= now_rank:
        raise InvalidEntry("to_level", "{to} is not below the dose level the patient is at on "
                                       "{start} ({current})",
                                       to=to, start=fmt_date(new.start), current=current)
    if new.kind == ModKind.RE_ESCALATION:
        if not dosing.re_escalation:
            raise InvalidEntry("kind", "The protocol does not allow re-escalation after a "
                               "dose reduction")
        start_rank = dosing.rank(enrolled_at)
        if rank <= now_rank:
            raise InvalidEntry("to_level", "{to} is not above the dose level the patient is at "
                                           "on {start} ({current})",
                                           to=to, start=fmt_date(new.start), current=current)
        if start_rank is not None and rank > start_rank:
            raise InvalidEntry("to_level", "A re-escalation goes back at most to the starting "
                                           "dose level ({enrolled_at})",
                                           enrolled_at=enrolled_at)
    return Modification(new.kind, new.start, None, current, to, new.reason.strip(),
                        new.ae_id, new.id)


def _check_hold(dosing: Dosing, new: Modification, others: Sequence[Modification],
                today: date) -> Modification:
    if new.end is not None and new.end < new.start:
        raise InvalidEntry("end", "The hold cannot end ({end}) before it started ({start})",
                                  end=fmt_date(new.end), start=fmt_date(new.start))
    if new.end is not None and new.end > today:
        raise InvalidEntry("end", "{end} is in the future: leave the end empty while the dose is "
                                  "still held",
                                  end=fmt_date(new.end))
    longest = dosing.max_hold_days
    if longest is not None and new.end is not None:
        days = (new.end - new.start).days + 1
        if days > longest:
            raise InvalidEntry("end", "A hold of {days} is longer than the {longest} days the "
                                      "protocol allows: the patient stops treatment instead (End "
                                      "of treatment)",
                                      days=count(days, 'day'), longest=longest)
    for m in others:
        if m.kind == ModKind.HOLD and m.id != new.id and m.start <= (new.end or date.max) \
                and new.start <= (m.end or date.max):
            until = fmt_date(m.end) if m.end else "ongoing"
            raise InvalidEntry("start", "The dose is already held from {start} ({until}): end "
                                        "that hold first",
                                        start=fmt_date(m.start), until=until)
    return Modification(new.kind, new.start, new.end, None, None, new.reason.strip(),
                        new.ae_id, new.id)


def hold_overrun(dosing: Dosing, mods: Iterable[Modification], today: date
                 ) -> Modification | None:
    """An ongoing hold already longer than the protocol allows (the patient should stop)."""
    if dosing.max_hold_days is None:
        return None
    for m in mods:
        if m.kind == ModKind.HOLD and m.end is None \
                and (today - m.start).days + 1 > dosing.max_hold_days:
            return m
    return None


# --- dispensing and compliance ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Supply:
    """One dispensing of one cycle: tablets out, tablets back, doses the diary missed."""

    cycle: int
    dispensed: int
    returned: int | None = None
    missed_doses: int | None = None


def check_supply(s: Supply) -> None:
    if s.cycle < 1:
        raise InvalidEntry("cycle", "The cycle is a number from 1")
    if s.dispensed < 1:
        raise InvalidEntry("dispensed", "Give the number of tablets dispensed (1 or more)")
    if s.returned is not None and s.returned < 0:
        raise InvalidEntry("returned", "Tablets returned cannot be negative")
    if s.returned is not None and s.returned > s.dispensed:
        raise InvalidEntry("returned", "{returned} returned is more than the {dispensed} dispensed",
                                       returned=count(s.returned, 'tablet'), dispensed=s.dispensed)
    if s.missed_doses is not None and s.missed_doses < 0:
        raise InvalidEntry("missed_doses", "Missed doses cannot be negative")


#: how a cycle's doses taken are known: the tablets counted back, or the patient's diary
TABLET_COUNT, DIARY = COMPLIANCE_SOURCES = ("tablet count", "diary")


@dataclass(frozen=True, slots=True)
class Compliance:
    cycle: int
    planned: int  # doses the protocol plans in the cycle
    taken: int | None  # None: not known yet (nothing returned, no diary)
    source: str  # one of COMPLIANCE_SOURCES, or "" while not known
    held: int = 0  # doses not given because the dose was held

    @property
    def percent(self) -> float | None:
        if self.taken is None or not self.planned:
            return None
        return 100.0 * self.taken / self.planned

    @property
    def text(self) -> Phrase:
        if self.percent is None:
            return Phrase("not known yet")
        return Phrase("{taken} of {planned} planned doses ({percent} %, by {source})",
                      taken=self.taken, planned=self.planned, percent=f"{self.percent:.0f}",
                      source=Phrase(self.source))


def compliance(dosing: Dosing, cycle: int, cycle_days: int, supplies: Sequence[Supply],
               tablets_per_dose: int | Sequence[int], held_days: int = 0) -> Compliance:
    """Doses taken over doses planned in one cycle: by the tablets counted back when every
    supply of the cycle was returned, else by the diary's missed doses.

    `tablets_per_dose` is one number when the level stays the same all cycle, else the
    tablets a dose takes on each day the cycle plans a dose, in day order (held days left
    out): after a dose reduction in the middle of a cycle, the tablets are counted at the
    level in force on each day, not at the cycle's starting level."""
    planned = cycle_days * dosing.doses_per_day
    held = held_days * dosing.doses_per_day
    mine = [s for s in supplies if s.cycle == cycle]
    if mine and all(s.returned is not None for s in mine):
        out = sum(s.dispensed - (s.returned or 0) for s in mine)
        per_day = ([tablets_per_dose] * cycle_days if isinstance(tablets_per_dose, int)
                   else list(tablets_per_dose))
        taken = doses_covered(out, per_day, dosing.doses_per_day)
        return Compliance(cycle, planned, min(planned, taken), TABLET_COUNT, held)
    if mine and all(s.missed_doses is not None for s in mine):
        missed = sum(s.missed_doses or 0 for s in mine)
        return Compliance(cycle, planned, max(0, planned - missed - held), DIARY, held)
    return Compliance(cycle, planned, None, "", held)


def doses_covered(tablets: int, per_day: Sequence[int], doses_per_day: int = 1) -> int:
    """The doses `tablets` make up, taken in day order at each day's tablets per dose until
    they run out; tablets left after the last planned day count at that day's level."""
    taken, left = 0, max(0, tablets)
    for need in per_day:
        need = max(1, need)
        for _ in range(doses_per_day):
            if left < need:
                return taken
            left -= need
            taken += 1
    return taken + left // max(1, per_day[-1] if per_day else 1)


# --- DLT evaluability -----------------------------------------------------------------------

class Evaluable(StrEnum):
    YES = "evaluable"
    NO = "not evaluable"
    PENDING = "not yet known"


@dataclass(frozen=True, slots=True)
class Evaluability:
    status: Evaluable
    why: Phrase
    dlt: bool = False
    period_over: bool = False


def evaluability(escalation: Escalation, period: tuple[date, date] | None,
                 dlt_onsets: Sequence[tuple[date, str]], cycle1: Compliance | None,
                 stopped_on: date | None, today: date) -> Evaluability:
    """Whether a Part 1 patient counts for the SMC's dose decision, and why: a DLT in the
    DLT period makes the patient evaluable; without one, the patient must complete the
    period having taken enough of the planned cycle-1 doses."""
    if period is None:
        return Evaluability(Evaluable.PENDING, Phrase("not dosed yet: the DLT period starts "
                                                      "at the first dose"))
    start, end = period
    over = today > end
    inside = sorted(d for d in dlt_onsets if start <= d[0] <= end)
    if inside:
        day, term = inside[0]
        return Evaluability(Evaluable.YES, Phrase("DLT: {term} on {onset}", term=term,
                                                  onset=fmt_date(day)), True, over)
    if stopped_on is not None and stopped_on < end:
        return Evaluability(Evaluable.NO, Phrase(
            "stopped treatment on {stopped_on}, before the DLT period ended ({period_end}), "
            "without a DLT", stopped_on=fmt_date(stopped_on), period_end=fmt_date(end)),
                            False, over)
    if not over:
        return Evaluability(Evaluable.PENDING, Phrase("DLT period ends {period_end}",
                                                      period_end=fmt_date(end)))
    need = escalation.evaluable_min_percent
    if cycle1 is None or cycle1.percent is None:
        return Evaluability(Evaluable.PENDING, Phrase(
            "cycle 1 compliance not known: record the tablets returned or the diary's missed "
            "doses"), False, True)
    if cycle1.percent + 1e-9 >= need:
        return Evaluability(Evaluable.YES, Phrase("no DLT; took {compliance}",
                                                  compliance=cycle1.text), False, True)
    return Evaluability(Evaluable.NO, Phrase(
        "no DLT; took {compliance}, under the {needed} % the protocol needs",
        compliance=cycle1.text, needed=need), False, True)


def delays_from_holds(day1s: Sequence[tuple[str, date, date | None]],
                      mods: Iterable[Modification]) -> dict[str, int]:
    """Cycles pushed back by a hold: the first day 1 not yet done whose target falls in a
    hold that has ended starts the day after the hold (the cycles after it follow, since
    each day 1 is anchored on the one before). `day1s`: (code, target, actual)."""
    for code, target, actual in sorted(day1s, key=lambda v: v[1]):
        if actual is not None:
            continue
        for m in mods:
            if m.kind == ModKind.HOLD and m.end is not None and m.start <= target <= m.end:
                return {code: (m.end - target).days + 1}
    return {}


__all__ = ["COMPLIANCE_SOURCES", "HOLD", "MOD_KINDS", "Compliance", "Evaluability", "Evaluable",
           "ModKind", "Modification", "Supply", "check_modification", "check_supply",
           "compliance", "delays_from_holds", "doses_covered", "evaluability", "held_on",
           "hold_days", "hold_overrun", "level_on"]
