"""Deviations: visits done out of window and visits missed, exportable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QWidget,
)

from app.dates import fmt_date, fmt_window
from app.services.worklist import (
    deviations,
    export_deviations_csv,
)
from app.words import count
from ui.context import Context
from ui.export import suggested_file
from ui.places.base import Place, export_to_file, stacked
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState, StudyBox


class DeviationsPage(Place):
    """For the monitor: visits done out of window and missed visits, exportable to CSV."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.count = QLabel()
        bar.addWidget(self.count)
        self.study = StudyBox(ctx)
        self.study.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.study)
        bar.addStretch(1)
        self.export_button = QPushButton("Export to CSV…")
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column("Subject", lambda r: r.subject_id),
            Column("Study", lambda r: r.study),
            Column("Visit", lambda r: f"{r.code}  {r.label}", lambda r: (r.subject_id, r.target)),
            Column("Deviation", lambda r: "Missed" if r.deviation == "missed" else
                   "Done out of window", status=lambda r: "missed" if r.deviation == "missed"
                   else "done_out_of_window"),
            Column("Window", lambda r: fmt_window(r.earliest, r.latest, r.target),
                   lambda r: r.earliest),
            Column("Actual", lambda r: fmt_date(r.actual), lambda r: r.actual),
            Column("Days outside", lambda r: "" if r.days_outside is None else
                   f"{r.days_outside:+d}", lambda r: r.days_outside),
            Column("Reason", lambda r: r.reason or ""),
            Column("Signed", lambda r: r.signature),
        ])
        self.table = RowTable(self.model)
        self.exportable(self.table, "Deviations")
        self.table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
        for i, width in enumerate((90, 110, 240, 150, 330, 110, 100)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState("No deviations", "Every visit recorded so far was done in its "
                                "window, and none was missed.")
        self.stack = stacked(self.table, self.empty)
        layout.addLayout(self.stack)

    def refresh(self) -> None:
        rows = deviations(self.ctx.db, self.study.study_id())
        self.model.set_rows(rows)
        self.count.setText(f"{count(len(rows), 'deviation')}: "
                           f"{sum(r.deviation == 'missed' for r in rows)} missed, "
                           f"{sum(r.deviation != 'missed' for r in rows)} out of window")
        self.export_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(0 if rows else 1)

    def export(self, path: str | None = None) -> None:
        export_to_file(self, "Export deviations", suggested_file(
            "Deviations", self.study_label(), day=self.ctx.today(), ending=".csv"),
            "CSV files (*.csv)", path,
            lambda target: count(export_deviations_csv(self.model.rows, target), "deviation"))
