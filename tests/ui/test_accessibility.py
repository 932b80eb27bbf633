"""Every control a user works has a name a screen reader says: each place of the main
window, a patient's page with each tab, and the clinical dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.rules.protocol import default_protocol
from tests.ui.conftest import activate
from ui.context import Context

KINDS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
         QPlainTextEdit)
TODAY = date(2026, 11, 25)


def _qt_own(w: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (headers, a combo's or a spin box's text,
    a calendar's arrows): Qt names those itself."""
    while w is not None:
        if w.objectName().startswith("qt_") or isinstance(w, QHeaderView):
            return True
        parent = w.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) or (
                isinstance(w, QAbstractButton) and isinstance(parent, QLineEdit)):
            return True
        w = parent
    return False


def unnamed(top: QWidget) -> list[str]:
    out = []
    for w in top.findChildren(QWidget):
        if not isinstance(w, KINDS) or _qt_own(w):
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            out.append(f"{type(w).__name__} in {type(w.parentWidget()).__name__}")
    return out


def test_every_place_and_the_patient_page_name_their_controls(qtbot, sqlite_demo_site):
    from ui.main_window import MainWindow
    from ui.places import numbers as place

    sqlite_db = sqlite_demo_site(TODAY, patients=10, second_study=0)
    window = MainWindow(Context(sqlite_db, default_protocol(), clock=lambda: TODAY))
    qtbot.addWidget(window)
    activate(window)
    for p in range(place.PATIENT):
        window.go(p)
    window.open_patient(3)
    view = window.patient_view
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
    assert unnamed(window) == []


def test_the_clinical_dialogs_name_their_fields(qtbot, ctx, dosed):
    from app.services.patients import patient_page
    from ui.ae_dialog import AeDialog
    from ui.dialogs import DispositionDialog, EnrolDialog, VisitDialog
    from ui.dosing_tab import ModificationDialog, SupplyDialog
    from ui.settings_dialog import SettingsDialog

    page = patient_page(ctx.db, ctx.protocol, dosed, date(2026, 3, 2))
    row = next(r for r in page.calendar if r.code == "C1D8")
    for dialog in (VisitDialog(ctx, dosed, "101-001", row, None), AeDialog(ctx, dosed, "101-001", 1),
                   DispositionDialog(ctx, dosed, page.disposition, None, page.version),
                   EnrolDialog(ctx), ModificationDialog(ctx, dosed), SupplyDialog(ctx, dosed),
                   SettingsDialog(ctx)):
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
