"""The patient's Labs tab (issue 36): the last value and grade of each analyte, every result
with its range, grade and reason, the imported ones held for review (Review…: accept,
correct, reject), the adverse events grades propose (Adverse event…: accept or dismiss),
a result typed by hand and a lab's file imported. What may be done is the row's to say."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.rules.dates import fmt_date
from app.services.labs import LabRow, latest_by_analyte, patient_labs
from reports.lab_trends import trends
from ui.context import Context
from ui.drawing_view import DrawingView
from ui.forms import FormDialog
from ui.i18n import tr
from ui.lab_dialogs import (
    LabImportDialog,
    LabResultDialog,
    MappingDialog,
    ProposalDialog,
    RangeDialog,
    ReviewDialog,
)
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel


def _status(r: LabRow) -> str:
    return {"pending": tr("Held for review"), "accepted": tr("Accepted"),
            "rejected": tr("Rejected")}.get(r.status, r.status)


def _grade(r: LabRow) -> str:
    return "" if r.grade is None else str(r.grade)


def _proposal(r: LabRow) -> str:
    if r.proposal is not None:
        return tr("Proposed: {term} grade {grade}").format(term=r.proposal.term,
                                                          grade=r.proposal.grade)
    if r.ae_decision == "accepted":
        return tr("AE accepted")
    if r.ae_decision == "dismissed":
        return tr("AE dismissed: {reason}").format(reason=r.ae_reason or "")
    return ""


class LabsTab(QWidget):
    """Read when first shown; every save refreshes it and the page around it."""

    saved = Signal()

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.rows: list[LabRow] = []
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.enter_button = QPushButton(tr("E&nter a result…"))
        self.enter_button.setToolTip(tr("Type a result from the lab's report"))
        self.enter_button.clicked.connect(lambda: self.enter())
        self.import_button = QPushButton(tr("&Import labs…"))
        self.import_button.setToolTip(tr("A lab's CSV or XLSX export, or a FHIR bundle: its "
                                         "results are held for review"))
        self.import_button.clicked.connect(lambda: self.import_file())
        self.review_button = QPushButton(tr("Re&view…"))
        self.review_button.setToolTip(tr("Accept, correct or reject the selected imported "
                                         "result"))
        self.review_button.clicked.connect(lambda: self.review())
        self.ae_button = QPushButton(tr("Adverse &event…"))
        self.ae_button.setToolTip(tr("Accept or dismiss the adverse event the selected "
                                     "result's grade proposes"))
        self.ae_button.clicked.connect(lambda: self.answer())
        self.range_button = QPushButton(tr("Reference &range…"))
        self.range_button.setToolTip(tr("Add a lab's normal range (LLN, ULN) of an analyte"))
        self.range_button.clicked.connect(lambda: self._run(RangeDialog(self.ctx, self)))
        self.mapping_button = QPushButton(tr("Column &mapping…"))
        self.mapping_button.setToolTip(tr("Name the columns of your lab's export, once"))
        self.mapping_button.clicked.connect(lambda: self._run(MappingDialog(self.ctx, self)))
        for b in self.edit_buttons():
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.latest = QLabel()
        self.latest.setTextFormat(Qt.TextFormat.RichText)
        self.latest.setWordWrap(True)
        layout.addWidget(self.latest)
        self.trend = DrawingView()
        self.trend.setAccessibleName(tr("Trend of each lab"))
        self.trend_area = QScrollArea()
        self.trend_area.setWidget(self.trend)
        self.trend_area.setMaximumHeight(240)
        self.trend_area.hide()
        layout.addWidget(self.trend_area)
        self.model = RowTableModel([
            Column(tr("Sample date"), lambda r: fmt_date(r.sample_date), lambda r: r.sample_date),
            Column(tr("Analyte"), lambda r: r.name),
            Column(tr("Value"), lambda r: f"{r.value} {r.unit}"),
            Column(tr("Range"), lambda r: f"{r.range_text} {r.kept_unit}" if r.range_text
                   else ""),
            Column(tr("Status"), _status),
            Column(tr("Grade"), _grade, lambda r: r.grade or 0),
            Column(tr("Why this grade"), lambda r: r.grade_reason),
            Column(tr("Adverse event"), _proposal),
            Column(tr("Lab"), lambda r: r.lab)])
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("Lab results"))
        self.table.setToolTip(tr("Enter or a double click: review a held result, or answer "
                                 "its proposed adverse event"))
        self.table.opened.connect(lambda r: self.open_row(r))
        layout.addWidget(self.table, 1)
        self.import_said = QLabel()
        self.import_said.setWordWrap(True)
        layout.addWidget(self.import_said)

    def edit_buttons(self) -> tuple[QPushButton, ...]:
        """What changes the record: withdrawn from a read-only account (ui/read_only.py)."""
        return (self.enter_button, self.import_button, self.review_button, self.ae_button,
                self.range_button, self.mapping_button)

    def refresh(self) -> None:
        self.rows = patient_labs(self.ctx.db, self.patient_id, self.ctx.today())
        self.model.set_rows(self.rows)
        last = latest_by_analyte(self.rows)
        graded = tr("{value} (<b>grade {grade}</b>)")
        self.latest.setText(tr("<b>Last values:</b> {values}").format(values=" · ".join(
            graded.format(value=f"{r.name} {r.value} {r.unit}", grade=r.grade) if r.grade
            else f"{r.name} {r.value} {r.unit}" for r in last))
            if last else tr("No lab results accepted yet"))
        picture = trends(self.rows)
        self.trend.set_picture(picture)
        self.trend_area.setVisible(picture is not None)
        pending = sum(r.may_review for r in self.rows)
        proposed = sum(r.proposal is not None for r in self.rows)
        self.review_button.setText(tr("Re&view… ({n} held)").format(n=pending) if pending
                                   else tr("Re&view…"))
        self.ae_button.setText(tr("Adverse &event… ({n} proposed)").format(n=proposed)
                               if proposed else tr("Adverse &event…"))

    def selected(self) -> LabRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _pick(self, wanted: str) -> LabRow | None:
        """The selected row, else the first that has what is wanted (held, proposed)."""
        row = self.selected()
        fits = (lambda r: r.may_review) if wanted == "review" else (
            lambda r: r.proposal is not None)
        if row is not None and fits(row):
            return row
        return next((r for r in self.rows if fits(r)), None)

    def _run(self, dialog: FormDialog) -> bool:
        from ui.read_only import fit_record_dialog

        fit_record_dialog(self.ctx, self.patient_id, dialog)
        if dialog.exec():
            self.refresh()
            self.saved.emit()
            return True
        return False

    def enter(self) -> None:
        self._run(LabResultDialog(self.ctx, self.patient_id, self))

    def review(self) -> None:
        row = self._pick("review")
        if row is not None:
            self._run(ReviewDialog(self.ctx, self.patient_id, row, self))

    def answer(self) -> None:
        row = self._pick("proposal")
        if row is not None:
            self._run(ProposalDialog(self.ctx, self.patient_id, row, self))

    def open_row(self, row: LabRow) -> None:
        if row.may_review:
            self._run(ReviewDialog(self.ctx, self.patient_id, row, self))
        elif row.proposal is not None:
            self._run(ProposalDialog(self.ctx, self.patient_id, row, self))

    def import_file(self, path: str = "") -> None:
        from ui.export import open_path

        if not path:
            path = open_path(self, tr("Import labs"), tr("Lab files (*.csv *.xlsx *.json)"))
        if not path:
            return
        dialog = LabImportDialog(self.ctx, path, self)
        if self._run(dialog) and dialog.report is not None:
            report = dialog.report
            self.import_said.setText("\n".join(
                [f"{report.file}: {report.summary()}"] + [str(p) for p in report.problems]))
