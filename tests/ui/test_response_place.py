"""The Response place opened from the window by keyboard on a demo database: its results and
pictures show, worked out in the app's own process (a thread, no helper process), and
nothing of it is left running once the window is closed."""

from __future__ import annotations

from datetime import date

import psutil
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.rules.protocol import default_protocol
from tests.ui.conftest import activate
from ui.context import Context
from ui.main_window import RESPONSE, MainWindow
from ui.operations import running
from ui.response_views import ResponsePage

LATER = date(2026, 11, 25)  # months after the demo's first doses: scans, responses, events


def _workers() -> int:
    """The operations still working (ui/operations.py)."""
    return running()


def test_the_place_shows_its_results_and_leaves_nothing_running(qtbot, sqlite_demo_site):
    sqlite_db = sqlite_demo_site(LATER)  # the demo's own size
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: LATER, demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(window)
    window.sidebar.setFocus()
    for _ in range(RESPONSE):                            # down the places from Today
        qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    page = window.built(RESPONSE)
    assert isinstance(page, ResponsePage) and window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: "confirmed ORR" in page.summary.text(), timeout=30_000)
    assert page.groups.item(0, 0).text() == "All patients"
    assert "95 % CI" in page.groups.item(0, 2).text() and "DCR" in page.summary.text()
    assert psutil.Process().children(recursive=True) == []  # worked out in the app itself
    qtbot.waitUntil(lambda: page.reading is None, timeout=30_000)  # the pictures drawn too
    # the Kaplan-Meier picture, brought in front by keyboard, is painted on screen
    page.tabs.setFocus()
    for _ in range(page.tabs.count() - 1):
        qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Kaplan-Meier"
    assert page.save_button.isEnabled()
    shot = page.pictures["Kaplan-Meier"].grab().toImage()
    assert shot.width() >= 900 and shot.height() >= 450
    colours = {shot.pixelColor(x, y).name() for x in range(0, shot.width(), 7)
               for y in range(0, shot.height(), 7)}
    assert QColor("#1f77b4").name() in colours         # the PFS curve's blue
    window.close()
    qtbot.waitUntil(lambda: not _workers(), timeout=10_000)
    assert psutil.Process().children(recursive=True) == []


def test_a_place_closed_before_its_results_come_leaves_nothing(qtbot, sqlite_demo_site):
    sqlite_db = sqlite_demo_site(LATER)  # the same demo as above: filled once a worker
    page = ResponsePage(Context(sqlite_db, default_protocol(), clock=lambda: LATER))
    page.refresh()
    operation = page.operation
    assert operation is not None and not operation.done
    page.deleteLater()                                  # closed while it works
    qtbot.wait(10)
    qtbot.waitUntil(lambda: operation.done, timeout=30_000)  # its answer goes nowhere
    assert not _workers()
    assert psutil.Process().children(recursive=True) == []
