"""The audit-trail review, a tab of the Monitoring place: for a period and a study, what the
trail and the sign-ins hold for a reviewer (late entries, corrections without a query,
records entered in error, sign-ins outside working hours, failed sign-ins, refusals), each
line marked reviewed with a comment (Ctrl+Shift+R)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.audit_review import Finding
from app.rules.dates import fmt_datetime
from app.services.audit_review import ReviewRow, audit_review, mark_reviewed
from app.services.errors import InvalidEntry, StorageProblem
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import counted, said, tr
from ui.places.base import stacked
from ui.row_table import RowTable
from ui.table_model import ROW_ROLE, Column, RowTableModel
from ui.widgets import DateField, EmptyState, StudyBox

PERIOD_DAYS = 56  # a monitor visits every 4 to 8 weeks: the last 8 by default


def _reviewed(r: ReviewRow) -> str:
    return f"{r.reviewed_by}: {r.comment}" if r.reviewed_by else ""


class MarkDialog(FormDialog):
    """The reviewer's comment on the lines chosen."""

    help_page = "monitoring"

    def __init__(self, ctx: Context, rows: list[ReviewRow], parent: QWidget | None = None
                 ) -> None:
        super().__init__(tr("Mark reviewed"), parent)
        self.ctx, self.rows = ctx, rows
        self.intro.setText(counted(len(rows), tr("{n} line of the audit review"),
                                   tr("{n} lines of the audit review")))
        self.intro.show()
        self.comment: QPlainTextEdit = self.text_box("comment", tr("Comment"))
        self.buttons.button(self.buttons.StandardButton.Save).setText(tr("Mark reviewed"))

    def save(self) -> None:
        def act() -> None:
            mark_reviewed(self.ctx.db, [r.item.key for r in self.rows],
                          self.comment.toPlainText(), self.ctx.now())

        if self.attempt(act):
            self.accept()


class AuditReviewTab(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ReviewRow] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        today = ctx.today()
        self.since, self.until = DateField(), DateField()
        self.since.set_date(today - timedelta(days=PERIOD_DAYS))
        self.until.set_date(today)
        self.since.edit.setAccessibleName(tr("From date"))
        self.until.edit.setAccessibleName(tr("To date"))
        for label, field in ((tr("From"), self.since), (tr("to"), self.until)):
            bar.addWidget(QLabel(label))
            bar.addWidget(field)
        self.study = StudyBox(ctx)
        bar.addWidget(self.study)
        self.open_only = QCheckBox(tr("&Not reviewed only"))
        bar.addWidget(self.open_only)
        bar.addStretch(1)
        self.mark_button = QPushButton(tr("&Mark reviewed…"))
        self.mark_button.setToolTip(tr("The selected lines reviewed, with your comment "
                                       "(Ctrl+Shift+R)"))
        self.mark_button.clicked.connect(self.mark_selected)
        bar.addWidget(self.mark_button)
        layout.addLayout(bar)
        self.count = QLabel()
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.model = RowTableModel([
            Column(tr("When"), lambda r: fmt_datetime(r.item.at), lambda r: r.item.at),
            Column(tr("Finding"), lambda r: tr(r.item.finding.value),
                   status=lambda r: "done" if r.reviewed_by else "overdue"),
            Column(tr("Who"), lambda r: r.item.actor),
            Column(tr("Subject"), lambda r: r.item.subject or ""),
            Column(tr("Record"), lambda r: r.item.record),
            Column(tr("Detail"), lambda r: said(r.item.detail)),
            Column(tr("Reason"), lambda r: r.item.reason or ""),
            Column(tr("Reviewed"), _reviewed)])
        self.table = RowTable(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.opened.connect(lambda _row: self.mark_selected())
        self.empty = EmptyState(tr("Nothing to review"),
                                tr("Nothing in the period calls for a review, or none "
                                   "matches the filters."))
        self.stack = stacked(layout, self.table, self.empty)
        QShortcut(QKeySequence("Ctrl+Shift+R"), self, self.mark_selected,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.study.currentIndexChanged.connect(self.refresh)
        for field in (self.since, self.until):
            field.changed.connect(self.refresh)
        self.open_only.toggled.connect(self.show_rows)

    def _period(self) -> tuple[date, date] | None:
        try:
            since, until = self.since.date(), self.until.date()
        except ValueError:
            return None  # a date half typed: the list waits for the rest
        if since is None or until is None or until < since:
            return None
        return since, until

    def refresh(self) -> None:
        period = self._period()
        if period is None:
            return
        try:
            self.rows = audit_review(self.ctx.db, *period, self.study.study_id())
        except InvalidEntry as exc:
            self.count.setText(said(exc))
            return
        self.show_rows()

    def show_rows(self) -> None:
        rows = [r for r in self.rows if not self.open_only.isChecked() or not r.reviewed_by]
        self.model.set_rows(rows)
        by_kind = {f: sum(1 for r in rows if r.item.finding is f) for f in Finding}
        words = ", ".join(tr("{finding}: {n}").format(finding=tr(f.value), n=n)
                          for f, n in by_kind.items() if n)
        self.count.setText(tr("{lines} shown, {open} not reviewed yet").format(
            lines=counted(len(rows), tr("{n} line"), tr("{n} lines")),
            open=sum(1 for r in rows if not r.reviewed_by)) + (f" ({words})" if words else ""))
        self.mark_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(0 if rows else 1)

    def mark_selected(self) -> None:
        chosen: list[ReviewRow] = [self.model.data(i, ROW_ROLE)
                                   for i in self.table.selectionModel().selectedRows()]
        if not chosen:
            QMessageBox.information(self, tr("Mark reviewed"),
                                    tr("Select the lines to mark first"))
            return
        try:
            if MarkDialog(self.ctx, chosen, self).exec():
                self.refresh()
        except StorageProblem as exc:
            QMessageBox.warning(self, tr("Mark reviewed"), said(exc))
