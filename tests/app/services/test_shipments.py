"""A lead-in day's aliquots shipped to the central lab and reconciled on receipt."""

from __future__ import annotations

import pytest

from app.errors import InvalidEntry, NotFound
from app.rules.shipments import ShipmentState
from app.rules.specimens import AliquotState
from app.services.deviation_log import DeviationKind, deviation_log
from app.services.shipments import (
    cancel_shipment,
    create_shipment,
    dispatch_shipment,
    explain_discrepancy,
    manifest,
    pick,
    receive_shipment,
    shipment,
)
from app.services.storage import aliquot_view, box
from tests.app.services.specimen_day import (
    LATER,
    draw_the_day,
    process_the_day,
    store_the_day,
)


@pytest.fixture
def stored(db, protocol, patient) -> list[str]:
    draw_the_day(db, protocol, patient)
    process_the_day(db, protocol)
    return store_the_day(db, protocol)


def _receipt(tmp_path, rows, header=("Sample ID", "Condition")):
    path = tmp_path / "receipt.csv"
    path.write_text("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n")
    return path


def test_picked_by_patient_and_cycle_then_shipped_once(db, protocol, stored):
    assert pick(db, protocol, LATER, subject="101-001") == stored
    assert pick(db, protocol, LATER, cycle=1) == stored  # the lead-in belongs to cycle 1
    assert pick(db, protocol, LATER, cycle=2) == []
    number = create_shipment(db, protocol, stored, "World Courier", "WC123", LATER)
    view = shipment(db, number)
    assert (view.state, len(view.aliquots), view.may_cancel) == (ShipmentState.PACKED, 14,
                                                                 True)
    assert aliquot_view(db, protocol, stored[0], LATER).state is AliquotState.SHIPPED
    with pytest.raises(InvalidEntry, match=f"{stored[0]} is already shipped \\(shipment "):
        create_shipment(db, protocol, stored[:1], "World Courier", "WC124", LATER)
    assert pick(db, protocol, LATER) == []


def test_a_shipment_is_cancelled_before_it_leaves_never_after(db, protocol, stored):
    number = create_shipment(db, protocol, stored[:2], "DHL", "1", LATER)
    with pytest.raises(InvalidEntry) as info:
        cancel_shipment(db, protocol, number, None, LATER)
    assert info.value.field == "reason"
    cancel_shipment(db, protocol, number, "courier did not come", LATER)
    assert shipment(db, number).state is ShipmentState.CANCELLED
    assert aliquot_view(db, protocol, stored[0], LATER).state is AliquotState.STORED
    again = create_shipment(db, protocol, stored[:2], "DHL", "2", LATER)
    dispatch_shipment(db, protocol, again, LATER)
    assert box(db, "BOX-1").at(0, 0) is None  # it left the freezer
    with pytest.raises(InvalidEntry, match="only a shipment that has not left"):
        cancel_shipment(db, protocol, again, "too late", LATER)


def test_the_manifest_is_in_the_lab_s_columns(db, protocol, stored):
    number = create_shipment(db, protocol, stored, "World Courier", "WC123", LATER)
    m = manifest(db, protocol, number, LATER)
    assert m.headings[:3] == ("Sample ID", "Protocol", "Subject")
    assert m.aliquot_ids == tuple(stored) and len(m.rows) == 14
    assert m.rows[0][:3] == (stored[0], "IMP7068-101", "101-001")
    assert m.conditions == "Frozen on dry ice" and m.lab_address


def test_a_receipt_with_one_missing_and_one_thawed(db, protocol, stored, tmp_path):
    number = create_shipment(db, protocol, stored, "World Courier", "WC123", LATER)
    rows = [[a, "frozen"] for a in stored[1:]]
    rows[0][1] = "thawed on arrival"
    rows.append(["IMP7068-101-999-999-LI-PRE-1", "frozen"])
    result = receive_shipment(db, protocol, number, _receipt(tmp_path, rows), LATER)
    assert (result.missing, result.thawed) == ([stored[0]], [stored[1]])
    assert result.unexpected == ["IMP7068-101-999-999-LI-PRE-1"] and len(result.matched) == 12
    view = shipment(db, number)
    assert view.state is ShipmentState.RECEIVED and view.unexpected == (
        "IMP7068-101-999-999-LI-PRE-1",)
    log = [d for d in deviation_log(db, None, LATER) if d.key.startswith("lab:")]
    assert sorted(d.kind for d in log) == [DeviationKind.SPECIMEN_MISSING,
                                           DeviationKind.SPECIMEN_THAWED]
    assert aliquot_view(db, protocol, stored[2], LATER).state is AliquotState.RECEIVED
    for a in stored[:2]:
        explain_discrepancy(db, protocol, a, "dry ice ran out in transit", LATER.date())
    assert shipment(db, number).state is ShipmentState.CLOSED
    assert all(d.reason for d in deviation_log(db, None, LATER) if d.key.startswith("lab:"))


def test_a_bad_receipt_saves_nothing(db, protocol, stored, tmp_path):
    number = create_shipment(db, protocol, stored, "World Courier", "WC123", LATER)
    with pytest.raises(InvalidEntry, match="no column 'Condition'"):
        receive_shipment(db, protocol, number,
                         _receipt(tmp_path, [[stored[0], "x"]], ("Sample ID", "State")), LATER)
    with pytest.raises(InvalidEntry, match="Row 3: no Sample ID"):
        receive_shipment(db, protocol, number, _receipt(tmp_path, [[stored[0], "ok"],
                                                                   ["", "ok"]]), LATER)
    assert shipment(db, number).state is ShipmentState.PACKED
    with pytest.raises(NotFound, match="No shipment 99"):
        receive_shipment(db, protocol, 99, _receipt(tmp_path, [[stored[0], "ok"]]), LATER)


def test_what_is_due_follows_the_monthly_frequency(db, protocol, stored):
    from datetime import datetime

    from tests.conftest import SITE_ZONE

    january = datetime(2026, 1, 31, 12, 0, tzinfo=SITE_ZONE)
    february = datetime(2026, 2, 1, 12, 0, tzinfo=SITE_ZONE)
    assert pick(db, protocol, january, due_only=True) == []  # drawn this month: not yet
    assert pick(db, protocol, february, due_only=True) == stored


def test_a_receipt_as_a_workbook(db, protocol, stored, tmp_path):
    from openpyxl import Workbook

    number = create_shipment(db, protocol, stored, "World Courier", "WC123", LATER)
    book = Workbook()
    sheet = book.active
    sheet.append(["Condition", "Sample ID"])  # the lab's own order: read by heading
    for a in stored:
        sheet.append(["Damaged: tube cracked" if a == stored[3] else "OK", a])
    book.save(tmp_path / "receipt.xlsx")
    result = receive_shipment(db, protocol, number, tmp_path / "receipt.xlsx", LATER)
    assert (result.damaged, result.missing, len(result.matched)) == ([stored[3]], [], 13)
