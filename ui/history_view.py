"""The audit trail on screen: a record's History… window, the patient's History tab and the
site's audit trail (Tools), all in the screen's words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.history import SITE_LIMIT, HistoryRow, record_history, site_audit
from ui.context import Context
from ui.export import make_exportable
from ui.i18n import counted, said, tr
from ui.row_table import RowTable
from ui.style import error_text, fit_to_screen
from ui.table_model import Column, RowTableModel
from ui.theme import restyle
from ui.widgets import DateField, FilterBox


def history_columns(with_subject: bool, zone: tzinfo) -> list[Column]:
    """When (on the site's clock, UTC on hover), who, what and which field, the value
    before and after, and why."""
    columns = [
        Column(tr("When ({zone})").format(zone=str(zone)), lambda h: h.when_in(zone),
               lambda h: h.at, tooltip=lambda h: tr("{when} UTC").format(when=h.when_text)),
        Column(tr("Who"), lambda h: h.who),
        Column(tr("Done"), lambda h: tr(h.action_word)),
        Column(tr("Record"), lambda h: h.what),
        Column(tr("Field"), lambda h: h.field_label),
        Column(tr("Before"), lambda h: h.old_text),
        Column(tr("After"), lambda h: h.new_text),
        Column(tr("Reason"), lambda h: h.reason or ""),
    ]
    if with_subject:
        columns.insert(3, Column(tr("Subject"), lambda h: h.subject))
    return columns


class RecordHistory(QDialog):
    """One record's history, newest first (opened from its dialog's History… button)."""

    def __init__(self, ctx: Context, title: str, table: str,
                 record_id: int | str | list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("History: {title}").format(title=title))
        fit_to_screen(self, 1000, 480)
        layout = QVBoxLayout(self)
        rows: list[HistoryRow] = record_history(ctx.db, table, record_id)
        said = (tr("<b>{title}</b>: every change, newest first, with who made it and why.")
                if rows else tr("<b>{title}</b>: no change yet."))
        layout.addWidget(QLabel(said.format(title=title)))
        self.model = RowTableModel(history_columns(with_subject=False, zone=ctx.zone()))
        self.model.set_rows(rows)
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("History of {title}").format(title=title))
        layout.addWidget(self.table)


class AuditTrailWindow(QDialog):
    """The whole site's audit trail, newest first: filter by day, user and words; Ctrl+E
    exports what is shown."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Audit trail"))
        fit_to_screen(self, 1200, 640)
        self.setSizeGripEnabled(True)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.since, self.until = DateField(), DateField()
        self.since.edit.setAccessibleName(tr("From date"))
        self.until.edit.setAccessibleName(tr("To date"))
        self.user = FilterBox()
        self.user.setAccessibleName(tr("Who"))
        self.user.addItem(tr("Everyone"), None)
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Find in the audit trail"))
        self.search.setPlaceholderText(tr("Words in the record, field, values or reason"))
        self.search.setClearButtonEnabled(True)
        for label, widget in ((tr("From"), self.since), (tr("to"), self.until),
                              (tr("Who"), self.user)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        self.problem = QLabel()
        restyle(self.problem, lambda: self.problem.setStyleSheet(error_text(bold=False)))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.model = RowTableModel(history_columns(with_subject=True, zone=ctx.zone()))
        self.table = RowTable(self.model)
        make_exportable(self.table, ctx, tr("Audit trail"), lambda: tr("All studies"))
        layout.addWidget(self.table, 1)
        self.since.changed.connect(self.refresh)
        self.until.changed.connect(self.refresh)
        self.user.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.refresh()
        for actor, who in sorted({(r.actor, r.who) for r in self.model.rows},
                                 key=lambda a: a[1]):
            self.user.addItem(who, actor)

    def refresh(self) -> None:
        try:
            since, until = self.since.date(), self.until.date()
        except ValueError as exc:  # a date half typed: wait for the rest, say what is wrong
            self.problem.setText(said(exc))
            self.problem.show()
            return
        self.problem.hide()
        rows = site_audit(self.ctx.db, since=since, until=until,
                          actor=self.user.currentData(), text=self.search.text())
        self.model.set_rows(rows)
        more = tr(" (the newest; narrow the filters to see older ones)") \
            if len(rows) >= SITE_LIMIT else ""
        self.count.setText(counted(len(rows), tr("{n} change"), tr("{n} changes")) + more)


class HistoryTab(QWidget):
    """The patient's History tab: every change to their records, newest first, filtered by
    words as they are typed, exported with Ctrl+E."""

    def __init__(self, ctx: Context, subject: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setAccessibleName(tr("Find in the history"))
        self.filter.setPlaceholderText(tr("Filter: words in the record, field, values, reason "
                                       "or who"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda: self.show_rows())
        layout.addWidget(self.filter)
        self.model = RowTableModel(history_columns(with_subject=False, zone=ctx.zone()))
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("The patient's history"))
        make_exportable(self.table, ctx,
                        lambda: tr("{subject_id} history").format(subject_id=subject()),
                        lambda: ctx.protocol.code)
        layout.addWidget(self.table)
        self.rows: list[HistoryRow] = []

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.rows = rows
        self.show_rows()

    def show_rows(self) -> None:
        words = self.filter.text().strip().lower()
        self.model.set_rows([h for h in self.rows if not words or words in h.words])
