"""PK tubes as entered: each timepoint once, a time or a reason (not both), nothing ahead."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.errors import InvalidEntry
from app.rules.dates import fmt_datetime
from app.rules.pk import SampleSlot


@dataclass(frozen=True)
class SampleEntry:
    """One tube as the PK panel holds it: collected at a time, or not, with why."""

    timepoint: str
    collected_at: datetime | None = None
    not_collected_reason: str | None = None


def check_samples(entries: Sequence[SampleEntry], slots: Mapping[str, SampleSlot], code: str,
                  today: date) -> None:
    """The visit's own tubes, each entered once, with a time or a reason, none in the future."""
    seen: set[str] = set()
    for e in entries:
        if e.timepoint not in slots:
            raise InvalidEntry("timepoint", "{code} has no '{timepoint}' sample",
                                            code=code, timepoint=e.timepoint)
        field = f"sample:{e.timepoint}"
        label = slots[e.timepoint].label
        if e.timepoint in seen:
            raise InvalidEntry(field, "The {label} sample of {code} is entered twice",
                                      label=label, code=code)
        seen.add(e.timepoint)
        if e.collected_at and e.not_collected_reason:
            raise InvalidEntry(field, "The {label} sample has a time and a reason it was not "
                                      "collected: one only",
                                      label=label)
        if e.collected_at and e.collected_at.date() > today:
            raise InvalidEntry(field, "{collected_at} is in the future",
                                      collected_at=fmt_datetime(e.collected_at))


def check_dose_time(dose_at: datetime | None, today: date) -> None:
    if dose_at and dose_at.date() > today:
        raise InvalidEntry("dose_at", "The dose time {dose_at} is in the future",
                                      dose_at=fmt_datetime(dose_at))
