"""The read-only list every place shows: Enter or a double click opens the row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from ui.table_model import ROW_ROLE, RowTableModel

FIT_ROWS = 200  # rows measured to size the columns
MAX_FIT_WIDTH = 360  # no column sized wider than this (a longer text is its cell's tooltip)


class RowTable(QTableView):
    """A read-only list: Enter or a double click opens the row."""

    opened = Signal(object)

    def __init__(self, model: RowTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the list for the next control (arrows move inside it): no list traps Tab
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        # a header click sorts by that column (the rows come in their natural order first)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.doubleClicked.connect(self._open)
        # columns sized to what they hold, once the first rows arrive (a width the user sets
        # afterwards stays); only the first rows are measured, so 7,000 rows cost no more
        self.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self._fitted = False
        model.modelReset.connect(self._fit_once)

    def _fit_once(self) -> None:
        if self._fitted or self.model().rowCount() == 0:
            return
        self._fitted = True
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for col in range(header.count() - 1):  # the last column takes the rest
            self.setColumnWidth(col, min(self.columnWidth(col), MAX_FIT_WIDTH))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.opened.emit(self.model().data(index, ROW_ROLE))
