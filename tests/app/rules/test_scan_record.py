"""A scan's record rules without a database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.scan_record import check_scan_date, tenths_of_mm

DOSE = date(2026, 1, 10)
D = timedelta(days=1)


@given(st.decimals(min_value=Decimal("-5"), max_value=Decimal("500"), places=2))
def test_sizes_are_stored_in_tenths_of_a_millimetre(mm):
    if mm < 0 or (mm * 10) % 1:
        with pytest.raises(InvalidEntry) as info:
            tenths_of_mm(mm, "T1")
        assert info.value.message == "T1: give millimetres to one decimal (e.g. 23.1)"
    else:
        assert tenths_of_mm(mm, "T1") == int(mm * 10)
    assert tenths_of_mm(None, "T1") is None


def test_a_baseline_near_the_first_dose_and_one_scan_a_day():
    check_scan_date(DOSE - 5 * D, True, DOSE, 28, [DOSE - 40 * D])
    check_scan_date(DOSE + 40 * D, False, DOSE, 28, [DOSE - 5 * D])
    with pytest.raises(InvalidEntry) as late:
        check_scan_date(DOSE + D, True, DOSE, 28, [])
    assert late.value.field == "baseline"
    with pytest.raises(InvalidEntry) as twice:
        check_scan_date(DOSE + 40 * D, False, DOSE, 28, [DOSE + 40 * D])
    assert twice.value.message == ("A scan of 19-FEB-2026 is already recorded: one "
                                   "assessment per date")
