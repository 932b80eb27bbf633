"""The PK samples place: every tube, its deviation and flag, exportable."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QWidget,
)

from app.rules.dates import fmt_datetime
from app.rules.pk import SampleFlag
from ui.context import Context
from ui.export import suggested_file
from ui.i18n import counted, tr
from ui.places.base import SPREADSHEETS, Place, export_to_file, stacked
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState, FilterBox, StudyBox


class PkListingPage(Place):
    """Every PK sample across patients with its deviation; CSV and XLSX for the sponsor."""

    #: a sample's row opened: its visit's PK samples, to see or correct (patient, visit)
    open_pk = Signal(int, str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.count = QLabel()
        bar.addWidget(self.count)
        self.only_out = FilterBox()
        self.only_out.addItem(tr("All samples"), False)
        self.only_out.addItem(tr("Out of tolerance or not collected"), True)
        bar.addWidget(self.only_out)
        self.study = StudyBox(ctx)
        self.study.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.study)
        bar.addStretch(1)
        self.export_button = QPushButton(tr("Export…"))
        self.export_button.clicked.connect(lambda: self.export())
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        flag_status = {SampleFlag.WITHIN: "done", SampleFlag.OUT: "overdue",
                       SampleFlag.NOT_COLLECTED: "missed"}
        self.model = RowTableModel([
            Column(tr("Subject"), lambda r: r.subject_id),
            Column(tr("Study"), lambda r: r.study),
            Column(tr("Visit"), lambda r: r.visit),
            Column(tr("Timepoint"), lambda r: r.timepoint),
            Column(tr("Nominal"), lambda r: fmt_datetime(r.nominal), lambda r: r.nominal),
            Column(tr("Actual"), lambda r: fmt_datetime(r.actual), lambda r: r.actual),
            Column(tr("Deviation"), lambda r: "" if r.deviation_min is None
                   else tr("{deviation_min:+.0f} min").format(
                           deviation_min=r.deviation_min).replace("+0 ", "0 "),
                   lambda r: r.deviation_min),
            Column(tr("Flag"), lambda r: tr(r.flag.capitalize()),
                   status=lambda r: flag_status.get(r.flag, "")),
            Column(tr("Sample ID"), lambda r: r.sample_id),
        ])
        self.table = RowTable(self.model)
        self.exportable(self.table, tr("PK samples"))
        self.table.setToolTip(tr("Enter or a double click opens the visit's PK samples"))
        self.table.opened.connect(lambda row: self.open_pk.emit(row.patient_id, row.visit))
        for i, width in enumerate((90, 100, 70, 90, 150, 150, 90, 150)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState(tr("No PK samples yet"),
                                tr("Record a PK visit's dose time and tubes "
                                "from the patient page (PK samples…)."))
        self.stack = stacked(layout, self.table, self.empty)
        self.only_out.currentIndexChanged.connect(self.refresh)

    def refresh(self) -> None:
        from app.services.pk_samples import pk_listing

        rows = pk_listing(self.ctx.db, self.study.study())
        out = sum(SampleFlag(r.flag).needs_review for r in rows)
        if self.only_out.currentData():
            rows = [r for r in rows if SampleFlag(r.flag).needs_review]
        self.model.set_rows(rows)
        self.count.setText(tr("{samples} shown, {out} out of tolerance or not collected").format(
                samples=counted(len(rows), tr("{n} sample"), tr("{n} samples")), out=out))
        self.export_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(0 if rows else 1)

    def export(self, path: str | None = None) -> None:
        from app.services.pk_samples import export_pk_listing
        from ui.export import who

        study = self.study_label()
        export_to_file(self, tr("Export PK samples"), suggested_file(
            "PK samples", study, day=self.ctx.today()), SPREADSHEETS, path,
            lambda target: counted(export_pk_listing(self.ctx.db, self.model.rows, target,
                                                     study, who(self.ctx)),
                                   tr("{n} PK sample"), tr("{n} PK samples")))
