"""The Specimens place's freezer: boxes (added, picked from the list or by scanning their
label), a box's grid (a position picked with the arrows and Enter, or a click), aliquots
waiting for a place, a store or a move (a move asks why), and an aliquot's chain of
custody (who, when, where) under the grid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidEntry
from app.rules.dates import fmt_datetime
from app.rules.protocol import Protocol
from app.rules.specimens import AliquotState, position_name
from app.services.storage import BoxView
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr
from ui.operations import Changes, announce
from ui.style import error_text


class BoxGrid(QTableWidget):
    """A box's positions: arrows move, Enter (or a double click) picks the position."""

    def __init__(self, picked: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picked = picked
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAccessibleName(tr("Box positions"))
        self.cellDoubleClicked.connect(lambda r, c: self.picked(position_name(r, c)))

    def show_box(self, box: BoxView | None) -> None:
        self.clear()
        self.setRowCount(box.rows if box else 0)
        self.setColumnCount(box.columns if box else 0)
        if box is None:
            return
        self.setVerticalHeaderLabels([chr(ord("A") + r) for r in range(box.rows)])
        self.setHorizontalHeaderLabels([str(c + 1) for c in range(box.columns)])
        for r in range(box.rows):
            for c in range(box.columns):
                held = box.at(r, c)
                item = QTableWidgetItem("…" + held[-13:] if held and len(held) > 14
                                        else held or "")
                item.setToolTip(held or tr("{position}: free").format(
                    position=position_name(r, c)))
                self.setItem(r, c, item)
        self.resizeColumnsToContents()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.picked(position_name(self.currentRow(), self.currentColumn()))
            return
        super().keyPressEvent(event)


class NewBoxDialog(FormDialog):
    help_page = "specimens"

    def __init__(self, ctx: Context, protocol: Protocol, parent: QWidget | None = None) -> None:
        super().__init__(tr("New freezer box"), parent)
        self.ctx, self.protocol = ctx, protocol
        self.line("label", tr("Box label"), placeholder=tr("as printed on the box, e.g. "
                                                         "PK-BOX-01"))
        self.line("freezer", tr("Freezer"), placeholder=tr("e.g. -80 C freezer 2"))
        self.line("rack", tr("Rack"))
        self.label = ""

    def save(self) -> None:
        from app.services.storage import add_box

        def act() -> None:
            self.label = add_box(self.ctx.db, self.protocol, self.read_text("label"),
                                 self.read_text("freezer"), self.read_text("rack") or None,
                                 self.ctx.today())
        if self.attempt(act):
            self.accept()


class StoragePanel(QWidget):
    def __init__(self, ctx: Context, study: Callable[[], Protocol],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.study = ctx, study
        self.boxes: list[BoxView] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.box_list = QComboBox()
        self.box_list.setAccessibleName(tr("Box"))
        self.box_list.currentIndexChanged.connect(self._show_box)
        self.box_scan = QLineEdit()
        self.box_scan.setPlaceholderText(tr("scan a box label, then Enter"))
        self.box_scan.setAccessibleName(tr("Box label"))
        self.box_scan.returnPressed.connect(self._scanned_box)
        self.new_button = QPushButton(tr("New box…"))
        self.new_button.clicked.connect(lambda: self.new_box())
        self.print_button = QPushButton(tr("Print contents…"))
        self.print_button.clicked.connect(lambda: self.print_box())
        for w in (QLabel(tr("Box:")), self.box_list, self.box_scan, self.new_button,
                  self.print_button):
            top.addWidget(w)
        layout.addLayout(top)
        self.grid = BoxGrid(self._position_picked)
        layout.addWidget(self.grid, 1)
        form = QFormLayout()
        self.aliquot = QLineEdit()
        self.aliquot.setAccessibleName(tr("Aliquot"))
        self.aliquot.setPlaceholderText(tr("scan or type an aliquot ID"))
        self.aliquot.returnPressed.connect(self._aliquot_given)
        self.position = QLineEdit()
        self.position.setAccessibleName(tr("Position"))
        self.position.setPlaceholderText(tr("e.g. B3, or pick it in the grid"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(tr("Why moved"))
        self.reason.setPlaceholderText(tr("only for a move: why"))
        form.addRow(tr("A&liquot:"), self.aliquot)
        form.addRow(tr("&Position:"), self.position)
        form.addRow(tr("&Why moved:"), self.reason)
        layout.addLayout(form)
        self.store_button = QPushButton(tr("Store (Ctrl+Enter)"))
        self.store_button.clicked.connect(self.store)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.store)
        layout.addWidget(self.store_button)
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.custody = QLabel()
        self.custody.setWordWrap(True)
        for w in (self.waiting, self.message, self.custody):
            layout.addWidget(w)

    def refresh(self) -> None:
        from app.services.specimens import all_tubes
        from app.services.storage import boxes

        current = self.box_list.currentText()
        self.boxes = boxes(self.ctx.db, self.study())
        self.box_list.blockSignals(True)
        self.box_list.clear()
        for b in self.boxes:
            self.box_list.addItem(f"{b.label} ({b.where})", b.label)
        self.box_list.setCurrentIndex(max(0, self.box_list.findData(current.split(" ")[0])))
        self.box_list.blockSignals(False)
        self._show_box()
        waiting = [a.aliquot_id for t in all_tubes(self.ctx.db, self.study(), self.ctx.now())
                   for a in t.aliquots if a.state is AliquotState.PROCESSED]
        self.waiting.setText(tr("Waiting for a place: {aliquots}").format(
            aliquots=", ".join(waiting)) if waiting else tr("Every frozen aliquot is stored."))
        if waiting and not self.aliquot.text().strip():
            self.aliquot.setText(waiting[0])  # the next one, selected: a scan replaces it
            self.aliquot.selectAll()

    def box(self) -> BoxView | None:
        label = self.box_list.currentData()
        return next((b for b in self.boxes if b.label == label), None)

    def _show_box(self) -> None:
        self.grid.show_box(self.box())

    def _scanned_box(self) -> None:
        label = self.box_scan.text().strip().upper()
        index = self.box_list.findData(label)
        if index < 0:
            self._say(tr("No box {label}").format(label=label), error=True)
            return
        self.box_list.setCurrentIndex(index)
        self.box_scan.clear()
        self.grid.setFocus()
        self.grid.setCurrentCell(0, 0)

    def _position_picked(self, position: str) -> None:
        self.position.setText(position)
        self.store()

    def _aliquot_given(self) -> None:
        self.show_custody(self.aliquot.text())
        self.grid.setFocus()
        if self.grid.currentRow() < 0 and self.grid.rowCount():
            self.grid.setCurrentCell(0, 0)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(error_text() if error else "")
        self.message.setText(text)

    def store(self) -> None:
        from app.services.storage import store_aliquot

        box = self.box()
        if box is None:
            self._say(tr("Add a box first (New box…)"), error=True)
            return
        aliquot = self.aliquot.text().strip()
        try:
            store_aliquot(self.ctx.db, self.study(), aliquot, box.label, self.position.text(),
                          self.ctx.now(), reason=self.reason.text().strip() or None)
        except InvalidEntry as exc:
            self._say(said(exc), error=True)
            if exc.field == "reason":
                self.reason.setFocus()
            return
        self._say(tr("{aliquot} stored in {box} at {position}").format(
            aliquot=aliquot.upper(), box=box.label, position=self.position.text().upper()))
        self.show_custody(aliquot)
        for w in (self.aliquot, self.position, self.reason):
            w.clear()
        announce(Changes(records=True), self)
        self.refresh()

    def show_custody(self, aliquot: str) -> None:
        from app.services.storage import custody

        if not aliquot.strip():
            return
        try:
            steps = custody(self.ctx.db, aliquot)
        except InvalidEntry as exc:
            self.custody.setText(said(exc))
            return
        self.custody.setText(tr("Chain of custody of {aliquot}:").format(
            aliquot=aliquot.strip().upper()) + "\n" + "\n".join(
            f"{fmt_datetime(s.at)}  {s.actor}  {s.what}" + (f" ({s.reason})" if s.reason
                                                            else "") for s in steps))

    def new_box(self) -> NewBoxDialog:
        dialog = NewBoxDialog(self.ctx, self.study(), self)
        dialog.accepted.connect(lambda: self._added(dialog.label))
        dialog.open()
        return dialog

    def _added(self, label: str) -> None:
        announce(Changes(records=True), self)
        self.refresh()
        self.box_list.setCurrentIndex(max(0, self.box_list.findData(label)))

    def print_box(self, path: str | None = None) -> None:
        from reports.manifest import print_box
        from ui.export import save_path, suggested_file

        box = self.box()
        if box is None:
            return
        if not path:
            path = save_path(self, tr("Box contents"), suggested_file(
                "box", box.label, day=self.ctx.today(), ending=".pdf"), tr("PDF files (*.pdf)"))
        if path:
            print_box(path, box, _utc(self.ctx.now()))
            self._say(tr("Box {label} written to {path}").format(label=box.label, path=path))


def _utc(when: datetime) -> datetime:
    from app.rules.site_time import utc

    return utc(when)
