"""The site's adverse events: filters, the AE log and the TEAE summary."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.services.adverse_events import AE_FILTERS, AeRow, filter_aes
from ui.context import Context
from ui.export import suggested_file
from ui.i18n import counted, tr
from ui.places.base import SPREADSHEETS, Place, export_to_file, stacked
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState, FilterBox, GroupingBox, StudyBox


def teae_text(r: AeRow) -> str:
    """Derived, with why: a condition there before the first dose says when it worsened."""
    e = r.emergence
    if e.teae and e.worsened_on:
        return tr("yes, worsened {worsened_on} (was grade {baseline_grade})").format(
                worsened_on=fmt_date(e.worsened_on), baseline_grade=e.baseline_grade)
    if e.teae:
        return tr("yes")
    if e.baseline_grade is not None:
        return tr("no (grade {baseline_grade} at the first dose, not worse)").format(
                baseline_grade=e.baseline_grade)
    return "no"


def current_grade_text(r: AeRow) -> str:
    """An ongoing AE's grade now and the day it began; nothing once the AE has ended."""
    if not r.ongoing or r.current_grade is None:
        return ""
    return tr("{current_grade} since {since}").format(current_grade=r.current_grade,
                                                      since=r.current_since_text)


def ae_columns(with_subject: bool) -> list[Column]:
    """The AE log's columns, for one patient or the whole site."""
    from app.services.adverse_events import clock_text

    grade = {None: ""}
    columns = [
        Column(tr("Onset"), lambda r: r.onset_text, lambda r: r.onset_date),
        Column(tr("Event"), lambda r: r.name),
        Column(tr("Worst grade"), lambda r: grade.get(r.worst_grade, f"{r.worst_grade}"),
               lambda r: r.worst_grade),
        Column(tr("Current grade"), current_grade_text,
               lambda r: (r.ongoing, r.current_grade or 0)),
        Column(tr("End"), lambda r: r.end_text or tr("ongoing"),
               lambda r: r.end_date),
        Column("TEAE", teae_text),
        Column(tr("Serious"), lambda r: (tr("SAE · ") + clock_text(r.clock)) if r.serious else "",
               status=lambda r: ("overdue" if r.clock and r.clock.late else "done")
               if r.serious else ""),
        Column("DLT", lambda r: "DLT" if r.dlt else ""),
        Column(tr("Related"), lambda r: r.relationship or ""),
        Column(tr("Coded"), lambda r: "" if r.coded else tr("not coded"),
               status=lambda r: "" if r.coded else "planned"),
    ]
    if with_subject:
        columns[:0] = [Column(tr("Subject"), lambda r: r.subject_id),
                       Column(tr("Study"), lambda r: r.study)]
    return columns




