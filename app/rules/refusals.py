"""A rule's own refusal (a ValueError of the calendar, PK, RECIST, partial-date or time-zone
rules) said on the form field it belongs to, as an InvalidEntry in the rule's words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from app.errors import InvalidEntry


@contextmanager
def on_field(field: str, *kinds: type[ValueError]) -> Iterator[None]:
    """Inside, a refusal of `kinds` (any ValueError if none named) becomes InvalidEntry on
    `field`, its message the rule's."""
    caught: tuple[type[ValueError], ...] = kinds or (ValueError,)
    try:
        yield
    except caught as exc:
        raise InvalidEntry(field, str(exc)) from None


def missing_reason(problem: str, what: str) -> NoReturn:
    """A change to saved data made without its reason (what the audit trail requires),
    refused on the form's reason field, naming what was changed in the screen's words."""
    raise InvalidEntry("reason", "{problem} ({what})", problem=problem, what=what)


__all__ = ["missing_reason", "on_field"]
