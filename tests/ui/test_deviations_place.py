"""The Deviations place: the log filtered by keyboard, a deviation reviewed with Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.deviation_log import deviation_log
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import activate
from ui.forms import FormDialog
from ui.main_window import DEVIATIONS, MainWindow


def test_filter_then_review_a_deviation_by_keyboard(qtbot, ctx, dosed, monkeypatch):
    record_visit(ctx.db, ctx.protocol, dosed, "C1D8",
                 VisitEntry(outcome="missed", missed_reason="patient unwell"), ctx.today())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    window.go(DEVIATIONS)
    page = window.deviations
    assert page.model.rowCount() >= 1
    page.kind.setFocus()
    qtbot.keyClicks(page.kind, "Missed")                          # "Missed visit"
    [missed] = page.model.rows
    assert missed.what.startswith("C1D8") and missed.reason == "patient unwell"

    def review(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        qtbot.keyClick(dialog.fields["important"], Qt.Key.Key_Space)
        dialog.fields["category"].setFocus()
        qtbot.keyClicks(dialog.fields["category"], "Visit")        # "Visit schedule"
        qtbot.keyClicks(dialog.fields["comment"], "sponsor informed")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", review)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    [done] = [d for d in deviation_log(ctx.db, None, ctx.now()) if d.key == missed.key]
    assert (done.status, done.important, done.category, done.comment) == (
        "reviewed", True, "Visit schedule", "sponsor informed")
    page.status.setFocus()
    qtbot.keyClicks(page.status, "New")                           # the new ones only
    assert missed.key not in {d.key for d in page.model.rows}
