"""One table model for every list: rows are the dataclasses a service returned.

Sorting is the model's own (list.sort), not a QSortFilterProxyModel: 100x faster on
thousands of rows (docs/architecture.md, Performance habits).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ui.i18n import tr
from ui.style import MUTED_TEXT, pick, status_colours

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    status: Callable[[Any], str] | None = None  # the row's status colours this cell
    tooltip: Callable[[Any], str] | None = None


LONG_TEXT = 40  # characters: a cell's text longer than this is also its tooltip


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._strike = QFont()
        self._strike.setStrikeOut(True)
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None  # the user's, kept on refresh

    def set_rows(self, rows: Sequence[Any], in_order: tuple[int, Qt.SortOrder] | None = None
                 ) -> None:
        """The rows to show, kept in the user's sort; `in_order`: the sort the rows come in
        already (a query's ORDER BY), which then costs nothing."""
        self.beginResetModel()
        self.rows = list(rows)
        if self.sorted_by is not None and self.sorted_by != in_order:
            self._sort_rows(*self.sorted_by)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == ROW_ROLE:
            return row
        removed = getattr(row, "removed_reason", None)
        if removed is not None:  # entered in error: struck through, greyed, why in the tip
            return self._removed(role, removed)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.tooltip:
                return col.tooltip(row)
            text = col.text(row)  # a long text a narrow column cuts: whole in the tooltip
            return text if len(text) > LONG_TEXT else None
        if col.status is not None:
            return self._status(role, col.status(row))
        return None

    def _removed(self, role: int, reason: str) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            return self._strike
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(pick(MUTED_TEXT))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Entered in error: {reason}").format(reason=reason)
        return None

    def _status(self, role: int, status: str) -> Any:
        colours = status_colours(status)
        if colours and role == Qt.ItemDataRole.ForegroundRole:
            return colours[0]
        if colours and role == Qt.ItemDataRole.BackgroundRole:
            return colours[1]
        if role == Qt.ItemDataRole.FontRole and status == "cancelled":
            return self._strike
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by a column (a header click); the order stays when the rows are read again."""
        if not 0 <= column < len(self.columns):
            return
        self.sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        col = self.columns[column]
        key = col.sort_key or col.text
        self.rows.sort(key=lambda r: _none_last(key(r)),
                       reverse=order == Qt.SortOrder.DescendingOrder)


def _none_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)
