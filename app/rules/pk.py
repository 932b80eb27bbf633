"""PK sampling rules, pure: which tubes a visit draws, when each is due, how late it was.

Times count from the dose each sample belongs to: the visit's own dose, or for the 24 h and
48 h lead-in samples the Day -7 dose, and for C1D2's 24 h sample the C1D1 dose (the
protocol file's `dose_of`). A sample's deviation is actual - (dose + nominal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache

from app.rules.dates import fmt_datetime
from app.rules.protocol import PkTimepoint, PkVisit, Protocol
from app.rules.site_time import TimeProblem, elapsed, later, local_instant, utc

#: a collection time further than this from its nominal time is a typing error, not a deviation
MAX_OFFSET = timedelta(hours=24)


class SampleFlag(StrEnum):
    """What the PK listing says of a tube (blank until it is drawn or given up)."""

    NONE = ""
    WITHIN = "within tolerance"
    OUT = "OUT OF TOLERANCE"
    NOT_COLLECTED = "not collected"

    @property
    def needs_review(self) -> bool:
        """Out of tolerance or not collected: a deviation to look at."""
        return self in (SampleFlag.OUT, SampleFlag.NOT_COLLECTED)


def sample_flag(collected: bool, not_collected: bool, within: bool | None) -> SampleFlag:
    if not_collected:
        return SampleFlag.NOT_COLLECTED
    if not collected or within is None:
        return SampleFlag.NONE
    return SampleFlag.WITHIN if within else SampleFlag.OUT


class PkError(ValueError):
    """A PK entry that cannot be right; the message names the visit and the timepoint."""


@dataclass(frozen=True, slots=True)
class SampleSlot:
    """One tube of one visit, as the protocol defines it."""

    visit: str
    timepoint: PkTimepoint
    dose_of: str  # the visit whose dose the nominal time counts from

    @property
    def id(self) -> str:
        return self.timepoint.id

    @property
    def label(self) -> str:
        return self.timepoint.label


@dataclass(frozen=True, slots=True)
class SampleTime:
    """When a tube is due, from the actual dose time."""

    slot: SampleSlot
    nominal: datetime
    earliest: datetime
    latest: datetime

    def to_json(self) -> dict[str, str]:
        fmt = "%Y-%m-%dT%H:%M"
        return {"timepoint": self.slot.label, "nominal": self.nominal.strftime(fmt),
                "earliest": self.earliest.strftime(fmt), "latest": self.latest.strftime(fmt)}


@dataclass(frozen=True, slots=True)
class SampleCheck:
    deviation_min: float  # actual - nominal, in minutes (negative: early)
    within: bool

    @property
    def text(self) -> str:
        sign = "+" if self.deviation_min > 0 else ("-" if self.deviation_min < 0 else "±")
        minutes = abs(self.deviation_min)
        shown = f"{minutes:.0f}" if minutes == int(minutes) else f"{minutes:.1f}"
        return f"{sign}{shown} min"


@lru_cache(maxsize=256)
def _cycle_pattern(template: str) -> re.Pattern[str]:
    """A cycle template's visit codes (C{n}D1: C2D1, C3D1...), made once per template."""
    return re.compile(re.escape(template).replace(re.escape("{n}"), r"(?P<n>\d+)"))


def pk_visit(protocol: Protocol, code: str) -> PkVisit | None:
    """The protocol's PK entry for a visit code (fixed, or a cycle template like C{n}D1)."""
    for pv in protocol.pk_visits:
        if pv.visit == code:
            return pv
        if pv.from_cycle is not None and "{n}" in pv.visit:
            m = _cycle_pattern(pv.visit).fullmatch(code)
            if m and int(m.group("n")) >= pv.from_cycle:
                return pv
    return None


def has_pk(protocol: Protocol, code: str) -> bool:
    return pk_visit(protocol, code) is not None


def slots(protocol: Protocol, code: str) -> list[SampleSlot]:
    """The tubes of a visit, in protocol order; PkError if the visit has no PK."""
    pv = pk_visit(protocol, code)
    if pv is None:
        raise PkError(f"{code} has no PK sampling in {protocol.code}")
    by_id = {t.id: t for t in protocol.pk_timepoints}
    return [SampleSlot(code, by_id[t], pv.dose_of or code) for t in pv.timepoints]


def times_for(slot: SampleSlot, dose_at: datetime) -> SampleTime:
    """Nominal time and window of a tube, in real time after an aware dose instant (the 24 h
    tube across a daylight-saving change is 24 real hours, shown on the new clock)."""
    t = slot.timepoint
    nominal = later(dose_at, timedelta(minutes=t.nominal_min))
    return SampleTime(slot, nominal, later(nominal, -timedelta(minutes=t.before_min)),
                      later(nominal, timedelta(minutes=t.after_min)))


def sample_times(protocol: Protocol, code: str, dose_at: datetime) -> list[SampleTime]:
    """Every tube of `code` with its nominal clock time and window, from the dose it counts
    from (for LI24/LI48 the Day -7 dose, for C1D2 the C1D1 dose)."""
    return [times_for(s, dose_at) for s in slots(protocol, code)]


def check(due: SampleTime, collected_at: datetime, dose_at: datetime | None = None
          ) -> SampleCheck:
    """The deviation of a collection time; PkError when it cannot be right.

    `dose_at` is the dose the sample counts from (defaults to nominal - nominal minutes).
    """
    t = due.slot.timepoint
    dose = dose_at or later(due.nominal, -timedelta(minutes=t.nominal_min))
    where = f"{due.slot.visit} {t.label} sample at {fmt_datetime(collected_at)}"
    if not t.pre_dose and elapsed(dose, collected_at) < timedelta(0):
        raise PkError(f"{where} is before the dose it follows ({fmt_datetime(dose)})")
    off = elapsed(due.nominal, collected_at)
    if abs(off) > MAX_OFFSET:
        raise PkError(f"{where} is more than 24 hours from its nominal time "
                      f"({fmt_datetime(due.nominal)})")
    deviation = off.total_seconds() / 60
    within = utc(due.earliest) <= utc(collected_at) <= utc(due.latest)
    return SampleCheck(deviation, within)


def nearest_datetime(nominal: datetime, clock: time) -> datetime:
    """A typed clock time on the day that puts it nearest the nominal time, in the nominal
    time's zone (the site's). A 4 h sample after a 22:00 dose typed as 02:05 is the next
    day's 02:05. TimeProblem when that time does not exist (a spring-forward gap)."""
    zone = nominal.tzinfo
    if zone is None:
        raise TimeProblem("the nominal time has no time zone")
    candidates = []
    problem = None
    for d in (-1, 0, 1):
        try:
            candidates.append(local_instant(nominal.date() + timedelta(days=d), clock, zone))
        except TimeProblem as exc:
            problem = exc
    if not candidates and problem is not None:
        raise problem
    best = min(candidates, key=lambda c: abs(elapsed(nominal, c)))
    if problem is not None and abs(elapsed(nominal, best)) > timedelta(hours=12):
        raise problem
    return best


def sample_id(study: str, subject: str, visit: str, timepoint_id: str) -> str:
    """Unique, deterministic and readable: STUDY-SUBJECT-VISIT-TIMEPOINT (Code128-safe)."""
    tp = timepoint_id.upper()
    return f"{study}-{subject}-{visit}-{tp}".upper()


def dose_datetime(day: date, clock: time, zone: tzinfo) -> datetime:
    """The dose instant typed as a clock time on a day at the site."""
    return local_instant(day, clock, zone)
