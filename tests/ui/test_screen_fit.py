"""Fits the screens sites have: no dialog grows past the screen (its fields scroll), no place
widens the window. The offscreen screen of these tests is 800 x 800, smaller than the
1280 x 720 laptop a site may have."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from tests.ui.conftest import activate
from ui.forms import FormDialog
from ui.main_window import (
    ADVERSE_EVENTS,
    DEVIATIONS,
    PATIENTS,
    PK_SAMPLES,
    RESPONSE,
    TO_SIGN,
    TODAY,
    WORKLIST,
    MainWindow,
)


def _free():  # type: ignore[no-untyped-def]
    return QApplication.primaryScreen().availableGeometry()


class _Long(FormDialog):
    def __init__(self) -> None:
        super().__init__("A long form")
        for i in range(60):
            self.line(f"f{i}", f"Field {i + 1}")


def test_a_form_longer_than_the_screen_scrolls_inside_the_dialog(qtbot):
    dialog = _Long()
    qtbot.addWidget(dialog)
    activate(dialog)
    free = _free()
    assert dialog.frameGeometry().height() <= free.height()
    assert dialog.scroll_area.verticalScrollBar().maximum() > 0          # the rest by scrolling
    last = dialog.fields["f59"]
    last.setFocus()                                                  # Tab to it: shown
    dialog.scroll_area.ensureWidgetVisible(last)
    assert dialog.scroll_area.verticalScrollBar().value() > 0


def test_the_clinical_dialogs_open_inside_the_screen(qtbot, ctx):
    from tests.ui.conftest import enrolled as _enrolled
    from ui.ae_dialog import AeDialog
    from ui.dialogs import DispositionDialog, EnrolDialog
    from ui.scan_dialog import ScanDialog

    pid = _enrolled(ctx)
    free = _free()
    for dialog in (EnrolDialog(ctx), AeDialog(ctx, pid, "101-001", 1),
                   ScanDialog(ctx, pid, "101-001"), DispositionDialog(ctx, pid, {})):
        qtbot.addWidget(dialog)
        activate(dialog)
        size = dialog.frameGeometry()
        assert size.height() <= free.height() and size.width() <= free.width(), (
            type(dialog).__name__, size)


def test_no_place_widens_the_window(qtbot, sqlite_demo_site):
    from app.rules.protocol import default_protocol
    from ui.context import Context

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=16)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    width = window.width()
    for place in (TODAY, WORKLIST, PATIENTS, ADVERSE_EVENTS, RESPONSE, DEVIATIONS, PK_SAMPLES,
                  TO_SIGN):
        window.go(place)
        QApplication.processEvents()
        assert window.width() == width, (place, window.width(), width)
    window.open_patient(window.patients.model.rows[0].id)
    QApplication.processEvents()
    for index in range(window.patient_view.tabs.count()):
        window.patient_view.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert window.width() == width, window.patient_view.tabs.tabText(index)


def test_a_wide_form_opens_as_wide_as_it_asks_where_the_screen_has_room(qtbot, ctx):
    """Qt opens a new window at two thirds of the screen at most: the scan's lesion table
    then scrolled sideways on a 1280 x 720 laptop. A dialog opens at the size it asks for,
    up to the screen."""
    from tests.ui.conftest import enrolled as _enrolled
    from ui.ae_dialog import AeDialog
    from ui.scan_dialog import ScanDialog

    pid = _enrolled(ctx)
    free = _free()
    for dialog in (ScanDialog(ctx, pid, "101-001"), AeDialog(ctx, pid, "101-001", 1)):
        qtbot.addWidget(dialog)
        activate(dialog)
        wanted = dialog.sizeHint()
        assert dialog.width() >= min(wanted.width(), free.width() - 40), type(dialog).__name__
        assert dialog.frameGeometry().width() <= free.width()
        assert dialog.frameGeometry().height() <= free.height()
