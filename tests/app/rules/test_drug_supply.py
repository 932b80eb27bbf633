"""A dispensing's entry rules without a database; dosing only under a [dosing] section."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.dosing import Supply
from app.rules.drug_supply import SupplyForm, check_supply_form, dosing_of
from app.rules.protocol import default_protocol

TODAY = date(2026, 3, 2)
D = timedelta(days=1)
OK = SupplyForm(cycle=1, dispensed_on=TODAY - 21 * D, lot="L123", dispensed=42)


def _field(form: SupplyForm, today: date = TODAY) -> str:
    with pytest.raises(InvalidEntry) as info:
        check_supply_form(form, today)
    return info.value.field


def test_dosing_only_under_a_dosing_section():
    p = default_protocol()
    assert dosing_of(p) is p.dosing
    with pytest.raises(InvalidEntry) as info:
        dosing_of(replace(p, dosing=None))
    assert info.value.field == "kind"


def test_a_dispensing_gives_cycle_date_lot_and_count():
    assert check_supply_form(OK, TODAY) == Supply(1, 42)
    assert _field(replace(OK, cycle=None)) == "cycle"
    assert _field(replace(OK, dispensed_on=None)) == "dispensed_on"
    assert _field(replace(OK, lot="  ")) == "lot"
    assert _field(replace(OK, dispensed=None)) == "dispensed"
    assert _field(replace(OK, returned=3)) == "returned_on"
    assert _field(replace(OK, returned=50, returned_on=TODAY)) == "returned"  # check_supply


@given(st.integers(-40, 40), st.integers(-40, 40))
def test_dates_not_in_the_future_and_the_return_not_before_the_dispensing(out, back):
    form = replace(OK, dispensed_on=TODAY + out * D, returned_on=TODAY + back * D, returned=2)
    if out > 0:
        assert _field(form) == "dispensed_on"
    elif back < out or back > 0:
        assert _field(form) == "returned_on"
    else:
        assert check_supply_form(form, TODAY) == Supply(1, 42, 2)
