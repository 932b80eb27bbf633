"""The order a patient's visits keep around the first dose, checked on each save: no
treatment visit done before a dose, screening and the baseline scan not after the first dose
(what was stored so before is left for `sitetrack check-data` to list); and an unscheduled
visit's own facts."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.first_dose import (
    DoseMissing,
    first_dose_date,
    screening_after_dose,
    treatment_before_dose,
)
from app.rules.future import not_in_future
from app.rules.protocol import Protocol


def refuse_treatment_before_dose(protocol: Protocol, done: Mapping[str, date],
                                 before: Iterable[DoseMissing]) -> None:
    """A treatment visit cannot be done before a dose: a change that would leave one so (a
    visit done, a dosing visit undone or moved later) is refused, naming the dose missing;
    `done` the calendar visits done once changed, `before` what was missing before it."""
    known = {(b.code, b.when) for b in before}
    new = [m for m in treatment_before_dose(protocol, done) if (m.code, m.when) not in known]
    if new:
        raise InvalidEntry("actual_date", new[0].message(protocol))


def refuse_pretreatment_after_dose(protocol: Protocol, done: Mapping[str, date],
                                   first_before: date | None,
                                   late_before: Collection[tuple[str, date]],
                                   baseline_scans: Iterable[date]) -> None:
    """Screening and the baseline scan come before the first dose: a visit done (a screening
    after the dose, or a first dose before them) that would leave one after it is refused.
    `done` once changed; `first_before` and `late_before` (screenings late already) before."""
    first = first_dose_date(protocol, done)
    if first is None:
        return
    for late in screening_after_dose(protocol, done):
        if (late.code, late.when) not in late_before:
            raise InvalidEntry("actual_date", "{code} on {when} would be after the first dose "
                                              "({first_dose}): screening is done before the "
                                              "first dose. Correct the date of {code} or of "
                                              "the dose",
                               code=late.code, when=fmt_date(late.when),
                               first_dose=fmt_date(late.first_dose))
    if first == first_before:
        return
    for scan_date in sorted(baseline_scans):
        if scan_date > first and (first_before is None or scan_date <= first_before):
            raise InvalidEntry("actual_date", "The baseline scan of {scan_date} would be after "
                                              "the first dose ({first_dose}): a baseline is on "
                                              "or before the first dose. Correct the date of "
                                              "the dose, or the scan's (Response)",
                               scan_date=fmt_date(scan_date),
                               first_dose=fmt_date(first))


def check_unscheduled(why: str | None, when: date, today: date, consent: date | None,
                      death: date | None) -> str:
    """An unscheduled visit: done with a reason, from consent to today (and not after a
    recorded death); the reason as recorded."""
    if not (why or "").strip():
        raise InvalidEntry("unscheduled_reason", "Give the reason for the unscheduled visit")
    not_in_future("actual_date", when, today)
    if consent and when < consent:
        raise InvalidEntry("actual_date", "{when} is before consent",
                                          when=fmt_date(when))
    if death and when > death:
        raise InvalidEntry("actual_date", "{when} is after the recorded death",
                                          when=fmt_date(when))
    return (why or "").strip()


__all__ = ["check_unscheduled", "refuse_pretreatment_after_dose",
           "refuse_treatment_before_dose"]
