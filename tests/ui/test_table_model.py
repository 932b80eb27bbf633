"""The one table model every list uses, checked by Qt's own model tester (pytest-qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt

from ui.table_model import ROW_ROLE, Column, RowTableModel


@dataclass(frozen=True)
class Row:
    subject: str
    due: date
    status: str


ROWS = [Row("101-003", date(2026, 3, 4), "open"), Row("101-001", date(2026, 3, 2), "overdue"),
        Row("101-002", date(2026, 3, 9), "planned")]
COLUMNS = [Column("Subject", lambda r: r.subject),
           Column("Due", lambda r: r.due.isoformat(), lambda r: r.due),
           Column("Status", lambda r: r.status, status=lambda r: r.status)]


def test_the_model_passes_qts_model_tester(qtmodeltester):
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


def test_sorting_is_the_models_own_and_keeps_the_rows(qtmodeltester):
    model = RowTableModel(COLUMNS)
    model.set_rows(ROWS)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["101-001", "101-003",
                                                                 "101-002"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0), ROW_ROLE) == ROWS[0]
    qtmodeltester.check(model, force_py=True)
