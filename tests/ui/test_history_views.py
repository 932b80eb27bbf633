"""History on screen: a record's History… (Ctrl+H) and the site's audit trail, in words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.patients import patient_page
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY, activate
from tests.ui.conftest import enrolled as _enrolled
from ui.dialogs import VisitDialog
from ui.history_view import AuditTrailWindow


def test_ctrl_h_shows_a_visit_s_history_in_words(qtbot, ctx):
    pid = _enrolled(ctx)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 6)), TODAY,
                 reason="wrong day typed")
    page = patient_page(ctx.db, ctx.protocol, pid, TODAY)
    row = next(r for r in page.calendar if r.code == "LI")
    dialog = VisitDialog(ctx, pid, "101-001", row, page.records["LI"])
    qtbot.addWidget(dialog)
    activate(dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    history = dialog.history
    qtbot.addWidget(history)
    model = history.model
    texts = [[model.data(model.index(r, c)) for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    change = next(t for t in texts if t[4] == "Actual date" and t[2] == "Changed")
    assert change[5:] == ["05-JAN-2026", "06-JAN-2026", "wrong day typed"]
    assert change[3] == "Visit LI"


def test_the_site_audit_trail_filters_as_you_type(qtbot, ctx):
    pid = _enrolled(ctx)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    window = AuditTrailWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    everything = window.model.rowCount()
    assert everything > 0 and "change" in window.count.text()
    qtbot.keyClicks(window.search, "Visit LI")
    assert 0 < window.model.rowCount() < everything
    assert all(r.what == "Visit LI" for r in window.model.rows)
    qtbot.keyClicks(window.since.edit, "31-FEB-2026")
    assert window.problem.isVisibleTo(window) and "February 2026 has 28 days" in window.problem.text()
    window.since.edit.clear()
    qtbot.keyClicks(window.since.edit, "01-JAN-2099")
    assert window.model.rowCount() == 0


def test_the_patient_s_history_tab_filters_as_you_type(qtbot, ctx):
    from ui.main_window import MainWindow

    pid = _enrolled(ctx)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_patient(pid)
    tab = window.patient_view.history_tab
    window.patient_view.tabs.setCurrentWidget(tab)                    # read when shown
    everything = tab.model.rowCount()
    qtbot.keyClicks(tab.filter, "visit li")
    assert 0 < tab.model.rowCount() < everything
    assert all(h.what == "Visit LI" for h in tab.model.rows)
    assert tab.model.data(tab.model.index(0, 1)) and "_" not in tab.model.data(
        tab.model.index(0, 4))                                        # labels, not columns
