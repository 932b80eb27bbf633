"""The patient's Vitals and ECG tab (every reading, the last values on top; readings are
entered in the visit dialog) and Con-meds and history tab (add, correct, entered in error)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.rules.dates import fmt_date
from app.services.conmeds import ConMedRow, HistoryRow, conmeds_of, history_of
from app.services.vitals import ReadingRow, last_readings, readings_of
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel

if TYPE_CHECKING:
    from ui.patient_view import PatientView


def _last_text(rows: list[ReadingRow]) -> str:
    if not rows:
        return tr("No readings yet: they are entered in the visit dialog (Record visit…)")
    grade = tr("grade")  # outside the f-string: the translations tool reads tr("...") calls
    parts = [f"{r.label} <b>{r.text}</b>" + (f" ({grade} {r.grade})" if r.grade else "")
             + f" <small>{r.visit_code}</small>" for r in rows]
    return tr("Last values: ") + " · ".join(parts)


class VitalsTab(QWidget):
    """Read when first shown; the visit dialog's saves refresh it with the page."""

    saved = Signal()

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.patient_id = ctx, patient_id
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Last values"))
        layout.addWidget(self.summary)
        self.model = RowTableModel([
            Column(tr("Visit"), lambda r: r.visit_code),
            Column(tr("Date"), lambda r: fmt_date(r.day) if r.day else "", lambda r: r.day),
            Column(tr("Reading"), lambda r: r.label),
            Column(tr("Value"), lambda r: r.text, lambda r: r.value),
            Column(tr("CTCAE grade"), lambda r: "" if r.grade is None else str(r.grade)),
            Column(tr("Note"), lambda r: said(r.note) if r.note else "")])
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("Vital signs and ECG"))
        self.table.setToolTip(tr("Readings are entered and corrected in the visit dialog"))
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        rows = readings_of(self.ctx.db, self.patient_id)
        self.model.set_rows(rows)
        self.summary.setText(_last_text(last_readings(rows)))

    def selected_record(self) -> tuple[str, int, str] | None:
        return None  # a reading is corrected (or cleared) in its visit's dialog

    def buttons(self) -> tuple[QPushButton, ...]:
        return ()


class ConMedsTab(QWidget):
    saved = Signal()

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.patient_id = ctx, patient_id
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_med_button = QPushButton(tr("Add con-&med…"))
        self.add_med_button.clicked.connect(lambda: self.open_med(None))
        self.add_history_button = QPushButton(tr("Add &history item…"))
        self.add_history_button.clicked.connect(lambda: self.open_history(None))
        bar.addWidget(self.add_med_button)
        bar.addWidget(self.add_history_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.meds = RowTableModel([
            Column(tr("Drug"), lambda c: c.drug),
            Column(tr("Dose"), lambda c: c.dose_text),
            Column(tr("Route"), lambda c: tr(c.route) if c.route else ""),
            Column(tr("Frequency"), lambda c: tr(c.frequency) if c.frequency else ""),
            Column(tr("Indication"), lambda c: c.indication),
            Column(tr("Start"), lambda c: c.start),
            Column(tr("End"), lambda c: tr("ongoing") if c.ongoing else c.end),
            Column(tr("Prohibited"), lambda c: c.prohibited)])
        self.med_table = RowTable(self.meds)
        self.med_table.setAccessibleName(tr("Concomitant medications"))
        self.med_table.setToolTip(tr("Enter or a double click opens it to correct it"))
        self.med_table.opened.connect(lambda c: self.open_med(c))
        layout.addWidget(QLabel(tr("Concomitant medications")))
        layout.addWidget(self.med_table, 1)
        self.items = RowTableModel([
            Column(tr("Condition"), lambda h: h.term),
            Column(tr("Grade at baseline"), lambda h: "" if h.grade is None else str(h.grade)),
            Column(tr("Start"), lambda h: h.start),
            Column(tr("End"), lambda h: tr("ongoing") if h.ongoing else h.end),
            Column(tr("Comment"), lambda h: h.comment or "")])
        self.history_table = RowTable(self.items)
        self.history_table.setAccessibleName(tr("Medical history"))
        self.history_table.setToolTip(tr("Enter or a double click opens it to correct it"))
        self.history_table.opened.connect(lambda h: self.open_history(h))
        layout.addWidget(QLabel(tr("Medical history (an AE of an ongoing condition counts "
                                   "as treatment-emergent only when worse than its grade)")))
        layout.addWidget(self.history_table, 1)
        self.last_table: RowTable = self.med_table
        for t in (self.med_table, self.history_table):
            t.clicked.connect(lambda _i, t=t: setattr(self, "last_table", t))

    def refresh(self) -> None:
        self.meds.set_rows(conmeds_of(self.ctx.db, self.patient_id))
        self.items.set_rows(history_of(self.ctx.db, self.patient_id))

    def buttons(self) -> tuple[QPushButton, ...]:
        return self.add_med_button, self.add_history_button

    def selected_record(self) -> tuple[str, int, str] | None:
        table = self.history_table if self.history_table.hasFocus() else (
            self.med_table if self.med_table.hasFocus() else self.last_table)
        index = table.currentIndex()
        if not index.isValid():
            return None
        if table is self.med_table:
            c: ConMedRow = self.meds.row_at(index.row())
            return "conmed", c.id, tr("Con-med {drug}").format(drug=c.drug)
        h: HistoryRow = self.items.row_at(index.row())
        return "history", h.id, tr("History {term}").format(term=h.term)

    def _run(self, dialog: FormDialog) -> bool:
        from ui.read_only import fit_record_dialog  # read only for who may not change it

        fit_record_dialog(self.ctx, self.patient_id, dialog)
        if dialog.exec():
            self.refresh()
            self.saved.emit()
            return True
        return False

    def open_med(self, row: ConMedRow | None) -> None:
        from ui.conmed_dialogs import ConMedDialog

        self._run(ConMedDialog(self.ctx, self.patient_id, row, self))

    def open_history(self, row: HistoryRow | None) -> None:
        from ui.conmed_dialogs import HistoryDialog

        self._run(HistoryDialog(self.ctx, self.patient_id, row, self))


class FindingsTabs:
    """Both tabs, added to the patient's page before its History tab."""

    def __init__(self, view: PatientView) -> None:
        self.vitals = VitalsTab(view.ctx, view.patient_id)
        self.conmeds = ConMedsTab(view.ctx, view.patient_id)
        self.tabs: tuple[VitalsTab | ConMedsTab, ...] = (self.vitals, self.conmeds)
        view.tabs.addTab(self.vitals, tr("Vitals and ECG"))
        view.tabs.addTab(self.conmeds, tr("Con-meds and history"))
        for tab in self.tabs:
            tab.saved.connect(view._scan_saved)

    def buttons(self) -> tuple[QPushButton, ...]:
        return self.vitals.buttons() + self.conmeds.buttons()
