"""A freezer box's contents on paper (its label scannable) and the lab's table as XLSX."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.errors import InvalidEntry
from app.exchange.manifest import write_lab_table
from app.services.storage import BoxView
from reports.manifest import print_box
from tests.reports.code128_reader import read_barcodes


def test_a_box_prints_its_grid_and_its_label_as_a_barcode(tmp_path):
    box = BoxView(1, "BOX-7", "Freezer 2", "Rack A", 9, 9, {"A1": "X-1", "I9": "X-2"})
    path = print_box(tmp_path / "box.pdf", box, datetime(2026, 3, 2, tzinfo=UTC))
    assert read_barcodes(path) == {"BOX-7"}


def test_the_lab_s_table_keeps_its_order_and_is_formula_safe(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "m.xlsx"
    assert write_lab_table(path, ["SUBJID", "ALIQUOT"], [["14-0001", "=HYPERLINK()"]]) == 1
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows == [("SUBJID", "ALIQUOT"), ("14-0001", "'=HYPERLINK()")]
    with pytest.raises(InvalidEntry, match=r"m\.txt: export to a \.csv or \.xlsx file"):
        write_lab_table(tmp_path / "m.txt", ["A"], [])


def test_aliquot_labels_carry_each_aliquot_s_barcode(tmp_path):
    from app.rules.specimens import AliquotState
    from app.services.specimens import AliquotView, BenchTube
    from reports.pk_labels import write_aliquot_labels

    drawn = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    aliquots = tuple(AliquotView(i, f"IMP7068-101-101-001-LI-1H-{i}", label, 0.5,
                                 AliquotState.PROCESSED, None, None, None, None, None)
                     for i, label in ((1, "primary"), (2, "back-up")))
    tube = BenchTube(1, 1, "IMP7068-101", "101-001", "LI", "1 h", "IMP7068-101-101-001-LI-1H",
                     "PK plasma", drawn, drawn, None, (), (), aliquots, True)
    assert write_aliquot_labels(tube, tmp_path / "labels.pdf") == 2
    assert read_barcodes(tmp_path / "labels.pdf") == {a.aliquot_id for a in aliquots}
