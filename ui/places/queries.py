"""Queries: every query of the site, filtered by study, subject, state and age, with the
steps the signed-in account may take on the one selected (the service says which)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.rules.dates import fmt_date
from app.services.offers import offered
from app.services.queries import QueryRow, list_queries
from ui.context import Context
from ui.export import export_view
from ui.i18n import counted, tr
from ui.places.base import Place, stacked
from ui.query_dialogs import ANSWER, CLOSE, REOPEN, OpenQueryDialog, QueryStepDialog
from ui.row_table import RowTable
from ui.table_model import ROW_ROLE, Column, RowTableModel
from ui.widgets import EmptyState, FilterBox, StudyBox, subject_search

STATE_WORDS = {"open": "Open", "answered": "Answered", "closed": "Closed"}


class QueriesPage(Place):
    """The monitor's and the site's list of queries: open, answer, close, re-open."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.rows: list[QueryRow] = []
        self.offer = offered(ctx.db)
        self.search = subject_search()
        bar.addWidget(self.search)
        self.study = StudyBox(ctx)
        bar.addWidget(self.study)
        self.state = FilterBox()
        self.state.setAccessibleName(tr("State"))
        for text, value in ((tr("Open and answered"), "unclosed"), (tr("Open"), "open"),
                            (tr("Answered"), "answered"), (tr("Closed"), "closed"),
                            (tr("Every state"), None)):
            self.state.addItem(text, value)
        bar.addWidget(self.state)
        self.age = FilterBox()
        self.age.setAccessibleName(tr("Age"))
        for text, days in ((tr("Any age"), 0), (tr("Older than 7 days"), 7),
                           (tr("Older than 14 days"), 14), (tr("Older than 30 days"), 30)):
            self.age.addItem(text, days)
        bar.addWidget(self.age)
        bar.addStretch(1)
        self.open_button = QPushButton(tr("&Open a query…"))
        self.answer_button = QPushButton(tr("&Answer…"))
        self.close_button = QPushButton(tr("&Close…"))
        self.reopen_button = QPushButton(tr("&Re-open…"))
        self.export_button = QPushButton(tr("Export…"))
        self.export_button.setToolTip(tr("The queries shown, to CSV or XLSX (Ctrl+E)"))
        for button in (self.open_button, self.answer_button, self.close_button,
                       self.reopen_button, self.export_button):
            bar.addWidget(button)
        self.open_button.clicked.connect(lambda: self.open_query())
        self.answer_button.clicked.connect(lambda: self.step(ANSWER))
        self.close_button.clicked.connect(lambda: self.step(CLOSE))
        self.reopen_button.clicked.connect(lambda: self.step(REOPEN))
        self.export_button.clicked.connect(lambda: self.export())
        layout.addLayout(bar)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.model = RowTableModel([
            Column(tr("Query"), lambda r: str(r.id), lambda r: r.id),
            Column(tr("Opened"), lambda r: fmt_date(r.opened_at.date()),  # the site's day
                   lambda r: r.opened_at),
            Column(tr("Subject"), lambda r: r.subject_id),
            Column(tr("Study"), lambda r: r.study),
            Column(tr("On"), lambda r: r.target.words),
            Column(tr("State"), lambda r: tr(STATE_WORDS[r.state.value])),
            Column(tr("Days"), lambda r: str(r.age_days), lambda r: r.age_days),
            Column(tr("Question"), lambda r: r.text),
            Column(tr("Answer"), lambda r: r.answer or ""),
            Column(tr("Opened by"), lambda r: r.opened_by),
        ])
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("Queries"))
        self.exportable(self.table, tr("Queries"))
        self.table.setToolTip(tr("Enter answers, closes or re-opens the selected query"))
        self.table.opened.connect(lambda row: self.first_step(row))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._offer())
        self.empty = EmptyState(tr("No queries"),
                                tr("No query matches the filters."))
        self.stack = stacked(layout, self.table, self.empty)
        for box in (self.study, self.state, self.age):
            box.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)

    def refresh(self) -> None:
        self.offer = offered(self.ctx.db)
        self.open_button.setVisible(self.offer.query)
        self.rows = list_queries(self.ctx.db, self.ctx.today(), study_id=self.study.study_id())
        state, age = self.state.currentData(), self.age.currentData() or 0
        text = self.search.text().strip().upper()
        rows = [r for r in self.rows
                if (state is None or r.state.value == state
                    or (state == "unclosed" and r.state.value != "closed"))
                and r.age_days >= age and (not text or text in r.subject_id.upper())]
        self.model.set_rows(rows)
        self.count.setText(tr("{queries} shown, {open} open").format(
            queries=counted(len(rows), tr("{n} query"), tr("{n} queries")),
            open=sum(r.state.value == "open" for r in rows)))
        self.export_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(0 if rows else 1)
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._offer()

    def selected(self) -> QueryRow | None:
        index = self.table.currentIndex()
        row = self.model.data(index, ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, QueryRow) else None

    def _offer(self) -> None:
        """Only the steps the service says this account may take on the selected query."""
        row = self.selected()
        self.answer_button.setVisible(row is not None and row.may_answer)
        self.close_button.setVisible(row is not None and row.may_close)
        self.reopen_button.setVisible(row is not None and row.may_reopen)

    def open_query(self) -> None:
        dialog = OpenQueryDialog(self.ctx, self, self.search.text().strip().upper())
        if dialog.exec():
            self.refresh()

    def step(self, step: str, row: QueryRow | None = None) -> None:
        row = row or self.selected()
        if row is not None and QueryStepDialog(self.ctx, row, step, self).exec():
            self.refresh()

    def first_step(self, row: QueryRow) -> None:
        step = (ANSWER if row.may_answer else CLOSE if row.may_close
                else REOPEN if row.may_reopen else None)
        if step is not None:
            self.step(step, row)

    def export(self, path: str | None = None) -> None:
        export_view(self, self.ctx, self.table, tr("Queries"), self.study_label(), path)
