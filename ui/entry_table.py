"""The table a dialog is typed into (PK tubes, lesions, grade spells), keyboard first.

Tab leaves the table (it never traps the focus); the arrows move from cell to cell; typing
starts editing the cell; Enter edits the cell, or, while editing, keeps what was typed and
goes down a row; Space ticks a check cell. A cell with a fixed list of choices (a grade, a
non-target status) opens that list as it is edited, so no cell needs a widget of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

Choices = Sequence[tuple[str, object]]
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # a choice cell's value (its text is the label)

EDITABLE = Qt.ItemFlag.ItemIsEditable


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell by a drop-down of choices; the value goes in VALUE_ROLE, the label in
    the text. `choices` is asked each time, so the list can follow the form (an AE's term)."""

    def __init__(self, choices: Callable[[int], Choices], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for text, value in self.choices(index.row()):
            combo.addItem(text, value)
            combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(VALUE_ROLE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), VALUE_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class SuggestionDelegate(QStyledItemDelegate):
    """Edits a text cell by an editable drop-down: the usual answers offered (Alt+Down or
    F4 lists them, typing completes them), any other text kept as typed."""

    def __init__(self, suggestions: Callable[[], Sequence[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestions = suggestions

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # free text stays in the cell
        combo.addItems(list(self.suggestions()))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        editor.setCurrentIndex(editor.findText(text) if text else -1)
        editor.setEditText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


def set_choice(item: QTableWidgetItem, choices: Choices, value: object) -> None:
    """Show a choice cell's value by its label (empty when the value is not among them)."""
    label = next((text for text, v in choices if v == value and value is not None), "")
    item.setData(VALUE_ROLE, value if label else None)
    item.setText(label)


def choice_of(item: QTableWidgetItem | None) -> object:
    return item.data(VALUE_ROLE) if item is not None else None


def check_item(checked: bool = False) -> QTableWidgetItem:
    """A cell ticked with Space or a click."""
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                  | Qt.ItemFlag.ItemIsSelectable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def fixed_item(text: str) -> QTableWidgetItem:
    """A cell shown, not typed in."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~EDITABLE)
    return item


def cell_text(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


def cell_data(table: QTableWidget, row: int, col: int, role: int) -> object:
    """What a cell holds in `role` (None for a cell with nothing in it yet)."""
    item = table.item(row, col)
    return item.data(role) if item is not None else None


def is_checked(table: QTableWidget, row: int, col: int) -> bool:
    item = table.item(row, col)
    return item is not None and item.checkState() == Qt.CheckState.Checked


class EntryTable(QTableWidget):
    """A QTableWidget typed into by keyboard alone (see the module's docstring)."""

    def __init__(self, rows: int, columns: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(rows, len(columns), parent)
        self.setHorizontalHeaderLabels(list(columns))
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)

    def cell(self, row: int, col: int) -> QTableWidgetItem:
        """The item of a cell, an empty one put there first where the cell has none."""
        item = self.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, col, item)
        return item

    def _editable(self, row: int, col: int) -> bool:
        item = self.item(row, col)
        return item is not None and bool(item.flags() & EDITABLE)

    def _typed_in(self, row: int, col: int) -> bool:
        item = self.item(row, col)
        if item is None:
            return False
        ticked = item.data(Qt.ItemDataRole.CheckStateRole) is not None
        return bool(item.flags() & EDITABLE) or (
            ticked and bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable))

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Arriving by Tab: on a cell that can be typed in (the first of the current row,
        else of the table), not on a label."""
        super().focusInEvent(event)
        current = self.currentIndex()
        if current.isValid() and self._typed_in(current.row(), current.column()):
            return
        rows = [current.row()] if current.isValid() else []
        for row in rows + list(range(self.rowCount())):
            for col in range(self.columnCount()):
                if self._typed_in(row, col):
                    self.setCurrentCell(row, col)
                    return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter edits the current cell (a dialog's Enter never saves from a table)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid() and self._editable(index.row(), index.column()):
                self.edit(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter while editing keeps the value and goes down a row, as in a spreadsheet."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            index = self.currentIndex()
            if index.isValid() and index.row() + 1 < self.rowCount():
                self.setCurrentCell(index.row() + 1, index.column())
