"""One theme: the colour scheme this workstation chose (Tools > Settings: as the system,
light or dark). "As the system" follows the system's light/dark switch while the app runs
(Qt's colorSchemeChanged). The app's own colours (ui/style.py) follow the palette in use;
what sets a colour once (a style sheet, a coloured label) sets it again through `restyle`.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ui.i18n import QT_TR_NOOP
from ui.style import DARK_DISABLED, DARK_PALETTE
from ui.workstation import workstation

SYSTEM, LIGHT, DARK = "system", "light", "dark"
#: the choices of Settings, in its words
SCHEMES = {SYSTEM: QT_TR_NOOP("As the system"), LIGHT: QT_TR_NOOP("Light"),
           DARK: QT_TR_NOOP("Dark")}
SCHEME_SETTING = "colour_scheme"

def dark_palette() -> QPalette:
    """The dark scheme's palette (its colours named in ui/style.py)."""
    palette = QPalette()
    for role, colour in DARK_PALETTE.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for role, colour in DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role),
                         QColor(colour))
    return palette


def chosen_scheme() -> str:
    """This workstation's choice (as the system when none, or one not known)."""
    value = str(workstation().value(SCHEME_SETTING, SYSTEM))
    return value if value in SCHEMES else SYSTEM


def save_scheme(choice: str) -> None:
    workstation().setValue(SCHEME_SETTING, choice if choice in SCHEMES else SYSTEM)


class Theme(QObject):
    """The scheme in use; `changed` once the palette changed (the app's colours with it)."""

    changed = Signal()

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.system_palette = QPalette(app.palette())  # the platform's own, before a choice
        self.choice = SYSTEM
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._system_switched)

    def system_scheme(self) -> Qt.ColorScheme:
        """The system's light/dark setting (Unknown where the platform does not say)."""
        hints = QGuiApplication.styleHints()
        return hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown

    def dark(self) -> bool:
        if self.choice != SYSTEM:
            return self.choice == DARK
        scheme = self.system_scheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
        return self.system_palette.window().color().lightness() < 128

    def choose(self, choice: str) -> None:
        self.choice = choice if choice in SCHEMES else SYSTEM
        self.apply()

    def apply(self) -> None:
        """The palette of the scheme in use, then `changed` (what sets colours, again)."""
        if self.dark():
            palette = dark_palette()
        elif self.choice == SYSTEM and self.system_scheme() == Qt.ColorScheme.Unknown:
            palette = self.system_palette
        else:
            palette = self.app.style().standardPalette()
        self.app.setPalette(palette)
        self.changed.emit()

    @Slot(Qt.ColorScheme)
    def _system_switched(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == SYSTEM:
            self.apply()


_theme: Theme | None = None


def theme() -> Theme | None:
    """The app's theme (None before the QApplication): as the system until installed."""
    global _theme
    if _theme is None or not shiboken6.isValid(_theme):
        app = QApplication.instance()
        _theme = Theme(app) if isinstance(app, QApplication) else None
    return _theme


def install_theme(choice: str | None = None) -> Theme:
    """The app follows this workstation's scheme (or `choice`), from now on."""
    current = theme()
    assert current is not None, "a QApplication first"
    current.choose(chosen_scheme() if choice is None else choice)
    return current


class _Restyler(QObject):
    def __init__(self, widget: QWidget, apply: Callable[[], object], source: Theme) -> None:
        super().__init__(widget)  # goes with the widget
        self._apply = apply
        source.changed.connect(self._changed)

    @Slot()
    def _changed(self) -> None:
        self._apply()


def restyle(widget: QWidget, apply: Callable[[], object], *, now: bool = True) -> None:
    """`apply()` now, and again each time the scheme changes, while the widget lives."""
    if now:
        apply()
    current = theme()
    if current is not None:
        _Restyler(widget, apply, current)


__all__ = ["DARK", "LIGHT", "SCHEMES", "SYSTEM", "Theme", "chosen_scheme", "dark_palette",
           "install_theme", "restyle", "save_scheme", "theme"]
