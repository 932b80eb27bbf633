"""The pure SDV rules: a target's state from its marks, the fields a mark takes, targets as
typed, and the plan's reproducible choice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.sdv import (
    Mark,
    SdvPlan,
    SdvState,
    fields_to_verify,
    parse_target,
    required,
    sampled,
    target_state,
)

NOW = {"actual_date": "2026-01-12", "comment": None, "dose_level": "DL1"}


def test_states():
    assert target_state([], NOW).state is SdvState.NOT_VERIFIED
    assert target_state([Mark(None, NOW)], NOW).state is SdvState.VERIFIED
    changed = target_state([Mark(None, NOW)], {**NOW, "actual_date": "2026-01-13"})
    assert changed.state is SdvState.CHANGED
    assert changed.what_changed == "Actual date: 12-JAN-2026 -> 13-JAN-2026"
    assert changed.changes[0].field == "actual_date"  # the column, for scripts
    filled = target_state([Mark(None, NOW)], {**NOW, "comment": "late"})
    assert filled.what_changed == "Comment: (blank) -> late"
    part = target_state([Mark(("actual_date",), {"actual_date": "2026-01-12"})], NOW)
    assert part.state is SdvState.PARTLY
    both = target_state([Mark(("actual_date",), {"actual_date": "2026-01-12"}),
                         Mark(("dose_level",), {"dose_level": "DL1"})], NOW)
    assert both.state is SdvState.VERIFIED
    # a field changed that was not verified leaves a partial mark standing
    assert target_state([Mark(("actual_date",), {"actual_date": "2026-01-12"})],
                        {**NOW, "dose_level": "DL2"}).state is SdvState.PARTLY
    # verified again after a change: it stands
    again = target_state([Mark(None, NOW), Mark(None, {**NOW, "comment": "x"})],
                         {**NOW, "comment": "x"})
    assert again.state is SdvState.VERIFIED


def test_fields_in_words():
    from app.rules.sdv import changed_words, target_field_word

    assert target_field_word("grade 2.end_date") == "grade 2: End"
    assert target_field_word("1h.collected_at") == "1h: Collected at"
    assert changed_words("serious", "false", "true") == "Serious (SAE): No -> Yes"


def test_fields_and_targets():
    assert fields_to_verify(None, NOW, "C1D1") is None
    assert fields_to_verify([" comment", "comment"], NOW, "C1D1") == ("comment",)
    with pytest.raises(InvalidEntry, match="colour is not a field of C1D1"):
        fields_to_verify(["colour"], NOW, "C1D1")
    with pytest.raises(InvalidEntry, match="at least one field"):
        fields_to_verify([" "], NOW, "C1D1")
    assert parse_target("c1d1") == ("visit", "C1D1")
    assert parse_target("AE:12") == ("ae", "12")
    assert parse_target("scan:3") == ("scan", "3")
    assert parse_target("PK:c1d1") == ("pk", "C1D1")
    for bad in ("AE:x", "LAB:1", "", "PK:"):
        with pytest.raises(InvalidEntry):
            parse_target(bad)


def test_the_plan():
    plan = SdvPlan(full_cycles=1, share_percent=0, every_sae=True)
    assert required(plan, 0, False, "k") == "screening"
    assert required(plan, 1, False, "k") == "cycle 1"
    assert required(plan, 2, False, "k") is None
    assert required(plan, None, True, "k") == "every SAE"
    assert required(SdvPlan(1, 100, False), None, True, "k") == "100 % sample"


@given(st.integers(0, 100), st.text(max_size=30))
def test_the_share_is_reproducible_and_monotone(share, key):
    assert sampled(share, key) == sampled(share, key)
    if sampled(share, key):
        assert sampled(min(100, share + 10), key)
    assert sampled(100, key) and not sampled(0, key)


def test_a_share_chooses_about_its_share():
    chosen = sum(sampled(20, f"IMP:101-{i:03d}:visit:C{i}D1") for i in range(2000))
    assert 300 < chosen < 500
