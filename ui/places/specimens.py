"""The Specimens place, the lab bench's: the tubes drawn today with their spin and freeze
clocks (read again every 30 seconds while shown), the freezer boxes, the shipments to the
central lab and their receipts. A study without the lab manual's rules says so."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QWidget

from app.rules.protocol import Protocol
from ui.context import Context
from ui.i18n import tr
from ui.places.base import Place
from ui.specimen_bench import BenchPanel
from ui.specimen_shipments import ShipmentsPanel
from ui.specimen_storage import StoragePanel
from ui.widgets import StudyBox

TICK_MS = 30_000


class SpecimensPage(Place):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.study = StudyBox(ctx, everyone=False)
        self.study.currentIndexChanged.connect(self.refresh)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.bar.addWidget(self.study)
        self.bar.addWidget(self.note, 1)
        self.body.addLayout(self.bar)
        self.tabs = QTabWidget()
        self.bench = BenchPanel(ctx, self.protocol)
        self.storage = StoragePanel(ctx, self.protocol)
        self.shipments = ShipmentsPanel(ctx, self.protocol)
        self.tabs.addTab(self.bench, tr("&Bench"))
        self.tabs.addTab(self.storage, tr("&Freezer boxes"))
        self.tabs.addTab(self.shipments, tr("S&hipments"))
        self.tabs.currentChanged.connect(lambda _: self.refresh())
        self.body.addWidget(self.tabs, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(TICK_MS)

    def protocol(self) -> Protocol:
        return self.study.study() or self.ctx.protocol

    def entry_buttons(self) -> list[QPushButton]:
        """What changes clinical data here (a monitor is offered none of it)."""
        b, s, sh = self.bench, self.storage, self.shipments
        return [b.spin_button, b.freeze_button, s.new_button, s.store_button,
                *(sh.buttons[k] for k in ("new", "dispatch", "cancel", "receive", "explain"))]

    def _tick(self) -> None:
        if self.isVisible() and self.tabs.currentWidget() is self.bench:
            self.bench.refresh()

    def refresh(self) -> None:
        usable = self.protocol().specimens is not None
        self.tabs.setEnabled(usable)
        self.note.setText("" if usable else tr(
            "{study}'s protocol file has no [specimens] section: the lab manual's processing "
            "rules are not known here").format(study=self.protocol().code))
        if not usable:
            return
        page = self.tabs.currentWidget()
        if isinstance(page, BenchPanel | StoragePanel | ShipmentsPanel):
            page.refresh()
