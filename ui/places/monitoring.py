"""Monitoring: the monitor's place. Source-data verification per patient and per record
(verified, changed since, partly, not yet, and what the sponsor's plan asks), verified a
selection at a time (Ctrl+Shift+V: whole forms at once); and the audit-trail review
(ui/audit_review_view.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.rules.dates import fmt_date
from app.rules.sdv import STATE_WORDS, SdvState
from app.rules.site_time import utc
from app.services.errors import InvalidEntry, StorageProblem
from app.services.sdv import SdvRow, sdv_rows, verify
from ui.audit_review_view import AuditReviewTab
from ui.context import Context
from ui.i18n import counted, said, tr
from ui.places.base import Place, stacked
from ui.row_table import RowTable
from ui.table_model import ROW_ROLE, Column, RowTableModel
from ui.widgets import EmptyState, FilterBox, StudyBox, subject_search

_STATUS = {SdvState.NOT_VERIFIED: "planned", SdvState.PARTLY: "planned",
           SdvState.VERIFIED: "done", SdvState.CHANGED: "overdue"}


def _verified(r: SdvRow) -> str:
    if r.verified_at is None:
        return ""
    return f"{r.verified_by}, {fmt_date(utc(r.verified_at).date())}"


class SdvTab(QWidget):
    """Every record of one study's patients with its verification state (a monitor works
    one study at a time); a selection verified at once by the monitor."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[SdvRow] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = subject_search()
        bar.addWidget(self.search)
        self.study = StudyBox(ctx, everyone=False)  # a monitor verifies one study's records
        bar.addWidget(self.study)
        self.state = FilterBox()
        self.state.setAccessibleName(tr("Verification state"))
        self.state.addItem(tr("All states"), None)
        for state in (SdvState.NOT_VERIFIED, SdvState.CHANGED, SdvState.PARTLY,
                      SdvState.VERIFIED):
            self.state.addItem(tr(STATE_WORDS[state]), state.value)
        bar.addWidget(self.state)
        self.planned = QCheckBox(tr("Asked by the &plan only"))
        bar.addWidget(self.planned)
        bar.addStretch(1)
        self.verify_button = QPushButton(tr("&Verify the selection"))
        self.verify_button.setToolTip(tr("Mark the selected records verified as they stand, "
                                         "every field (Ctrl+Shift+V)"))
        self.verify_button.clicked.connect(self.verify_selected)
        self.verify_button.setEnabled(ctx.signed is not None and ctx.signed.role == "monitor")
        bar.addWidget(self.verify_button)
        self.fields_button = QPushButton(tr("Verify &fields…"))
        self.fields_button.setToolTip(tr("Some fields of the current record, ticked one by one "
                                         "(Ctrl+Shift+F)"))
        self.fields_button.clicked.connect(self.verify_fields)
        self.fields_button.setEnabled(self.verify_button.isEnabled())
        bar.addWidget(self.fields_button)
        layout.addLayout(bar)
        self.count = QLabel()
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.model = RowTableModel([
            Column(tr("Study"), lambda r: r.study),
            Column(tr("Subject"), lambda r: r.subject_id),
            Column(tr("Record"), lambda r: said(r.what)),
            Column(tr("Date"), lambda r: fmt_date(r.when), lambda r: r.when),
            Column(tr("State"), lambda r: tr(STATE_WORDS[r.state]),
                   status=lambda r: _STATUS[r.state]),
            Column(tr("What changed"), lambda r: r.sdv.what_changed),
            Column(tr("Plan"), lambda r: said(r.required) if r.required else ""),
            Column(tr("Verified"), _verified)])
        self.table = RowTable(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setToolTip(tr("Shift or Ctrl with the arrows selects several records; "
                                 "Ctrl+Shift+V verifies them"))
        self.empty = EmptyState(tr("Nothing to verify"),
                                tr("No record is on file yet, or none matches the filters."))
        self.stack = stacked(layout, self.table, self.empty)
        QShortcut(QKeySequence("Ctrl+Shift+V"), self, self.verify_selected,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+F"), self, self.verify_fields,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for box in (self.study, self.state):
            box.currentIndexChanged.connect(self.show_rows)
        self.study.currentIndexChanged.connect(self.refresh)
        self.planned.toggled.connect(self.show_rows)
        self.search.textChanged.connect(self.show_rows)

    def refresh(self) -> None:
        self.rows = sdv_rows(self.ctx.db, self.study.study_id())
        self.show_rows()

    def show_rows(self) -> None:
        state, text = self.state.currentData(), self.search.text().strip().upper()
        rows = [r for r in self.rows if (state is None or r.state.value == state)
                and (not self.planned.isChecked() or r.required is not None)
                and (not text or text in r.subject_id.upper())]
        self.model.set_rows(rows)
        waiting = sum(1 for r in rows if r.required and r.state is not SdvState.VERIFIED)
        changed = sum(1 for r in rows if r.state is SdvState.CHANGED)
        self.count.setText(tr("{records} shown: {changed} changed since verified, {waiting} "
                              "asked by the plan and not verified").format(
            records=counted(len(rows), tr("{n} record"), tr("{n} records")),
            changed=changed, waiting=waiting))
        self.stack.setCurrentIndex(0 if rows else 1)

    def selected(self) -> list[SdvRow]:
        return [self.model.data(i, ROW_ROLE)
                for i in self.table.selectionModel().selectedRows()]

    def verify_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, tr("Verify"), tr("Select the records to verify "
                                                          "first (Shift or Ctrl with the "
                                                          "arrows)"))
            return
        try:
            done = verify(self.ctx.db, [r.key for r in chosen], self.ctx.now())
        except (InvalidEntry, StorageProblem) as exc:
            QMessageBox.warning(self, tr("Verify"), said(exc))
            return
        self.refresh()
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(counted(done, tr("{n} record verified"),
                                                   tr("{n} records verified")), 5000)


    def verify_fields(self) -> None:
        from ui.sdv_fields_dialog import FieldsDialog

        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, tr("Verify"), tr("Select the record first"))
            return
        if FieldsDialog(self.ctx, self.model.data(index, ROW_ROLE), self).exec():
            self.refresh()


class MonitoringPage(Place):
    """The monitor's place: verification, and the audit-trail review."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tabs = QTabWidget()
        self.sdv = SdvTab(ctx)
        self.review = AuditReviewTab(ctx)
        self.tabs.addTab(self.sdv, tr("Source-data &verification"))
        self.tabs.addTab(self.review, tr("&Audit-trail review"))
        self.body.addWidget(self.tabs)
        self.exportable(self.sdv.table, tr("Source-data verification"))
        self.exportable(self.review.table, tr("Audit-trail review"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

    def refresh(self) -> None:
        if self.tabs.currentWidget() is self.sdv:
            self.sdv.refresh()
        else:
            self.review.refresh()
