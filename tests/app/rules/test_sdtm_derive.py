"""Planned visit numbers, age, treatment name, exposure intervals."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.rules.protocol import default_protocol
from app.rules.sdtm_derive import (
    Dose,
    Span,
    age_at,
    exposure_spans,
    short_code,
    treatment_name,
    visit_number,
)

PROTOCOL = default_protocol()


def test_visit_numbers_come_from_the_protocol_one_to_one():
    codes = [v.code for v in PROTOCOL.visits] + [f"C{n}D{d}" for n in range(2, 30)
                                                  for d in (1, 8, 15)]
    codes += [f"TA{k}" for k in range(1, 20)] + [f"SURV{k}" for k in range(1, 10)]
    codes += [f"UNS{k}" for k in range(1, 5)]
    numbers = {code: visit_number(PROTOCOL, code) for code in codes}
    known = {c: n for c, n in numbers.items() if n is not None}
    assert len(set(known.values())) == len(known)
    assert numbers["SCR"] == 1.0 and numbers["C2D1"] == 201.0 and numbers["TA3"] == 10003.0
    assert numbers["UNS2"] == 900002.0
    assert visit_number(PROTOCOL, "NOPE") is None


@given(st.integers(1900, 2010), st.dates(date(2015, 1, 1), date(2035, 12, 31)))
def test_age_from_the_year_of_birth_is_within_a_year(year, day):
    age = age_at(year, day)
    assert age is not None and day.year - year - 1 <= age <= day.year - year
    assert age_at(None, day) is None


def test_treatment_name_and_test_codes():
    assert treatment_name(PROTOCOL) == "IMP7068"
    assert short_code("IMP7068") == "IMP7068"
    assert short_code("ABC-2201") == "ABC2201"
    assert short_code("7-drug long name") == "X7DRUGLO"


def test_a_lead_in_then_daily_dosing_with_a_reduction():
    doses = [Dose(date(2026, 1, 1), "DL2", True), Dose(date(2026, 1, 8), "DL2", False),
             Dose(date(2026, 1, 29), "DL2", False), Dose(date(2026, 2, 10), "DL1", False)]
    assert exposure_spans(doses, None) == [
        Span(date(2026, 1, 1), date(2026, 1, 1), "DL2", True),
        Span(date(2026, 1, 8), date(2026, 2, 9), "DL2", False),
        Span(date(2026, 2, 10), None, "DL1", False)]
    ended = exposure_spans(doses, date(2026, 3, 1))
    assert ended[-1] == Span(date(2026, 2, 10), date(2026, 3, 1), "DL1", False)
    assert exposure_spans([], None) == []
