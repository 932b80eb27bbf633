"""The Specimens place's shipments: each with its state; a new one packed from the stored
aliquots (one patient's, one cycle's, or all that are due), its manifest printed and
exported in the lab's columns, dispatched or cancelled before it leaves, the lab's receipt
imported and reconciled, and each discrepancy's reason recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidEntry
from app.rules.dates import fmt_datetime
from app.rules.protocol import Protocol
from app.rules.shipments import ShipmentState
from app.services.shipments import ShipmentView
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr
from ui.operations import Changes, announce
from ui.row_table import RowTable
from ui.style import error_text
from ui.table_model import Column, RowTableModel

STATE_STATUS = {ShipmentState.PACKED: "open", ShipmentState.DISPATCHED: "open",
                ShipmentState.RECEIVED: "done out of window", ShipmentState.CLOSED: "done",
                ShipmentState.CANCELLED: "cancelled"}


class NewShipmentDialog(FormDialog):
    help_page = "specimens"

    def __init__(self, ctx: Context, protocol: Protocol, parent: QWidget | None = None) -> None:
        super().__init__(tr("New shipment to the central lab"), parent)
        self.ctx, self.protocol = ctx, protocol
        self.intro.setText(tr("Stored aliquots are packed: one patient's, one cycle's, or "
                              "every one due by the protocol's shipping frequency."))
        self.intro.show()
        self.line("patient", tr("Patient"), placeholder=tr("subject ID, empty: every patient"))
        self.line("cycle", tr("Cycle"), placeholder=tr("a number, empty: every cycle"))
        self.due = self.add("due", tr("Only those due"), QCheckBox())
        self.line("courier", tr("Courier"))
        self.line("tracking", tr("Tracking number"))
        self.number: int | None = None
        self.first_field = "courier"

    def save(self) -> None:
        from app.services.shipments import create_shipment, pick

        def act() -> None:
            cycle_text = self.read_text("cycle")
            if cycle_text and not cycle_text.isdigit():
                raise InvalidEntry("cycle", tr("Cycle: give a number, not '{text}'").format(
                    text=cycle_text))
            now = self.ctx.now()
            picked = pick(self.ctx.db, self.protocol, now, self.read_text("patient") or None,
                          int(cycle_text) if cycle_text else None, self.due.isChecked())
            self.number = create_shipment(self.ctx.db, self.protocol, picked,
                                          self.read_text("courier"),
                                          self.read_text("tracking"), now)
        if self.attempt(act):
            self.accept()


class StepDialog(FormDialog):
    """One line asked before a step: a cancellation's reason, a receipt's file, a
    discrepancy's why."""

    help_page = "specimens"

    def __init__(self, title: str, fields: list[tuple[str, str]], act: Callable[[Any], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.act = act
        for name, label in fields:
            self.line(name, label)
        self.result_text = ""

    def save(self) -> None:
        def run() -> None:
            self.result_text = str(self.act(self) or "")
        if self.attempt(run):
            self.accept()


class ShipmentsPanel(QWidget):
    def __init__(self, ctx: Context, study: Callable[[], Protocol],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.study = ctx, study
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
                ("new", tr("New shipment…"), self.new_shipment),
                ("pdf", tr("Manifest PDF…"), self.manifest_pdf),
                ("table", tr("Manifest for the lab…"), self.manifest_table),
                ("dispatch", tr("Dispatched"), self.dispatch),
                ("cancel", tr("Cancel shipment…"), self.cancel),
                ("receive", tr("Receipt…"), self.receive),
                ("explain", tr("Discrepancy: why…"), self.explain)):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(tr("Shipment"), lambda s: str(s.number), lambda s: s.number),
            Column(tr("Study"), lambda s: s.study),
            Column(tr("State"), lambda s: tr(s.state.capitalize()),
                   status=lambda s: STATE_STATUS.get(s.state, "")),
            Column(tr("Aliquots"), lambda s: str(len(s.aliquots)), lambda s: len(s.aliquots)),
            Column(tr("Courier"), lambda s: s.courier),
            Column(tr("Tracking number"), lambda s: s.tracking),
            Column(tr("Packed"), lambda s: fmt_datetime(s.packed_at), lambda s: s.packed_at),
            Column(tr("Unexpected at the lab"), lambda s: ", ".join(s.unexpected)),
        ])
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("Shipments"))
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        from app.services.shipments import shipments

        chosen = self.chosen()
        self.model.set_rows(shipments(self.ctx.db, self.study()))
        for i, s in enumerate(self.model.rows):
            if chosen is not None and s.number == chosen.number:
                self.table.selectRow(i)

    def chosen(self) -> ShipmentView | None:
        index = self.table.currentIndex()
        rows = self.model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(error_text() if error else "")
        self.message.setText(text)

    def _changed(self, text: str) -> None:
        self._say(text)
        announce(Changes(records=True), self)
        self.refresh()

    def _picked(self) -> ShipmentView | None:
        s = self.chosen()
        if s is None:
            self._say(tr("Pick a shipment first"), error=True)
        return s

    def new_shipment(self) -> NewShipmentDialog:
        dialog = NewShipmentDialog(self.ctx, self.study(), self)
        dialog.accepted.connect(lambda: self._changed(tr("Shipment {n} packed").format(
            n=dialog.number)))
        dialog.open()
        return dialog

    def manifest_pdf(self, path: str | None = None) -> None:
        from app.rules.site_time import utc
        from app.services.shipments import manifest
        from app.services.worksheets import site_name
        from reports.manifest import print_manifest

        self._write(path, ".pdf", tr("PDF files (*.pdf)"), lambda s, target: print_manifest(
            target, manifest(self.ctx.db, self.study(), s.number, self.ctx.now()),
            site_name(self.ctx.db), utc(self.ctx.now())))

    def manifest_table(self, path: str | None = None) -> None:
        from app.exchange.manifest import write_lab_table
        from app.services.shipments import manifest

        def write(s: ShipmentView, target: Path) -> object:
            m = manifest(self.ctx.db, self.study(), s.number, self.ctx.now())
            return write_lab_table(target, m.headings, m.rows)
        self._write(path, ".csv", tr("CSV file (*.csv);;Excel workbook (*.xlsx)"), write)

    def _write(self, path: str | None, ending: str, filters: str,
               write: Callable[[ShipmentView, Path], object]) -> None:
        from ui.export import save_path, suggested_file

        s = self._picked()
        if s is None:
            return
        if not path:
            path = save_path(self, tr("Manifest"), suggested_file(
                "manifest", f"shipment {s.number}", day=self.ctx.today(), ending=ending),
                filters)
        if not path:
            return
        try:
            write(s, Path(path))
        except (OSError, InvalidEntry) as exc:
            self._say(tr("Cannot write {path}: {problem}").format(
                path=path, problem=getattr(exc, "strerror", None) or exc), error=True)
            return
        self._say(tr("Manifest of shipment {n} written to {path}").format(n=s.number,
                                                                          path=path))

    def dispatch(self) -> None:
        from app.services.shipments import dispatch_shipment

        s = self._picked()
        if s is None:
            return
        try:
            dispatch_shipment(self.ctx.db, self.study(), s.number, self.ctx.now())
        except InvalidEntry as exc:
            self._say(said(exc), error=True)
            return
        self._changed(tr("Shipment {n} dispatched").format(n=s.number))

    def _step(self, title: str, fields: list[tuple[str, str]],
              act: Callable[[Any], object]) -> StepDialog | None:
        dialog = StepDialog(title, fields, act, self)
        dialog.accepted.connect(lambda: self._changed(dialog.result_text))
        dialog.open()
        return dialog

    def cancel(self) -> StepDialog | None:
        from app.services.shipments import cancel_shipment

        s = self._picked()
        if s is None:
            return None

        def act(d: StepDialog) -> str:
            cancel_shipment(self.ctx.db, self.study(), s.number, d.read_text("reason") or None,
                            self.ctx.now())
            return tr("Shipment {n} cancelled: its aliquots are stored again").format(
                n=s.number)
        return self._step(tr("Cancel shipment {n}").format(n=s.number),
                          [("reason", tr("Why cancelled"))], act)

    def receive(self) -> StepDialog | None:
        from app.services.shipments import receive_shipment

        s = self._picked()
        if s is None:
            return None

        def act(d: StepDialog) -> str:
            r = receive_shipment(self.ctx.db, self.study(), s.number, d.read_text("file"),
                                 self.ctx.now())
            return tr("Shipment {n}: {matched} matched, {missing} missing, {thawed} thawed, "
                      "{damaged} damaged, {unexpected} unexpected").format(
                n=s.number, matched=len(r.matched), missing=len(r.missing),
                thawed=len(r.thawed), damaged=len(r.damaged), unexpected=len(r.unexpected))
        return self._step(tr("Lab's receipt of shipment {n}").format(n=s.number),
                          [("file", tr("Receipt file (.csv or .xlsx)"))], act)

    def explain(self) -> StepDialog | None:
        from app.services.shipments import explain_discrepancy

        def act(d: StepDialog) -> str:
            explain_discrepancy(self.ctx.db, self.study(), d.read_text("aliquot"),
                                d.read_text("reason"), self.ctx.today())
            return tr("Recorded why {aliquot} was not received as shipped").format(
                aliquot=d.read_text("aliquot").upper())
        return self._step(tr("A discrepancy's reason"),
                          [("aliquot", tr("Aliquot")), ("reason", tr("Why"))], act)
