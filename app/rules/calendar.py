"""The calendar engine, pure: (protocol, the patient's facts, today) -> visits with windows.

Cycles chain on the ACTUAL date of the previous day 1 (a delayed cycle shifts every later
one); scans anchor on C1D1 and never shift; end-of-treatment, safety and survival visits
anchor on the last dose. Stopping rules from the protocol cancel what no longer applies.
"Today" is passed in, never read from the clock, so the same facts give the same calendar.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from app.rules.dates import fmt_date, fmt_window
from app.rules.protocol import FIRST_DOSE, LAST_DOSE, PROJECTION, Protocol, Window


class VisitStatus(StrEnum):
    """Where a visit stands on a given day (the engine's word, the screen's colour)."""

    PLANNED = "planned"
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    DONE_OUT_OF_WINDOW = "done_out_of_window"
    MISSED = "missed"
    CANCELLED = "cancelled"


class DelayReason(StrEnum):
    TOXICITY = "toxicity"
    PATIENT = "patient"
    LOGISTICS = "logistics"
    OTHER = "other"


PLANNED, OPEN, OVERDUE = VisitStatus.PLANNED, VisitStatus.OPEN, VisitStatus.OVERDUE
DONE, DONE_OUT_OF_WINDOW = VisitStatus.DONE, VisitStatus.DONE_OUT_OF_WINDOW
MISSED, CANCELLED = VisitStatus.MISSED, VisitStatus.CANCELLED
STATUSES = tuple(VisitStatus)
DELAY_REASONS = tuple(DelayReason)

_EVENT_WORDS = {
    "last_dose": "the last dose",
    "progression": "progression",
    "new_anticancer_therapy": "the start of a new anticancer therapy",
    "lost_to_follow_up": "loss to follow-up",
    "end_of_study": "the end of the study",
    "death": "death",
    "withdrawal": "withdrawal of consent",
}


class ScheduleError(ValueError):
    """Facts that cannot be true; the message names the visit and the date."""

    def __init__(self, message: str, code: str | None = None, when: date | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.when = when


@dataclass(frozen=True, slots=True)
class CycleDelay:
    """A cycle's day 1 put off by `days` (dose held), with why."""

    code: str
    days: int
    reason: str


@dataclass(frozen=True)
class PatientFacts:
    """What is known of one patient, as recorded; everything else is derived."""

    first_dose: date
    done: Mapping[str, date] = field(default_factory=dict)
    missed: Mapping[str, str] = field(default_factory=dict)  # code -> reason
    delays: Mapping[str, CycleDelay] = field(default_factory=dict)
    last_dose: date | None = None
    progression: date | None = None
    new_anticancer_therapy: date | None = None
    lost_to_follow_up: date | None = None
    end_of_study: date | None = None
    death: date | None = None
    withdrawal: date | None = None
    screening_ended: date | None = None  # screen failure, or consent withdrawn undosed


@dataclass(frozen=True, slots=True)
class ScheduledVisit:
    code: str
    label: str
    kind: str
    target: date
    earliest: date
    latest: date
    anchor: str
    actual: date | None
    status: str
    cycle: int | None = None
    number: int | None = None
    reason: str | None = None  # why missed or cancelled
    delay: CycleDelay | None = None

    @property
    def window_text(self) -> str:
        return fmt_window(self.earliest, self.latest, self.target)

    def to_json(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "label": self.label,
            "target": self.target.isoformat(),
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "actual": self.actual.isoformat() if self.actual else None,
            "status": self.status,
        }


@dataclass(frozen=True)
class Calendar:
    visits: tuple[ScheduledVisit, ...]
    today: date

    def __iter__(self) -> Iterator[ScheduledVisit]:
        return iter(self.visits)

    def __len__(self) -> int:
        return len(self.visits)

    def get(self, code: str) -> ScheduledVisit | None:
        return next((v for v in self.visits if v.code == code), None)

    def __getitem__(self, code: str) -> ScheduledVisit:
        visit = self.get(code)
        if visit is None:
            raise KeyError(code)
        return visit

    def with_status(self, *statuses: str) -> list[ScheduledVisit]:
        return [v for v in self.visits if v.status in statuses]

    def to_json(self) -> dict[str, list[dict[str, str | None]]]:
        return {"visits": [v.to_json() for v in self.visits]}


def _sort_key(v: ScheduledVisit) -> tuple[date, str]:
    return (v.target, v.code)


