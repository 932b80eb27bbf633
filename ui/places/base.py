"""What every place of the main window shares: its context, its bar, exports, notices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QMessageBox,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from ui.context import Context
from ui.i18n import QT_TR_NOOP, tr
from ui.operations import Changes, data_events
from ui.widgets import EmptyState


def tell(widget: QWidget, message: str) -> None:
    """A passing word in the main window's status bar (when the page sits in one)."""
    window = widget.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(message, 5000)


SPREADSHEETS = QT_TR_NOOP("Excel workbook (*.xlsx);;CSV file (*.csv)")


def export_to_file(widget: QWidget, title: str, default_name: str, filters: str, path: str | None,
            write: Callable[[Path], str]) -> None:
    """Ask where (unless told), write, and say what was written or why it could not be."""
    from app.services.errors import InvalidEntry

    if not path:
        from ui.export import save_path

        path = save_path(widget, title, default_name, tr(filters))
    if not path:
        return
    try:
        what = write(Path(path))
    except (OSError, InvalidEntry) as exc:
        QMessageBox.warning(widget, title, tr("Cannot write {path}: {problem}").format(
                path=path, problem=getattr(exc, 'strerror', None) or exc))
        return
    tell(widget, tr("{what} written to {path}").format(what=what, path=path))


def stacked(into: QBoxLayout, table: QWidget, empty: EmptyState, stretch: int = 0
            ) -> QStackedLayout:
    """`table`, or `empty` in its place, at the end of `into` (a layout of the place). The
    stack joins `into` before it takes its widgets: a stack without a widget of its own
    showed its first one as a window of its own, for a moment (a platform window made and
    dropped, and a flash on some desktops)."""
    layout = QStackedLayout()
    into.addLayout(layout, stretch)
    layout.addWidget(table)
    layout.addWidget(empty)
    return layout


class Place(QWidget):
    """A place of the main window: its context, and a bar of controls above its content."""

    open_patient = Signal(int)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.body = QVBoxLayout(self)
        self.bar = QHBoxLayout()
        data_events().changed.connect(self.data_changed)

    @Slot(object, object)
    def data_changed(self, changes: Changes, initiator: object) -> None:
        """The app-wide news of changed data (ui/operations.py): a place on screen reads
        again what it shows; one out of sight reads it when shown (MainWindow.go)."""
        if changes.shown and self.isVisible():
            refresh = getattr(self, "refresh", None)
            if refresh is not None:
                refresh()

    def exportable(self, table: QAbstractItemView, listing: str) -> None:
        """The list exports as shown (Ctrl+E, or its right-click menu), named `listing`."""
        from ui.export import make_exportable

        make_exportable(table, self.ctx, listing, self.study_label)

    def study_label(self) -> str:
        """The study an export says it holds: the one chosen, all of them, or the one."""
        box = getattr(self, "study", None)
        if box is not None and getattr(box, "several", False):
            return str(box.currentText())
        return self.ctx.protocol.code
