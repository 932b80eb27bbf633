"""Status words and colours: always a word and a colour together, never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from app.statuses import visit_status_word

# status -> (text colour, background); the words come from app.statuses
STATUS = {
    "planned": ("#4b5563", "#f3f4f6"),
    "open": ("#1d4ed8", "#dbeafe"),
    "overdue": ("#b91c1c", "#fee2e2"),
    "done": ("#15803d", "#dcfce7"),
    "done_out_of_window": ("#92400e", "#fef3c7"),
    "missed": ("#7f1d1d", "#fecaca"),
    "cancelled": ("#6b7280", "#ffffff"),
}

# patient status -> text colour
PATIENT_STATUS = {
    "screening": "#4b5563",
    "screen_failed": "#6b7280",
    "on_treatment": "#1d4ed8",
    "follow_up": "#7c3aed",
    "off_study": "#374151",
}


def status_word(status: str) -> str:
    return visit_status_word(status)


def status_colours(status: str) -> tuple[QColor, QColor] | None:
    style = STATUS.get(status)
    if style is None:
        return None
    return QColor(style[0]), QColor(style[1])


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width` x `height`, or smaller where the screen's free area is (a 1280x720
    laptop with its task bar, 150 % scaling): never a window taller or wider than the
    screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width()), min(height, free.height())
    window.resize(width, height)


class _AtLeastItsMinimum(QWidget):
    """Holds one widget at the size given, never below its minimum; tells a scroll area that
    minimum and nothing else (a page's word-wrapped labels would otherwise make it ask for
    a height for each width, and the window scroll when nothing needs to)."""

    def __init__(self, inner: QWidget) -> None:
        super().__init__()
        inner.setParent(self)
        self.inner = inner

    def minimumSizeHint(self) -> QSize:
        return self.inner.minimumSizeHint()

    def sizeHint(self) -> QSize:
        return self.inner.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.inner.setGeometry(self.rect())


def scrolled(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area: a window narrower or shorter than what it holds
    (a small screen, 150 % scaling) scrolls instead of growing past the screen."""
    area = QScrollArea()
    area.setWidget(_AtLeastItsMinimum(widget))
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
