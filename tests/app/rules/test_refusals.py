"""A rule's refusal said on its form field."""

from __future__ import annotations

import pytest

from app.errors import InvalidEntry
from app.rules.calendar import ScheduleError
from app.rules.partial_dates import parse_partial
from app.rules.pk import PkError
from app.rules.refusals import on_field


def test_a_rule_refusal_becomes_an_entry_error_on_its_field_in_its_words():
    with pytest.raises(InvalidEntry) as info, on_field("visit", PkError):
        raise PkError("C1D1 has no PK tube 2h")
    assert (info.value.field, info.value.message) == ("visit", "C1D1 has no PK tube 2h")
    with pytest.raises(InvalidEntry) as parsed, on_field("death_date"):
        parse_partial("32-JAN-2026")
    assert parsed.value.field == "death_date" and parsed.value.message


def test_other_refusals_pass_through_and_braces_stay_as_written():
    with pytest.raises(ScheduleError), on_field("visit", PkError):
        raise ScheduleError("not a PK problem")
    with pytest.raises(InvalidEntry) as info, on_field("lesions"):
        raise ValueError("lesion {T1} twice")
    assert info.value.message == "lesion {T1} twice"
    with on_field("x"):
        pass
