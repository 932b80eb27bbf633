"""The escalation rules without a database: slots, SMC decisions, where a patient is placed,
and when the DLT review may be recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.dose_escalation import (
    Decision,
    check_decision,
    check_dlt_review,
    check_part1_level,
    check_slots,
    escalation_of,
    part2_level,
)
from app.rules.protocol import default_protocol

P = default_protocol()
TODAY = date(2026, 3, 2)
D = timedelta(days=1)


def _refusal(call, *args, **kw) -> InvalidEntry:
    with pytest.raises(InvalidEntry) as info:
        call(*args, **kw)
    return info.value


def test_a_protocol_without_escalation_is_named():
    error = _refusal(escalation_of, replace(P, escalation=None))
    assert (error.field, error.message) == (
        "dose_level", "The protocol of IMP7068-101 has no dose escalation ([escalation] section)")


def test_slots_on_a_ladder_level_one_to_fifty_dated_not_in_the_future():
    assert check_slots(P, "DL2", 3, TODAY, TODAY) == ("DL2", 3, TODAY)
    assert _refusal(check_slots, P, "", 3, TODAY, TODAY).field == "dose_level"
    assert _refusal(check_slots, P, "DL9", 3, TODAY, TODAY).message.startswith(
        "IMP7068-101 has no dose level 'DL9'")
    for slots in (None, 0, 51):
        assert _refusal(check_slots, P, "DL2", slots, TODAY, TODAY).message == (
            "Give how many slots were opened (1 to 50; a 3+3 cohort has 3)")
    assert _refusal(check_slots, P, "DL2", 3, None, TODAY).field == "opened_on"
    assert _refusal(check_slots, P, "DL2", 3, TODAY + D, TODAY).message == (
        "03-MAR-2026 is in the future")


def test_a_decision_is_dated_one_of_the_five_about_a_ladder_level():
    assert check_decision(P, TODAY, Decision.RP2D, "DL3", TODAY) == (TODAY, "DL3")
    assert _refusal(check_decision, P, None, "stay", "DL3", TODAY).field == "decided_on"
    assert _refusal(check_decision, P, TODAY + D, "stay", "DL3", TODAY).field == "decided_on"
    assert _refusal(check_decision, P, TODAY, "maybe", "DL3", TODAY).field == "decision"
    assert _refusal(check_decision, P, TODAY, "stay", None, TODAY).message == (
        "Choose the dose level the decision is about")


def test_part2_opens_only_at_a_declared_rp2d():
    assert part2_level("DL3") == "DL3"
    assert _refusal(part2_level, None).field == "cohort"


@given(st.integers(0, 10), st.integers(0, 10), st.booleans())
def test_a_part1_patient_takes_an_open_slot(opened, filled, own):
    taken = filled - 1 if own else filled
    if taken >= opened:
        error = _refusal(check_part1_level, "DL2", None, (opened, filled), own)
        assert error.field == "dose_level" and "has no open slot" in error.message
    else:
        check_part1_level("DL2", None, (opened, filled), own)


def test_after_the_rp2d_only_its_level_and_without_slots_any():
    check_part1_level("DL2", None, None, False)
    check_part1_level("DL3", (TODAY, "DL3"), None, False)
    assert _refusal(check_part1_level, "DL2", (TODAY, "DL3"), None, False).message == (
        "The SMC declared the RP2D at DL3 on 02-MAR-2026: a patient enrolled since then is "
        "treated at DL3, not DL2")


@given(st.dates(date(2025, 1, 1), date(2027, 1, 1)))
def test_the_dlt_review_comes_after_the_period_ends(today):
    period = (date(2026, 1, 1), date(2026, 1, 21))
    if today > period[1]:
        check_dlt_review(P, 1, period, True, False, today)
    else:
        assert _refusal(check_dlt_review, P, 1, period, True, False, today).message == (
            "The DLT period ends 21-JAN-2026: review it after that day")


def test_the_dlt_review_is_for_a_dosed_part1_patient_and_a_dlt_is_evaluable():
    period = (date(2026, 1, 1), date(2026, 1, 21))
    assert _refusal(check_dlt_review, P, 2, period, True, False, TODAY).message == (
        "DLTs are reviewed in Part 1 only")
    assert "not been dosed" in _refusal(check_dlt_review, P, 1, None, True, False, TODAY).message
    assert _refusal(check_dlt_review, P, 1, period, False, True, TODAY).message == (
        "A patient with a DLT is DLT-evaluable")
    check_dlt_review(P, 1, period, False, False, TODAY)
