"""Planned visit numbers, age, treatment name, exposure intervals."""

from __future__ import annotations

from datetime import date, timedelta

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


def test_a_hold_is_cut_out_of_the_interval_it_falls_in():
    doses = [Dose(date(2026, 1, 8), "DL2", False)]
    held = exposure_spans(doses, date(2026, 3, 1), [(date(2026, 2, 1), date(2026, 2, 7))])
    assert held == [Span(date(2026, 1, 8), date(2026, 1, 31), "DL2", False),
                    Span(date(2026, 2, 8), date(2026, 3, 1), "DL2", False)]
    ongoing = exposure_spans(doses, None, [(date(2026, 2, 1), None)])
    assert ongoing == [Span(date(2026, 1, 8), date(2026, 1, 31), "DL2", False)]
    before = exposure_spans(doses, None, [(date(2025, 12, 1), date(2025, 12, 5))])
    assert before == [Span(date(2026, 1, 8), None, "DL2", False)]


@given(st.integers(0, 60), st.integers(0, 20))
def test_no_exposure_day_is_a_held_day(offset, length):
    first = date(2026, 1, 8)
    hold = (first + timedelta(days=offset), first + timedelta(days=offset + length))
    spans = exposure_spans([Dose(first, "DL1", False)], date(2026, 3, 1), [hold])
    for s in spans:
        assert s.end is not None and s.start <= s.end
        assert s.end < hold[0] or s.start > hold[1]
