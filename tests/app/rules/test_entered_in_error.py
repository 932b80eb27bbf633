"""What may be marked entered in error, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InvalidEntry
from app.rules.entered_in_error import (
    check_contact_removable,
    check_not_calendar_visit,
    check_removal,
)

WORDS = {"ae": "adverse event", "scan": "scan"}
DAY = date(2026, 2, 1)


def _field(call, *args) -> str:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value.field


def test_a_known_kind_with_a_reason():
    assert check_removal("scan", "duplicate", WORDS) == "scan"
    assert _field(check_removal, "visit", "x", WORDS) == "record"
    assert _field(check_removal, "ae", "  ", WORDS) == "reason"
    check_not_calendar_visit("unscheduled", True)
    assert _field(check_not_calendar_visit, "unscheduled", False) == "record"


def test_a_contact_end_of_treatment_still_records_is_kept():
    check_contact_removable("alive", DAY, None, None, None)
    check_contact_removable("dead", DAY, DAY, None, None)  # the death cleared there first
    check_contact_removable("lost", DAY, None, None, date(2026, 3, 1))
    assert _field(check_contact_removable, "dead", DAY, DAY, DAY, None) == "record"
    assert _field(check_contact_removable, "lost", DAY, None, None, DAY) == "record"
