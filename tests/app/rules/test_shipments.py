"""Shipments and the lab's receipt, pure: shipped once, cancelled only before it leaves,
the receipt file read (one refusal naming the row) and reconciled."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InvalidEntry
from app.rules.shipments import (
    Condition,
    ShipmentState,
    check_cancel,
    check_courier,
    check_shippable,
    condition_of,
    due_to_ship,
    read_receipt,
    reconcile,
)
from app.rules.specimens import AliquotState as S


def test_only_stored_aliquots_ship_and_only_once():
    check_shippable([("A-1", S.STORED, None), ("A-2", S.STORED, None)])
    with pytest.raises(InvalidEntry, match="A-1 is already shipped \\(shipment 4\\)"):
        check_shippable([("A-1", S.SHIPPED, 4)])
    with pytest.raises(InvalidEntry, match="A-1 is picked twice"):
        check_shippable([("A-1", S.STORED, None), ("A-1", S.STORED, None)])
    with pytest.raises(InvalidEntry, match="only stored aliquots"):
        check_shippable([("A-1", S.PROCESSED, None)])
    with pytest.raises(InvalidEntry, match="pick at least one"):
        check_shippable([])


def test_a_shipment_is_cancelled_only_before_it_leaves():
    check_cancel(1, ShipmentState.PACKED)
    with pytest.raises(InvalidEntry, match="Shipment 1 is dispatched"):
        check_cancel(1, ShipmentState.DISPATCHED)


def test_courier_and_tracking_are_needed():
    assert check_courier(" World Courier ", " 12 ") == ("World Courier", "12")
    with pytest.raises(InvalidEntry) as info:
        check_courier("X", " ")
    assert info.value.field == "tracking"


def test_what_is_due_follows_the_protocol_s_frequency():
    today = date(2026, 4, 10)
    assert due_to_ship("monthly", date(2026, 3, 31), today, None, None)
    assert not due_to_ship("monthly", date(2026, 4, 1), today, None, None)
    assert due_to_ship("per_patient_cycle", date(2026, 4, 1), today, 1, 2)
    assert not due_to_ship("per_patient_cycle", date(2026, 4, 1), today, 2, 2)


def test_the_lab_s_words_for_a_condition():
    assert condition_of("Thawed on arrival") is Condition.THAWED
    assert condition_of("tube broken") is Condition.DAMAGED
    assert condition_of("OK") is Condition.GOOD


def test_a_receipt_reconciles_matched_missing_unexpected_thawed():
    lines = read_receipt(["Sample ID", "Condition"],
                         [["a-1", "frozen"], ["A-2", "thawed"], ["", ""], ["Z-9", "frozen"]],
                         "sample id", "Condition")
    result = reconcile(["A-1", "A-2", "A-3"], lines)
    assert (result.matched, result.thawed, result.missing, result.unexpected) == (
        ["A-1"], ["A-2"], ["A-3"], ["Z-9"])
    assert result.discrepancies == 3
    assert result.condition("A-3") is Condition.MISSING


@pytest.mark.parametrize(("header", "rows", "words"), [
    (["ID", "Condition"], [["A-1", "ok"]], "no column 'Sample ID' (its columns: ID, Condition)"),
    (["Sample ID", "Condition"], [["A-1", "ok"], ["", "ok"]], "Row 3: no Sample ID"),
    (["Sample ID", "Condition"], [["A-1", "ok"], ["a-1", "ok"]],
     "Row 3: A-1 is listed twice (row 2)"),
    (["Sample ID", "Condition"], [], "lists no sample"),
])
def test_a_receipt_in_the_wrong_shape_is_one_clear_refusal(header, rows, words):
    with pytest.raises(InvalidEntry) as info:
        read_receipt(header, rows, "Sample ID", "Condition")
    assert words in info.value.message


def test_a_shipment_s_state_follows_its_instants_and_open_discrepancies():
    from app.rules.shipments import shipment_state

    assert shipment_state(False, False, False, 0) is ShipmentState.PACKED
    assert shipment_state(False, True, False, 0) is ShipmentState.DISPATCHED
    assert shipment_state(False, True, True, 2) is ShipmentState.RECEIVED
    assert shipment_state(False, True, True, 0) is ShipmentState.CLOSED
    assert shipment_state(True, False, False, 0) is ShipmentState.CANCELLED


def test_a_discrepancy_s_reason_is_needed_and_only_for_a_discrepancy():
    from app.rules.shipments import check_discrepancy_reason

    assert check_discrepancy_reason("A-1", "missing", " lost by courier ") == "lost by courier"
    with pytest.raises(InvalidEntry, match="Say why A-1 was missing"):
        check_discrepancy_reason("A-1", "missing", "")
    with pytest.raises(InvalidEntry, match="no discrepancy"):
        check_discrepancy_reason("A-1", "received", "x")
