"""The bench, the freezer, the shipment and the lab's receipt, on a lead-in PK day."""

from __future__ import annotations

import pytest

from app.errors import InvalidEntry, NotFound
from app.rules.specimens import AliquotState, ClockState
from app.services.deviation_log import DeviationKind, deviation_log
from app.services.specimens import bench, record_processing, tube
from app.services.storage import box, custody, store_aliquot
from tests.app.services.specimen_day import (
    DOSE,
    LATER,
    TUBES,
    M,
    draw_the_day,
    process_the_day,
    store_the_day,
    tube_id,
)


def test_the_bench_shows_each_drawn_tube_with_its_clocks(db, protocol, patient):
    draw_the_day(db, protocol, patient)
    tubes = bench(db, protocol, DOSE + 10 * M)
    assert [t.tube_id for t in tubes] == [tube_id(tp) for tp in TUBES]
    pre = tubes[0]
    assert [c.step for c in pre.clocks] == ["spin", "freeze"]
    assert pre.clocks[0].state is ClockState.CLOSING  # drawn 07:45, spin due by 08:15
    assert (pre.clocks[0].minutes, pre.clocks[1].state) == (5, ClockState.RUNNING)
    assert pre.may_spin and not pre.may_freeze


def test_a_tube_never_processed_leaves_the_bench_after_a_day(db, protocol, patient):
    """Unfrozen tubes of the last 24 hours stay on the bench; older ones (drawn before the
    site used it, say) are past every limit and found in the list by state instead."""
    from datetime import timedelta

    from app.services.specimens import all_tubes

    draw_the_day(db, protocol, patient)
    assert len(bench(db, protocol, DOSE + timedelta(hours=23))) == 7
    assert bench(db, protocol, DOSE + timedelta(days=2)) == []
    assert len(all_tubes(db, protocol, DOSE + timedelta(days=2))) == 7
    assert len(bench(db, protocol, DOSE + timedelta(days=2), DOSE.date())) == 7  # that day


def test_a_day_processed_with_two_limits_missed(db, protocol, patient):
    draw_the_day(db, protocol, patient)
    process_the_day(db, protocol)
    tubes = bench(db, protocol, LATER, DOSE.date())
    assert len(tubes) == 7 and all(len(t.aliquots) == 2 for t in tubes)
    assert all(a.state is AliquotState.PROCESSED for t in tubes for a in t.aliquots)
    assert tubes[0].aliquots[0].aliquot_id == tube_id("pre") + "-1"
    late = {t.tube_id: [(d.step, d.minutes_late) for d in t.deviations] for t in tubes
            if t.deviations}
    assert late == {tube_id("1h"): [("spin", 11)], tube_id("2h"): [("freeze", 15)]}
    log = [d for d in deviation_log(db, None, LATER)
           if d.kind in (DeviationKind.SPUN_LATE, DeviationKind.FROZEN_LATE)]
    assert sorted((d.what, d.kind) for d in log) == [
        ("LI 1 h", DeviationKind.SPUN_LATE), ("LI 2 h", DeviationKind.FROZEN_LATE)]
    spun = next(d for d in log if d.kind is DeviationKind.SPUN_LATE)
    assert "11 min past the 30 min limit" in spun.detail


def test_impossible_processing_saves_nothing(db, protocol, patient):
    draw_the_day(db, protocol, patient)
    with pytest.raises(InvalidEntry) as info:
        record_processing(db, protocol, tube_id("1h"), DOSE + 80 * M, DOSE + 70 * M, LATER)
    assert info.value.field == "frozen_at" and "before its spin start" in info.value.message
    with pytest.raises(InvalidEntry, match="before its draw"):
        record_processing(db, protocol, tube_id("1h"), DOSE + 50 * M, None, LATER)
    assert tube(db, tube_id("1h"), LATER).spun_at is None
    with pytest.raises(NotFound):
        record_processing(db, protocol, "NOPE", DOSE, None, LATER)


def test_a_saved_spin_time_changes_only_with_a_reason(db, protocol, patient):
    draw_the_day(db, protocol, patient)
    record_processing(db, protocol, tube_id("1h"), DOSE + 80 * M, None, LATER)
    with pytest.raises(InvalidEntry) as info:
        record_processing(db, protocol, tube_id("1h"), DOSE + 85 * M, None, LATER)
    assert info.value.field == "reason"
    record_processing(db, protocol, tube_id("1h"), DOSE + 85 * M, None, LATER,
                      reason="typed the wrong minute")
    assert tube(db, tube_id("1h"), LATER).spun_at == DOSE + 85 * M


def test_storage_positions_moves_and_custody(db, protocol, patient):
    draw_the_day(db, protocol, patient)
    process_the_day(db, protocol)
    stored = store_the_day(db, protocol)
    assert len(stored) == 14
    grid = box(db, "box-1")
    assert grid.at(0, 0) == stored[0] and grid.free == 81 - 14
    with pytest.raises(InvalidEntry, match="Position A1 of box BOX-1 is taken"):
        store_aliquot(db, protocol, stored[2], "BOX-1", "A1", LATER)
    with pytest.raises(InvalidEntry) as info:  # a move needs its why
        store_aliquot(db, protocol, stored[0], "BOX-1", "I9", LATER)
    assert info.value.field == "reason"
    store_aliquot(db, protocol, stored[0], "BOX-1", "I9", LATER, reason="box reorganised")
    steps = custody(db, stored[0])
    assert [s.what for s in steps] == [
        "drawn", "spin started", f"aliquot {stored[0]} made", "frozen",
        "stored in BOX-1 at A1", "stored in BOX-1 at I9"]
    assert (steps[-1].actor, steps[-1].reason) == ("tester", "box reorganised")
