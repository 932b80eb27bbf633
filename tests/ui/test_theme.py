"""One theme: Settings offers the system's colours, light or dark (kept on this
workstation); the app follows the system's light/dark switch; a status's colour changes with
the scheme and its text stays readable (WCAG contrast 4.5 or more) on either."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import enrolled
from tests.ui.test_dialogs_by_keyboard import _open, press, save, tab_to
from ui.settings_dialog import SettingsDialog
from ui.style import (
    DARK_PALETTE,
    DEMO_BADGE,
    ERROR_BORDER,
    ERROR_TEXT,
    MUTED_TEXT,
    RESULT_OK,
    RESULT_OUT,
    STATUS,
    STATUS_DARK,
    WINDOW,
    contrast,
    dark_mode,
    pick,
)
from ui.theme import DARK, LIGHT, SYSTEM, Theme, chosen_scheme, install_theme, save_scheme, theme
from ui.workstation import workstation


@pytest.fixture
def scheme(qapp):  # type: ignore[no-untyped-def]
    """The scheme as the system's (light here) before and after the test."""
    workstation().remove("colour_scheme")
    install_theme(SYSTEM)
    yield
    workstation().remove("colour_scheme")
    install_theme(SYSTEM)
    assert not dark_mode()


def _status_cell(window):  # type: ignore[no-untyped-def]
    """The worklist's first status cell: its text and background colours as painted."""
    model = window.worklist.model
    col = next(c for c in range(model.columnCount()) if model.columns[c].status is not None)
    index = model.index(0, col, QModelIndex())
    return (model.data(index, Qt.ItemDataRole.ForegroundRole).name(),
            model.data(index, Qt.ItemDataRole.BackgroundRole).name())


def test_dark_chosen_in_settings_by_keyboard_turns_the_colours_at_once(qtbot, ctx, scheme):
    from ui.main_window import WORKLIST, MainWindow

    enrolled(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.go(WORKLIST)
    text, background = _status_cell(window)
    assert not dark_mode() and contrast(text, background) >= 4.5
    dialog = _open(qtbot, SettingsDialog(ctx))
    error = dialog.error.styleSheet()
    tab_to(qtbot, dialog.fields["colour_scheme"])
    qtbot.keyClicks(dialog.fields["colour_scheme"], "D")           # "Dark"
    assert dialog.fields["colour_scheme"].currentData() == DARK
    press(qtbot, Qt.Key.Key_Tab)
    save(qtbot, dialog)
    assert chosen_scheme() == DARK                                  # kept on this workstation
    assert dark_mode() and QApplication.palette().window().color().name() == WINDOW[1]
    dark_text, dark_background = _status_cell(window)
    assert (dark_text, dark_background) != (text, background)       # the colour changed
    assert (dark_text, dark_background) in STATUS_DARK.values()
    assert contrast(dark_text, dark_background) >= 4.5              # and reads
    assert dialog.error.styleSheet() != error and pick(ERROR_TEXT) in dialog.error.styleSheet()
    assert DEMO_BADGE[1][1] in window.demo_label.styleSheet()       # the badge restyled too


def test_the_app_follows_the_system_switch_unless_a_scheme_was_chosen(qtbot, scheme,
                                                                     monkeypatch):
    system = [Qt.ColorScheme.Light]
    hints = QGuiApplication.styleHints()
    with monkeypatch.context() as patched:  # the system's setting, as the platform says it
        patched.setattr(Theme, "system_scheme", lambda self: system[0])
        install_theme(SYSTEM)
        assert not dark_mode()
        system[0] = Qt.ColorScheme.Dark
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)        # the system turns dark
        assert dark_mode()
        assert contrast(*STATUS_DARK["overdue"]) >= 4.5
        system[0] = Qt.ColorScheme.Light
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)       # and light again
        assert not dark_mode()
        install_theme(LIGHT)                                        # chosen: kept as chosen
        system[0] = Qt.ColorScheme.Dark
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert not dark_mode()
        install_theme(SYSTEM)
        assert dark_mode()                                          # as the system again


def test_the_choice_is_read_from_this_workstation(qtbot, scheme):
    save_scheme(DARK)
    install_theme()
    assert theme() is not None and theme().choice == DARK and dark_mode()
    workstation().setValue("colour_scheme", "purple")              # not a scheme: the system's
    assert chosen_scheme() == SYSTEM


def test_the_named_colours_read_on_a_light_and_a_dark_window():
    for name, pair in {"error": ERROR_TEXT, "error border": ERROR_BORDER,
                       "muted": MUTED_TEXT}.items():
        for colour, window in zip(pair, WINDOW, strict=True):
            assert contrast(colour, window) >= 4.5, name
    for name, pairs in {"demo": DEMO_BADGE, "within": RESULT_OK, "out": RESULT_OUT}.items():
        for text, background in pairs:
            assert contrast(text, background) >= 4.5, name
    assert DARK_PALETTE["Window"] == WINDOW[1]
    assert contrast(DARK_PALETTE["Text"], DARK_PALETTE["Base"]) >= 4.5
    assert set(STATUS) == set(STATUS_DARK)
