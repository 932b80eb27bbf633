"""Nothing is recorded as having happened after today: the one rule behind every form's
"... is in the future", worded in each form's own words."""

from __future__ import annotations

from datetime import date

from app.errors import InvalidEntry
from app.rules.dates import fmt_date

IN_FUTURE = "{when} is in the future"


def not_in_future(field: str, when: date | None, today: date, message: str = IN_FUTURE, /,
                  **values: object) -> None:
    """InvalidEntry on `field` when `when` is after `today` (both dates, or both date-times);
    nothing when it is empty. `message` is the form's sentence: its `{when}` is the date as
    DD-MMM-YYYY unless `values` give it, its other blanks come from `values` (any name: the
    first four are given by position)."""
    if when is None or when <= today:
        return
    if "{when}" in message and "when" not in values:
        values = {"when": fmt_date(when), **values}
    raise InvalidEntry(field, message, **values)


__all__ = ["IN_FUTURE", "not_in_future"]
