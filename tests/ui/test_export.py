"""Every list on screen exports as shown: Ctrl+E in it, a file offered in Documents with a
name saying what it holds, the header block naming study, site, time and user."""

from __future__ import annotations

import csv
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.services.demo import seed_demo
from tests.ui.conftest import activate
from ui.export import suggested_file


def test_ctrl_e_exports_the_worklist_as_shown(qtbot, sqlite_db, tmp_path, monkeypatch):
    from app.protocol import default_protocol
    from ui.context import Context
    from ui.main_window import WORKLIST, MainWindow

    today = date(2026, 11, 25)
    seed_demo(sqlite_db, default_protocol(), today, patients=12, second_study=0)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    window.go(WORKLIST)
    offered: list[str] = []
    target = tmp_path / "worklist.csv"

    def save_as(_parent, _title, suggested, _filters):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    table = window.worklist.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert offered and offered[0].endswith("Worklist_IMP7068-101_25-NOV-2026.xlsx")
    lines = list(csv.reader(target.open(encoding="utf-8-sig", newline="")))
    assert lines[0] == ["Listing", "Worklist"] and lines[1] == ["Study", "IMP7068-101"]
    assert lines[4][0] == "Exported by" and lines[4][1]
    model = window.worklist.model
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert lines[7] == columns
    assert len(lines) - 8 == model.rowCount() > 0
    assert lines[8][0] == model.data(model.index(0, 0))                # the words of the screen
    assert "rows" in window.statusBar().currentMessage()


def test_suggested_names_say_what_the_file_holds():
    name = suggested_file("101-001", "C2D1", day=date(2026, 11, 25), ending=".pdf")
    assert name.endswith("101-001_C2D1_25-NOV-2026.pdf")
    assert suggested_file("PK samples/all", ending=".csv").endswith("PK-samples-all.csv")
