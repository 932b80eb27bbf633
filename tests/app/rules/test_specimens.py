"""The bench's clocks and refusals, pure: limits counted from the draw in real time,
deviations with their minutes, box positions, an aliquot's life."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.protocol import default_protocol
from app.rules.specimens import (
    AliquotState,
    ClockState,
    aliquot_id,
    aliquot_state,
    bench_clock,
    bench_clocks,
    check_box_label,
    check_processing,
    check_storable,
    parse_position,
    position_name,
    processing_deviations,
)

ZONE = ZoneInfo("Europe/London")
DRAWN = datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)
PLASMA = default_protocol().specimens.type_of()  # type: ignore[union-attr]


def at(minutes: float) -> datetime:
    return DRAWN + timedelta(minutes=minutes)


def test_a_running_clock_is_green_then_amber_then_red():
    assert bench_clock("spin", DRAWN, 30, None, at(5), 10).state is ClockState.RUNNING
    closing = bench_clock("spin", DRAWN, 30, None, at(22), 10)
    assert (closing.state, closing.minutes, closing.state.colour) == (
        ClockState.CLOSING, 8, "amber")
    late = bench_clock("spin", DRAWN, 30, None, at(34), 10)
    assert (late.state, late.minutes, late.state.colour) == (ClockState.OVERDUE, -4, "red")
    assert "4 min overdue" in late.text


def test_a_step_done_is_judged_by_its_minutes_after_the_draw():
    on_time = bench_clock("freeze", DRAWN, 60, at(60), at(90), 10)
    assert (on_time.state, on_time.minutes) == (ClockState.DONE, 60)
    late = bench_clock("freeze", DRAWN, 60, at(72), at(90), 10)
    assert (late.state, late.minutes) == (ClockState.DONE_LATE, 72)
    assert "12 min late" in late.text


def test_deviations_name_the_step_and_the_minutes():
    found = processing_deviations(PLASMA, DRAWN, at(41), at(75))
    assert [(d.step, d.minutes_after_draw, d.minutes_late) for d in found] == [
        ("spin", 41, 11), ("freeze", 75, 15)]
    assert found[0].text == "spun 41 min after the draw: 11 min past the 30 min limit"
    assert processing_deviations(PLASMA, DRAWN, at(30), None) == []


def test_a_started_minute_counts():
    assert processing_deviations(PLASMA, DRAWN, at(30 + 1 / 6), None)[0].minutes_late == 1


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
       st.integers(min_value=0, max_value=600))
def test_the_limit_is_real_time_after_the_draw_across_clock_changes(naive, minutes):
    drawn = naive.replace(tzinfo=UTC).astimezone(ZONE)
    done = (drawn.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(ZONE)
    clock = bench_clock("spin", drawn, 30, done, done, 10)
    assert clock.minutes == minutes
    assert (clock.state is ClockState.DONE) == (minutes <= 30)
    assert clock.limit.astimezone(UTC) - drawn.astimezone(UTC) == timedelta(minutes=30)


def test_whole_blood_has_no_spin_clock():
    from pathlib import Path

    from app.rules.protocol import load_protocol

    alt = load_protocol(Path(__file__).parents[1] / "protocols" / "alt28.toml")
    blood = alt.specimens.type_of("WB")  # type: ignore[union-attr]
    assert [c.step for c in bench_clocks(blood, DRAWN, None, None, at(1), 5)] == ["freeze"]
    assert [c.step for c in bench_clocks(PLASMA, DRAWN, None, None, at(1), 5)] == [
        "spin", "freeze"]


@pytest.mark.parametrize(("spun", "frozen", "field", "words"), [
    (-5, None, "spun_at", "Spin start of T1 (02-MAR-2026 08:55) is before its draw"),
    (20, 10, "frozen_at", "Freeze time of T1 (02-MAR-2026 09:10) is before its spin start"),
    (None, 50, "frozen_at", "Give the spin start of T1 before its freeze time"),
    (25 * 60, None, "spun_at", "more than 24 hours after its draw"),
    (200, None, "spun_at", "is in the future"),
])
def test_impossible_times_are_refused_on_their_field(spun, frozen, field, words):
    now = at(120) if spun != 25 * 60 else at(26 * 60)
    with pytest.raises(InvalidEntry) as info:
        check_processing("T1", PLASMA, DRAWN, None if spun is None else at(spun),
                         None if frozen is None else at(frozen), now)
    assert info.value.field == field and words in info.value.message


def test_a_tube_not_drawn_cannot_be_processed():
    with pytest.raises(InvalidEntry, match="not drawn yet"):
        check_processing("T1", PLASMA, None, at(1), None, at(2))


def test_positions_are_letters_and_numbers_inside_the_box():
    assert parse_position("b3", 9, 9) == (1, 2)
    assert position_name(8, 8) == "I9"
    with pytest.raises(InvalidEntry, match="outside the box"):
        parse_position("J1", 9, 9)
    with pytest.raises(InvalidEntry, match="not a box position"):
        parse_position("33", 9, 9)


def test_a_taken_position_and_a_shipped_aliquot_are_refused():
    with pytest.raises(InvalidEntry, match="Position B3 of box BOX1 is taken by X-1"):
        check_storable("X-2", AliquotState.PROCESSED, "BOX1", "B3", "X-1")
    with pytest.raises(InvalidEntry, match="X-2 is shipped"):
        check_storable("X-2", AliquotState.SHIPPED, "BOX1", "B3", None)
    check_storable("X-2", AliquotState.STORED, "BOX1", "B3", "X-2")  # where it is already
    with pytest.raises(InvalidEntry, match="X-2 is not frozen yet"):
        check_storable("X-2", AliquotState.DRAWN, "BOX1", "B3", None)


def test_an_aliquot_s_life_and_id():
    assert aliquot_id("IMP-101-001-LI-1H", 2) == "IMP-101-001-LI-1H-2"
    assert aliquot_state(False, False, False, False) is AliquotState.DRAWN
    assert aliquot_state(True, False, False, False) is AliquotState.PROCESSED
    assert aliquot_state(True, True, False, False) is AliquotState.STORED
    assert aliquot_state(True, True, True, False) is AliquotState.SHIPPED
    assert aliquot_state(True, True, True, True) is AliquotState.RECEIVED


def test_box_labels_are_barcode_safe_and_unique():
    assert check_box_label(" box-1 ", False) == "BOX-1"
    with pytest.raises(InvalidEntry, match="letters, digits"):
        check_box_label("box 1", False)
    with pytest.raises(InvalidEntry, match="already a box BOX-1"):
        check_box_label("box-1", True)
