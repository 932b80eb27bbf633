"""Every dialog keyboard-first (FormDialog): the focus on the first empty field, Tab from
field to field past the Pick… buttons, Alt+Down or F4 for the calendar, Enter never saves,
Ctrl+S or Ctrl+Enter does, Esc asks before throwing typed input away."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.services.patients import list_patients
from ui.dialogs import EnrolDialog

from .conftest import activate


def _open(qtbot, ctx) -> EnrolDialog:
    dialog = EnrolDialog(ctx)
    qtbot.addWidget(dialog)
    activate(dialog)
    return dialog


def test_the_focus_starts_on_the_first_empty_field_and_tab_skips_pick(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    assert QApplication.focusWidget() is dialog.fields["subject_id"]
    consent = dialog.fields["consent_date"]
    assert consent.button.focusPolicy() == Qt.FocusPolicy.NoFocus
    consent.edit.setFocus()
    qtbot.keyClick(consent.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.fields["screening_date"].edit


def test_alt_down_opens_the_calendar_of_a_date(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    consent = dialog.fields["consent_date"]
    consent.edit.setFocus()
    shown: list[bool] = []
    menu = consent.button.menu()
    menu.aboutToShow.connect(lambda: shown.append(True))
    QTimer.singleShot(50, menu.hide)
    qtbot.keyClick(consent.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert shown == [True]


def test_enter_does_not_save_ctrl_enter_does(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    for name, text in (("subject_id", "101-001"), ("initials", "ab"),
                       ("year_of_birth", "1961"), ("consent_date", "01-DEC-2025")):
        w = dialog.fields[name]
        qtbot.keyClicks(getattr(w, "edit", w), text)
    dialog.fields["dose_level"].setCurrentIndex(dialog.fields["dose_level"].findData("DL1"))
    for name in ("initials", "dose_level"):  # a complete form: Enter would save it, if any
        qtbot.keyClick(getattr(dialog.fields[name], "edit", dialog.fields[name]),
                       Qt.Key.Key_Return)
        assert dialog.isVisible() and list_patients(ctx.db) == []
    qtbot.keyClick(dialog.fields["initials"], Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert [r.subject_id for r in list_patients(ctx.db)] == ["101-001"]


def test_escape_asks_before_discarding_what_was_typed(qtbot, ctx, monkeypatch):
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    untouched = _open(qtbot, ctx)
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert untouched.result() == QDialog.DialogCode.Rejected and asked == []
    dialog = _open(qtbot, ctx)
    qtbot.keyClicks(dialog.fields["subject_id"], "101-0")
    qtbot.keyClick(dialog.fields["subject_id"], Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == ["Discard what you typed in this window?"]
    assert dialog.fields["subject_id"].text() == "101-0"  # kept
    qtbot.keyClick(dialog.fields["subject_id"], Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_the_main_window_opens_inside_the_screen(qtbot, ctx):
    """1280 x 800 where it fits; the free area of a smaller screen where not (this test's
    screen is 800 x 800)."""
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()
    assert (window.width(), window.height()) == (min(1280, free.width()),
                                                 min(800, free.height()))


def test_tab_leaves_today_s_tables_instead_of_walking_their_cells(qtbot, ctx):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    tables = list(window.today.tables.values())
    first = tables[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not first                  # not trapped
    assert all(not t.tabKeyNavigation() for t in tables)
