from __future__ import annotations

from datetime import date

import pytest

from app.protocol import default_protocol
from ui.context import Context

TODAY = date(2026, 3, 2)


@pytest.fixture
def ctx(sqlite_db) -> Context:
    return Context(sqlite_db, default_protocol(), clock=lambda: TODAY)


def activate(widget) -> None:  # type: ignore[no-untyped-def]
    """Show and activate a window: the offscreen platform activates none by itself, and
    window shortcuts (Ctrl+F, Ctrl+S) only fire in the active window."""
    import warnings

    from PySide6.QtWidgets import QApplication

    widget.show()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(widget)


def click_save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """Press the dialog's Save button with the mouse, as a user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
