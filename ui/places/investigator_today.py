"""Today's part for an investigator: what waits for their signature by kind, the DLT
reviews due, the patients whose eligibility (their screening visit) waits for their
signature; Enter on an eligibility row signs it, on a DLT review opens the patient."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.rules.dates import fmt_date
from app.services.investigator_today import DltReviewDue, InvestigatorToday, investigator_today
from app.services.signatures import KIND_WORDS, ToSign
from ui.context import Context
from ui.i18n import tr
from ui.row_table import RowTable
from ui.sign_dialog import SignDialog, item_state
from ui.table_model import Column, RowTableModel


class InvestigatorPanel(QWidget):
    open_patient = Signal(int)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.dlt_model: RowTableModel = RowTableModel([
            Column(tr("Subject"), lambda d: f"{d.subject_id} · {d.study}"),
            Column(tr("Dose level"), lambda d: d.dose_level),
            Column(tr("DLT period ended"),
                   lambda d: fmt_date(d.period_end) if d.period_end else ""),
            Column(tr("Derived evaluability"), lambda d: d.why)])
        self.eligibility_model: RowTableModel = RowTableModel([
            Column(tr("Subject"), lambda t: f"{t.subject_id} · {t.study}"),
            Column(tr("Record"), lambda t: t.what),
            Column(tr("Date"), lambda t: fmt_date(t.when), lambda t: t.when),
            Column(tr("State"), item_state)])
        self.dlt_table = RowTable(self.dlt_model)
        self.dlt_table.opened.connect(self._open_review)
        self.eligibility_table = RowTable(self.eligibility_model)
        self.eligibility_table.opened.connect(self.sign_eligibility)
        for title, table in ((tr("DLT reviews due"), self.dlt_table),
                             (tr("Eligibility to confirm: screening visits to sign"),
                              self.eligibility_table)):
            layout.addWidget(QLabel(f"<b>{title}</b>"))
            table.setMinimumHeight(80)
            layout.addWidget(table)
        self.study_id: int | None = None
        self.asked = 0  # readings asked: only the last one's result is shown
        self.shown = False  # a reading shown: the next keeps it on screen until it comes

    def refresh(self, study_id: int | None) -> None:
        """Read off the GUI thread (ui/operations.py): Today's own lists show at once; this
        part fills in when read (every study of a large site: seconds). Only the last
        reading asked is shown."""
        from ui.operations import Operation

        self.study_id = study_id
        self.asked += 1
        asked, db, today = self.asked, self.ctx.db, self.ctx.today()
        if not self.shown:
            self.summary.setText(tr("Reading what waits for your signature…"))

        def show(view: InvestigatorToday) -> None:
            if shiboken6.isValid(self) and asked == self.asked:
                self.show_view(view)

        Operation(self, lambda _job: investigator_today(db, study_id, today),
                  title=tr("Today")).success(show).run()

    def show_view(self, view: InvestigatorToday) -> None:
        self.shown = True
        self.dlt_model.set_rows(view.dlt_reviews)
        self.eligibility_model.set_rows(view.eligibility)
        kinds = ", ".join(tr("{count} {kind}").format(count=n, kind=tr(KIND_WORDS[k]))
                          for k, n in view.to_sign.items() if n)
        self.summary.setText(
            tr("For your signature: {waiting} on To sign{kinds} · {reviews} DLT reviews due "
               "· {eligibility} patients' eligibility to confirm").format(
                waiting=view.waiting, kinds=f" ({kinds})" if kinds else "",
                reviews=len(view.dlt_reviews), eligibility=len(view.eligibility)))

    def _open_review(self, row: DltReviewDue) -> None:
        self.open_patient.emit(row.patient_id)

    def sign_eligibility(self, item: ToSign) -> None:
        dialog = SignDialog(self.ctx, [item], self)
        dialog.open_record.connect(self.open_patient)
        if dialog.exec():
            self.refresh(self.study_id)
