"""Files and databases a user points the app at, and the small ranges beside them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.amendment_entry import check_new_study
from app.rules.deviation_review import check_category
from app.rules.files_chosen import (
    check_demo_target,
    check_ics_path,
    check_not_open_database,
    import_kind,
    readable_workbook,
)
from app.rules.lookahead import MAX_LOOKAHEAD_DAYS, check_lookahead
from app.rules.refusals import missing_reason


def _refusal(call, *args) -> InvalidEntry:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value


def test_file_kinds_by_their_ending():
    check_ics_path(Path("visits.ICS"))
    assert _refusal(check_ics_path, Path("visits.csv")).message == (
        "visits.csv: an iCalendar file ends in .ics")
    assert import_kind(Path("p.CSV")) == "csv" and import_kind(Path("p.xlsx")) == "xlsx"
    assert _refusal(import_kind, Path("p.xls")).message == "p.xls: import a .csv or .xlsx file"


def test_an_unreadable_workbook_is_named():
    with pytest.raises(InvalidEntry) as info, readable_workbook(Path("p.xlsx")):
        raise KeyError("no sheet")
    assert info.value.message.startswith("p.xlsx is not a readable workbook (")


def test_the_open_database_and_a_real_one_are_refused():
    check_not_open_database("other.sqlite", False)
    assert _refusal(check_not_open_database, "site.sqlite", True, "path").field == "path"
    check_demo_target(False)
    assert _refusal(check_demo_target, True).field == "database"


@given(st.integers(-10, MAX_LOOKAHEAD_DAYS + 10))
def test_lookahead_from_today_to_ten_years(days):
    if 0 <= days <= MAX_LOOKAHEAD_DAYS:
        check_lookahead(days)
    else:
        assert _refusal(check_lookahead, days).field == "days"


def test_a_category_a_new_study_and_a_missing_reason():
    check_category("S", ["major", "minor"], None)
    check_category("S", ["major", "minor"], "minor")
    assert _refusal(check_category, "S", ["major", "minor"], "odd").message == (
        "Choose a category of S: major, minor")
    check_new_study("S", False)
    assert _refusal(check_new_study, "S", True).field == "study"
    error = _refusal(missing_reason, "Give a reason", "Visit: Actual date")
    assert (error.field, error.message) == ("reason", "Give a reason (Visit: Actual date)")
