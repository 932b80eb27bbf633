"""Status words and colours: always a word and a colour together, never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from app.rules.statuses import visit_status_word
from ui.i18n import tr

# status -> (text colour, background), for a light palette and for a dark one; the words
# come from app.rules.statuses. Each pair reads at a WCAG contrast of 4.5 or more
# (tests/ui/test_style.py).
STATUS = {
    "planned": ("#4b5563", "#f3f4f6"),
    "open": ("#1d4ed8", "#dbeafe"),
    "overdue": ("#b91c1c", "#fee2e2"),
    "done": ("#15803d", "#dcfce7"),
    "done_out_of_window": ("#92400e", "#fef3c7"),
    "missed": ("#7f1d1d", "#fecaca"),
    "cancelled": ("#6b7280", "#ffffff"),
}

STATUS_DARK = {
    "planned": ("#e5e7eb", "#374151"),
    "open": ("#bfdbfe", "#1e3a8a"),
    "overdue": ("#fecaca", "#7f1d1d"),
    "done": ("#bbf7d0", "#14532d"),
    "done_out_of_window": ("#fde68a", "#78350f"),
    "missed": ("#fee2e2", "#450a0a"),
    "cancelled": ("#d1d5db", "#1f2937"),
}

# patient status -> text colour on the window's background (light, dark)
PATIENT_STATUS_PAIRS = {
    "screening": ("#4b5563", "#d1d5db"),
    "screen_failed": ("#6b7280", "#9ca3af"),
    "on_treatment": ("#1d4ed8", "#93c5fd"),
    "follow_up": ("#7c3aed", "#c4b5fd"),
    "off_study": ("#374151", "#e5e7eb"),
}
#: a warning's text (light, dark)
ERROR_TEXT = ("#b91c1c", "#fca5a5")
#: the backgrounds the pairs are checked against: a light window, a dark one
WINDOW = ("#ffffff", "#1f2937")


def dark_mode() -> bool:
    """Whether the system (or the palette in use) is dark: the colours follow it."""
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return True
    if QGuiApplication.instance() is None:
        return False
    return QGuiApplication.palette().window().color().lightness() < 128


def pick(pair: tuple[str, str]) -> str:
    """The light or the dark colour of a pair, for the palette in use."""
    return pair[1] if dark_mode() else pair[0]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21; text wants 4.5 or more)."""
    def luminance(colour: str) -> float:
        c = QColor(colour)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def status_word(status: str) -> str:
    return tr(visit_status_word(status))


def patient_colour(status: str) -> str:
    pair = PATIENT_STATUS_PAIRS.get(status)
    return pick(pair) if pair else pick(("#000000", "#ffffff"))


def status_colours(status: str) -> tuple[QColor, QColor] | None:
    style = (STATUS_DARK if dark_mode() else STATUS).get(status)
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
