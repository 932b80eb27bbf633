"""The Queries place by keyboard: the monitor opens a query on a visit, the nurse is not
offered to close it and answers it, the monitor closes it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import accounts as acc
from app.services.queries import list_queries
from tests.conftest import SITE_ZONE
from tests.ui.conftest import activate
from ui.forms import FormDialog
from ui.main_window import MainWindow
from ui.places.numbers import QUERIES

GOOD = "violet staple 42"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=SITE_ZONE)


def _accounts(db) -> None:
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    for name, role in (("nina", "nurse"), ("mona", "monitor")):
        acc.create_account(db, name, name.capitalize(), role, GOOD, must_change=False)


def _window(qtbot, ctx, name):  # type: ignore[no-untyped-def]
    signed = acc.sign_in(ctx.db, name, GOOD, NOW)
    window = MainWindow(replace(ctx, signed=signed))
    qtbot.addWidget(window)
    activate(window)
    window.go(QUERIES)
    return window, window.place(QUERIES)


def _save(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_monitor_opens_nurse_answers_monitor_closes(qtbot, ctx, dosed, monkeypatch):
    _accounts(ctx.db)
    seen: list[str] = []

    def run(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        seen.append(dialog.windowTitle())
        if dialog.windowTitle() == "Open a query":
            qtbot.keyClicks(QApplication.focusWidget(), "101-001")     # Subject ID
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            qtbot.keyClicks(QApplication.focusWidget(), "C1D1.actual_date")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            qtbot.keyClicks(QApplication.focusWidget(), "Source note says 13-JAN-2026")
        elif dialog.windowTitle() == "Answer a query":
            qtbot.keyClicks(QApplication.focusWidget(), "Corrected from the source")
        else:
            qtbot.keyClicks(QApplication.focusWidget(), "Thank you")
        _save(qtbot)
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", run)
    _win, page = _window(qtbot, ctx, "mona")
    assert page.open_button.isVisible()
    page.open_button.setFocus()
    qtbot.keyClick(page.open_button, Qt.Key.Key_Space)
    [row] = page.model.rows
    assert (row.subject_id, row.target.words, row.state) == (
        "101-001", "visit C1D1: Actual date", "open")
    assert not page.answer_button.isVisible()  # a monitor does not answer

    _win, page = _window(qtbot, ctx, "nina")
    assert not page.open_button.isVisible()
    page.table.setFocus()
    assert page.answer_button.isVisible() and not page.close_button.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)                      # Enter answers
    [row] = page.model.rows
    assert (row.state, row.answer) == ("answered", "Corrected from the source")

    _win, page = _window(qtbot, ctx, "mona")
    page.table.setFocus()
    assert page.close_button.isVisible()
    page.close_button.setFocus()
    qtbot.keyClick(page.close_button, Qt.Key.Key_Space)
    [row] = list_queries(ctx.db, ctx.today())
    assert (row.state, row.closed_by, row.comment) == ("closed", "mona", "Thank you")
    assert seen == ["Open a query", "Answer a query", "Close a query"]
    assert page.model.rows == []  # closed ones are not in the default filter
    page.state.setFocus()
    qtbot.keyClicks(page.state, "Closed")
    assert [r.id for r in page.model.rows] == [row.id]


def test_bad_input_stays_in_the_dialog(qtbot, ctx, dosed):
    _accounts(ctx.db)
    _win, page = _window(qtbot, ctx, "mona")
    from ui.query_dialogs import OpenQueryDialog

    dialog = OpenQueryDialog(ctx, page, "101-001")
    qtbot.addWidget(dialog)
    activate(dialog)
    dialog.on.setFocus()
    qtbot.keyClicks(dialog.on, "C7D1")
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "Why?")
    _save(qtbot)
    assert dialog.error.isVisible() and "101-001 has no visit C7D1" in dialog.error.text()
    assert dialog.on.text() == "C7D1" and dialog.text.toPlainText() == "Why?"
    assert list_queries(ctx.db, ctx.today()) == []


def test_today_shows_the_open_queries_oldest_first(qtbot, ctx, dosed):
    from app.services.queries import open_query
    from ui.places.numbers import TODAY

    _accounts(ctx.db)
    acc.sign_in(ctx.db, "mona", GOOD, NOW)
    open_query(ctx.db, "101-001", "C1D1", "Older", datetime(2026, 2, 1, 9, 0, tzinfo=SITE_ZONE))
    open_query(ctx.db, "101-001", "LI", "Newer", NOW)
    window, _page = _window(qtbot, ctx, "nina")
    window.go(TODAY)
    window.today.refresh()
    assert [q.text for q in window.today.query_model.rows] == ["Older", "Newer"]
    assert [q.age_days for q in window.today.query_model.rows] == [29, 0]
    assert "Open queries, oldest first: 2" in window.today.query_heading.text()