class _Builder:
    """One calendar's construction; holds the facts so the steps stay short."""

    def __init__(self, protocol: Protocol, facts: PatientFacts, today: date,
                 matches: dict[str, tuple[str, dict[str, int]] | None]) -> None:
        self.p = protocol
        self.matches = matches
        self.f = facts
        self.today = today
        self.out: list[ScheduledVisit] = []
        self.resolved: dict[str, date] = {}
        self.stops = [
            (rule.kinds, rule.cancels == "window_open", when, rule.event)
            for rule in protocol.stopping
            if (when := getattr(facts, rule.event, None)) is not None
        ]

    def anchor(self, name: str) -> tuple[date | None, str]:
        if name == FIRST_DOSE:
            return self.f.first_dose, "first dose"
        if name == LAST_DOSE:
            return self.f.last_dose, "last dose"
        when = self.resolved.get(name)
        return when, f"{name} ({'actual' if name in self.f.done else 'target'})"

    def status(self, code: str, kind: str, target: date, earliest: date, latest: date
               ) -> tuple[str, str | None, date | None]:
        actual = self.f.done.get(code)
        if actual is not None:
            if actual < self.f.first_dose <= target:
                raise ScheduleError(
                    f"{code} is dated {fmt_date(actual)}, before the first dose "
                    f"({fmt_date(self.f.first_dose)})", code, actual)
            return (DONE if earliest <= actual <= latest else DONE_OUT_OF_WINDOW), None, actual
        if code in self.f.missed:
            return MISSED, self.f.missed[code] or None, None
        ended = self.f.screening_ended
        if ended is not None:
            why = "screen failure" if ended == self.f.end_of_study else "withdrawal of consent"
            return CANCELLED, f"after {why} in screening on {fmt_date(ended)}", None
        for kinds, window_open, when, event in self.stops:
            if kind in kinds and (target > when or (window_open and latest >= when)):
                return CANCELLED, f"after {_EVENT_WORDS[event]} on {fmt_date(when)}", None
        if self.today < earliest:
            return PLANNED, None, None
        if self.today <= latest:
            return OPEN, None, None
        return OVERDUE, None, None

    def emit(self, code: str, label: str, kind: str, target: date, window: Window,
             anchor: str, cycle: int | None = None, number: int | None = None,
             delay: CycleDelay | None = None) -> None:
        earliest = target - timedelta(days=window.before)
        latest = target + timedelta(days=window.after)
        status, reason, actual = self.status(code, kind, target, earliest, latest)
        self.out.append(ScheduledVisit(code, label, kind, target, earliest, latest, anchor,
                                       actual, status, cycle, number, reason, delay))
        self.resolved[code] = actual or target

    def delayed(self, code: str, nominal: date) -> tuple[date, CycleDelay | None]:
        delay = self.f.delays.get(code)
        return (nominal + timedelta(days=delay.days), delay) if delay else (nominal, None)

    def fixed_visits(self) -> None:
        cycles = self.p.cycles
        for v in self.p.visits:
            base, anchor = self.anchor(v.anchor)
            if base is None:
                continue  # anchored on a last dose that is not recorded yet
            target, delay = self.delayed(v.code, base + timedelta(days=v.offset_days))
            cycle = self.p.cycle_number(v.code) if cycles else None
            self.emit(v.code, v.label, v.kind, target, v.window,
                      f"{anchor} {v.offset_days:+d}" if v.offset_days else anchor,
                      cycle=cycle, delay=delay)

    def horizon(self) -> date:
        base, _ = self.anchor(self.p.projection_anchor)
        assert base is not None  # validated: the projection anchor is a visit
        return base + relativedelta(months=self.p.projection_months)

    def recorded_numbers(self, template: str, key: str) -> int:
        """The highest number of a repeating visit that has something recorded."""
        return max((m[1][key] for m in self.matches.values() if m and m[0] == template),
                   default=0)

    def cycle_visits(self, horizon: date) -> None:
        c = self.p.cycles
        if c is None:
            return
        previous = self.resolved.get(c.first_visit)
        if previous is None:
            return
        last_recorded = self.recorded_numbers(c.code, "n")
        length = timedelta(days=c.length_days)
        first_day = c.days[0]
        n = c.repeat_from
        prev_code = c.first_visit
        done = self.f.done
        while True:
            code = c.code_of(n, first_day.day)
            target, delay = self.delayed(code, previous + length)
            if target > horizon and n > last_recorded:
                return
            _, anchor = self.anchor(prev_code)
            self.emit(code, c.label.format(n=n, d=first_day.day), c.kind, target,
                      first_day.window, f"{anchor} +{c.length_days}", cycle=n, delay=delay)
            day1 = self.resolved[code]
            actual = done.get(code)
            prev_actual = done.get(prev_code)
            if actual and prev_actual and actual <= prev_actual:
                raise ScheduleError(
                    f"{code} is dated {fmt_date(actual)}, not after "
                    f"{prev_code} on {fmt_date(prev_actual)}", code, actual)
            prev_code = code
            for d in c.days[1:]:
                dcode = c.code_of(n, d.day)
                self.emit(dcode, c.label.format(n=n, d=d.day), c.kind,
                          day1 + timedelta(days=d.day - 1), d.window, f"{code} +{d.day - 1}",
                          cycle=n)
            previous = day1
            n += 1

    def series_visits(self, horizon: date) -> None:
        for s in self.p.series:
            base, anchor = self.anchor(s.anchor)
            if base is None:
                continue
            limit = (horizon - base).days if s.until == PROJECTION else (s.horizon_days or 0)
            last_recorded = self.recorded_numbers(s.code, "k")
            for k, offset in s.offsets(10**6):
                if offset > limit and k > last_recorded:
                    break
                self.emit(s.code.format(k=k), s.label.format(k=k, week=offset // 7), s.kind,
                          base + timedelta(days=offset), s.window, f"{anchor} +{offset}",
                          number=k)

    def build(self) -> Calendar:
        self.fixed_visits()
        horizon = self.horizon()
        self.cycle_visits(horizon)
        self.series_visits(horizon)
        produced = {v.code for v in self.out}
        for code, when in self.f.done.items():
            if code not in produced:
                raise ScheduleError(
                    f"{code} is recorded on {fmt_date(when)} but this patient's calendar has "
                    f"no {code}", code, when)
        self.out.sort(key=_sort_key)
        return Calendar(tuple(self.out), self.today)


def _match_recorded(protocol: Protocol, facts: PatientFacts
                    ) -> dict[str, tuple[str, dict[str, int]] | None]:
    """Each recorded code with the repeating visit it belongs to (None for a fixed visit)."""
    out: dict[str, tuple[str, dict[str, int]] | None] = {}
    for mapping in (facts.done, facts.missed, facts.delays):
        for code in mapping:
            if code not in out:
                if protocol.visit(code) is not None:
                    out[code] = None
                    continue
                matched = protocol.match_code(code)
                if matched is None:
                    raise ScheduleError(f"unknown visit code '{code}' in {protocol.path.name}",
                                        code)
                out[code] = matched
    return out


def validate_facts(protocol: Protocol, facts: PatientFacts, today: date,
                   matches: dict[str, tuple[str, dict[str, int]] | None] | None = None) -> None:
    """Refuse facts that cannot be true, naming the visit and the date."""
    if matches is None:
        matches = _match_recorded(protocol, facts)
    _check_visits_done(protocol, facts, today)
    _check_event_dates(facts, today)
    _check_delays(protocol, facts)


def _check_visits_done(protocol: Protocol, facts: PatientFacts, today: date) -> None:
    """A visit is done or missed, not both; not in the future; the first-dose visit is the
    first dose; nothing is done after a death."""
    for code in facts.missed:
        if code in facts.done:
            raise ScheduleError(
                f"{code} is both done (on {fmt_date(facts.done[code])}) and missed", code,
                facts.done[code])
    for code, when in facts.done.items():
        if when > today:
            raise ScheduleError(
                f"{code} is marked done on {fmt_date(when)}, which is in the future "
                f"(today is {fmt_date(today)})", code, when)
        if facts.death is not None and when > facts.death:
            raise ScheduleError(
                f"{code} is dated {fmt_date(when)}, after the death on "
                f"{fmt_date(facts.death)}", code, when)
    fdv = protocol.first_dose_visit
    if fdv in facts.done and facts.done[fdv] != facts.first_dose:
        raise ScheduleError(
            f"{fdv} is dated {fmt_date(facts.done[fdv])} but the first dose is "
            f"{fmt_date(facts.first_dose)}: {fdv} is the first dose", fdv, facts.done[fdv])


def _check_event_dates(facts: PatientFacts, today: date) -> None:
    """No event in the future; the last dose and progression not before the first dose."""
    for event, word in _EVENT_WORDS.items():
        when = getattr(facts, event)
        if when is not None and when > today:
            raise ScheduleError(f"the date of {word} ({fmt_date(when)}) is in the future "
                                f"(today is {fmt_date(today)})", None, when)
    for event in ("last_dose", "progression"):
        when = getattr(facts, event)
        if when is not None and when < facts.first_dose:
            raise ScheduleError(
                f"the date of {_EVENT_WORDS[event]} ({fmt_date(when)}) is before the first "
                f"dose ({fmt_date(facts.first_dose)})", None, when)


def _check_delays(protocol: Protocol, facts: PatientFacts) -> None:
    """Only a cycle's day 1 is delayed, by a day or more, for a known reason."""
    for code, delay in facts.delays.items():
        if not protocol.is_cycle_day1(code):
            raise ScheduleError(f"{code} is not the first day of a cycle: only a cycle's day 1 "
                                "can be delayed", code)
        if delay.days < 1:
            raise ScheduleError(f"the delay of {code} must be 1 day or more, not {delay.days}",
                                code)
        if delay.reason not in DELAY_REASONS:
            raise ScheduleError(f"the delay of {code} needs a reason: one of "
                                f"{', '.join(DELAY_REASONS)}", code)


def build_calendar(protocol: Protocol, facts: PatientFacts, today: date) -> Calendar:
    """Every visit of the patient's calendar, sorted by target date then code."""
    matches = _match_recorded(protocol, facts)
    validate_facts(protocol, facts, today, matches)
    return _Builder(protocol, facts, today, matches).build()
