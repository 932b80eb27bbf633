"""A tumour scan's record beyond its form's fields: a baseline near enough the first dose,
one assessment per date, and lesion sizes stored in tenths of a millimetre."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.efficacy import baseline_problem

TEN = Decimal(10)


def tenths_of_mm(value: Decimal | None, where: str) -> int | None:
    """A size in millimetres to one decimal, as stored (tenths); `where` names the lesion."""
    if value is None:
        return None
    tenths = value * TEN
    if tenths != tenths.to_integral_value() or value < 0:
        raise InvalidEntry("lesions", "{where}: give millimetres to one decimal (e.g. 23.1)",
                                      where=where)
    return int(tenths)


def check_scan_date(when: date, baseline: bool, first_dose: date | None, max_days: int,
                    other_dates: Iterable[date]) -> None:
    """A baseline within `max_days` before the first dose (efficacy.baseline_problem), and
    no other scan of the patient (`other_dates`) on the same day."""
    if baseline:
        problem = baseline_problem(when, first_dose, max_days)
        if problem:
            raise InvalidEntry("baseline", problem)
    if when in set(other_dates):
        raise InvalidEntry("scan_date", "A scan of {when} is already recorded: one "
                                        "assessment per date",
                                        when=fmt_date(when))


__all__ = ["check_scan_date", "tenths_of_mm"]
