"""A form's parts below the dialog: the scrolled body that fits the screen, what a field holds
(to see whether anything was typed), and whether it is still empty."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from ui.widgets import DateField


class FitScrollArea(QScrollArea):
    """A form's fields: as big as they need where the screen has room, scrolled where it has
    not (a long AE form on a 1280x720 laptop), so that no dialog grows past the screen."""

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def sizeHint(self) -> QSize:
        body = self.widget()
        wanted = body.sizeHint() if body is not None else super().sizeHint()
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        bar = self.verticalScrollBar().sizeHint().width()
        if free is None:
            return wanted
        # room left for the title bar, the intro, the buttons and the window's frame
        most_h, most_w = int(free.height() * 0.9) - 160, free.width() - 60
        height = min(wanted.height(), max(most_h, 200))
        width = min(wanted.width() + (bar if height < wanted.height() else 0), most_w)
        return QSize(width, height)


def field_value(w: QWidget) -> object:
    if isinstance(w, DateField):
        return w.edit.text()
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, QComboBox):
        return w.currentIndex()
    if isinstance(w, QAbstractButton):
        return w.isChecked()
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    if isinstance(w, QTableWidget):
        return tuple(_cell_text(w, r, c)
                     for r in range(w.rowCount()) for c in range(w.columnCount()))
    text = getattr(w, "text", None)
    return text() if callable(text) else None


def _cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def field_empty(w: QWidget) -> bool:
    """A field nothing was typed or chosen in yet (where the focus starts)."""
    if isinstance(w, DateField):
        return not w.edit.text().strip()
    if isinstance(w, QLineEdit):
        return not w.text().strip()
    if isinstance(w, QPlainTextEdit):
        return not w.toPlainText().strip()
    return False
