"""Protocol amendments: which version of a study's protocol a patient follows, and what an
amendment changes in a calendar.

A patient follows the first version until they re-consent to a later one; a patient who
consents on or after an amendment's effective date consents to it directly. Visits already
done were made by the version in force on their day and never move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.rules.calendar import CANCELLED, DONE, DONE_OUT_OF_WINDOW, MISSED, ScheduledVisit
from app.rules.dates import fmt_date

SETTLED = frozenset({DONE, DONE_OUT_OF_WINDOW, MISSED, CANCELLED})


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a study's protocol, in the order they were added."""

    id: int
    label: str
    effective: date | None  # None: the first version, in force from the start


def in_force(versions: Sequence[Version], consent: date | None,
             reconsents: Mapping[int, date], on: date | None = None) -> Version:
    """The version a patient follows (on day `on`: only the re-consents given by then).

    `versions` is never empty: a study exists only with its first version."""
    chosen = versions[0]
    for v in versions[1:]:
        signed = reconsents.get(v.id)
        reconsented = signed is not None and (on is None or signed <= on)
        consented_after = (consent is not None and v.effective is not None
                           and consent >= v.effective)
        if reconsented or consented_after:
            chosen = v
    return chosen


def amendment_problem(effective: date, versions: Sequence[Version]) -> str | None:
    """An amendment applies from a date no earlier than the study's latest version."""
    latest = max((v.effective for v in versions if v.effective is not None), default=None)
    if latest is not None and effective < latest:
        return (f"the amendment cannot apply from {fmt_date(effective)}: the study's latest "
                f"version applies from {fmt_date(latest)}")
    return None


@dataclass(frozen=True, slots=True)
class VisitChange:
    """One future visit an amendment adds, removes or moves."""

    code: str
    label: str
    before: date | None  # None: the amendment adds the visit
    after: date | None  # None: the amendment removes it

    @property
    def text(self) -> str:
        if self.before is None:
            return f"{self.code} added on {fmt_date(self.after)}"
        if self.after is None:
            return f"{self.code} of {fmt_date(self.before)} removed"
        return f"{self.code} moves from {fmt_date(self.before)} to {fmt_date(self.after)}"


def visit_changes(before: Iterable[ScheduledVisit], after: Iterable[ScheduledVisit]
                  ) -> list[VisitChange]:
    """The visits still to come that differ between two calendars of one patient (visits
    done, missed or cancelled are the record and never change)."""
    old = {v.code: v for v in before if v.status not in SETTLED}
    new = {v.code: v for v in after if v.status not in SETTLED}
    out = []
    for code, v in new.items():
        was = old.get(code)
        if was is None:
            out.append(VisitChange(code, v.label, None, v.target))
        elif was.target != v.target:
            out.append(VisitChange(code, v.label, was.target, v.target))
    out += [VisitChange(code, v.label, v.target, None) for code, v in old.items()
            if code not in new]
    return sorted(out, key=lambda c: (c.after or c.before or date.max, c.code))