class AdverseEventsPage(Place):
    """Safety review across patients: open AEs, SAEs with their clock, DLTs, TEAE summary."""

    FILTERS = tuple((label, key) for key, (label, _keep) in AE_FILTERS.items())

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from PySide6.QtWidgets import QTabWidget

        layout, bar = self.body, self.bar
        self.filter = FilterBox()
        for text, key in self.FILTERS:
            self.filter.addItem(tr(text), key)
        bar.addWidget(self.filter)
        self.study = StudyBox(ctx)
        bar.addWidget(self.study)
        self.count = QLabel()
        self.count.setWordWrap(True)  # wraps rather than widen the window
        bar.addWidget(self.count)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        self.model = RowTableModel(ae_columns(with_subject=True))
        self.table = RowTable(self.model)
        self.exportable(self.table, tr("Adverse events"))
        self.table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
        for i, width in enumerate((80, 100, 105, 260, 80, 130, 105, 50, 250, 40)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState(tr("No adverse events"), tr("Log AEs from a patient's page "
                                "(Adverse events tab)."))
        self.stack = stacked(listing_layout, self.table, self.empty)
        self.tabs.addTab(listing, tr("Adverse events"))
        # the TEAE summary: its grouping and export above it, in its own tab
        summary_tab = QWidget()
        summary_layout = QVBoxLayout(summary_tab)
        summary_bar = QHBoxLayout()
        self.grouping = GroupingBox(tr("TEAE summary for"))
        summary_bar.addWidget(QLabel(tr("For")))
        summary_bar.addWidget(self.grouping)
        summary_bar.addStretch(1)
        self.export_button = QPushButton(tr("Export the TEAE summary…"))
        self.export_button.clicked.connect(lambda: self.export_summary())
        summary_bar.addWidget(self.export_button)
        summary_layout.addLayout(summary_bar)
        self.summary_model = RowTableModel([])
        self.summary = RowTable(self.summary_model)
        self.exportable(self.summary, tr("TEAE summary"))
        summary_layout.addWidget(self.summary)
        self.tabs.addTab(summary_tab, tr("TEAE summary by SOC, term and worst grade"))
        self.summary_tab = summary_tab
        self.summary_stale = True  # worked out when its tab is shown
        self.tabs.currentChanged.connect(lambda _i: self._summary_shown())
        layout.addWidget(self.tabs)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.study.currentIndexChanged.connect(self._study_changed)
        self.grouping.currentIndexChanged.connect(self.show_summary)
        self.rows: list[AeRow] = []

    def refresh(self) -> None:

        from app.services.adverse_events import site_aes

        self.rows = site_aes(self.ctx.db, self.study.study(), self.ctx.now())
        key = self.filter.currentData()
        shown = filter_aes(self.rows, key)
        self.model.set_rows(shown)
        late = sum(1 for r in self.rows if r.clock is not None and r.clock.late)
        self.count.setText(tr("{shown} of {aes}; {saes} SAEs, {late} reported late or "
                              "overdue").format(
                shown=len(shown), aes=counted(len(self.rows), tr("{n} AE"), tr("{n} AEs")),
                saes=sum(r.serious for r in self.rows), late=late))
        self.stack.setCurrentIndex(0 if shown else 1)
        self.summary_stale = True
        self._summary_shown()

    def _study_changed(self) -> None:
        """Parts, dose levels and cohorts are a study's own: with every study shown the
        summary is the whole site's."""
        one = self.study.study() is not None or not self.study.several
        if not one:
            self.grouping.setCurrentIndex(0)
        self.grouping.setEnabled(one)
        self.refresh()

    def summary_protocol(self) -> Protocol:
        """Whose parts, dose levels and cohorts the summary groups by: the chosen study's
        (the grouping choices need one study; with every study, the whole site only)."""
        return self.study.study() or self.ctx.protocol

    def _summary_shown(self) -> None:
        """The summary is worked out when its tab is in front (the place opens on the
        listing without counting), and again only after the AEs were read again."""
        if self.summary_stale and self.tabs.currentWidget() is self.summary_tab:
            self.show_summary()

    def show_summary(self) -> None:
        """The TEAE summary for the whole site or by the grouping chosen."""
        self.summary_stale = False
        from app.services.teae_summary import teae_summary

        table = teae_summary(self.rows, self.summary_protocol(), self.grouping.group_by())
        names = table.columns
        self.summary_model.columns = [Column(n, _cell(n)) for n in names]
        self.summary_model.set_rows(table.records())
        for i in range(min(3, len(names))):
            self.summary.setColumnWidth(i, 240)
        self.export_button.setEnabled(not table.empty)

    def export_summary(self, path: str | None = None) -> None:
        from app.services.teae_summary import export_teae_summary

        by = self.grouping.group_by()

        from ui.export import who

        study = self.study_label()

        def write(target: Path) -> str:
            written = export_teae_summary(self.ctx.db, self.rows, target, study, who(self.ctx),
                                          self.summary_protocol(), by)
            return tr("TEAE summary ({written} rows)").format(written=written)

        export_to_file(self, tr("Export the TEAE summary"), suggested_file(
            "TEAE summary", study, day=self.ctx.today()), SPREADSHEETS, path, write)


def _cell(name: str) -> Callable[[Mapping[str, object]], str]:
    """The text of a summary record's `name` column."""
    return lambda record: str(record[name])
