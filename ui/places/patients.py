"""The patient list: search by subject ID or initials, filter by status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.rules.statuses import PATIENT_STATUS_WORDS
from app.services.patients import PatientRow, list_patients
from ui.context import Context
from ui.i18n import QT_TR_NOOP, tr
from ui.places.base import Place, stacked
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState, FilterBox, StudyBox

NO_PATIENT_HINT = QT_TR_NOOP("Enrol a patient (Ctrl+N) to build their calendar: the first "
                             "thing to do on a new database.")


class PatientsPage(Place):
    """Finding someone: search by subject ID or initials, filter by status."""

    enrol_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self._protocols: dict[str, Protocol] = {}  # each study's, for its dose levels
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Find a patient"))
        self.search.setPlaceholderText(tr("Find a patient: subject ID or initials (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.status = FilterBox()
        self.status.addItem(tr("All statuses"), None)
        for key, word in PATIENT_STATUS_WORDS.items():
            self.status.addItem(tr(word), key)
        bar.addWidget(self.status)
        self.study = StudyBox(ctx)
        bar.addWidget(self.study)
        self.arm = FilterBox()
        self.arm.setAccessibleName(tr("Part, dose level or cohort"))
        self._fill_arms()
        bar.addWidget(self.arm)
        self.enrol_button = QPushButton(tr("Enrol a patient…"))
        self.enrol_button.clicked.connect(self.enrol_requested)
        bar.addWidget(self.enrol_button)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(tr("Subject"), lambda r: r.subject_id),
            Column(tr("Study"), lambda r: r.study),
            Column(tr("Initials"), lambda r: r.initials),
            Column(tr("Part"), lambda r: tr("Part {part}").format(part=r.part), lambda r: r.part),
            Column(tr("Dose level / cohort"), lambda r: r.cohort or self._dose(r)),
            Column(tr("Status"), lambda r: tr(r.status_text)),
            Column(tr("Next visit"),
                   lambda r: (f"{r.next_visit_code}  {fmt_date(r.next_visit_date)}"
                                            if r.next_visit_code else ""),
                   lambda r: r.next_visit_date),
        ])
        self.table = RowTable(self.model)
        self.exportable(self.table, tr("Patients"))
        self.table.opened.connect(lambda row: self.open_patient.emit(row.id))
        for i, width in enumerate((100, 110, 70, 70, 160, 120)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState(tr("No patients yet"), tr(NO_PATIENT_HINT))
        self.empty_enrol = self.empty.add_button(tr("Enrol a patient…"))
        self.empty_enrol.clicked.connect(self.enrol_requested)
        self.stack = stacked(layout, self.table, self.empty)
        self.search.textChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.study.currentIndexChanged.connect(self._study_changed)
        self.arm.currentIndexChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._open_single)

    def _study_changed(self) -> None:
        self._fill_arms()
        self.refresh()

    def _fill_arms(self) -> None:
        """The parts, dose levels and cohorts of the study chosen (the app's own for all)."""
        protocol = self.study.study() or self.ctx.protocol
        self.arm.blockSignals(True)
        self.arm.clear()
        self.arm.addItem(tr("All parts and cohorts"), None)
        for p in protocol.parts:
            self.arm.addItem(tr("Part {number}").format(number=p.number), f"part:{p.number}")
        for code in protocol.dose_level_codes():
            self.arm.addItem(protocol.dose_text(code), f"dose_level:{code}")
        for c in protocol.cohorts:
            self.arm.addItem(tr("Cohort {code}").format(code=c.code), f"cohort:{c.code}")
        self.arm.blockSignals(False)

    def _dose(self, row: PatientRow) -> str:
        """A dose level with its dose, by the row's own study."""
        protocols = self._protocols
        if row.study not in protocols:
            ids = {code: sid for sid, code in self.study.codes.items()}
            protocols[row.study] = (self.ctx.study_protocol(ids[row.study])
                                    if row.study in ids else self.ctx.protocol)
        return protocols[row.study].dose_text(row.dose_level) if row.dose_level else ""

    def _open_single(self) -> None:
        if self.model.rowCount() >= 1:
            self.open_patient.emit(self.model.row_at(0).id)

    def refresh(self) -> None:
        kind, _, value = (self.arm.currentData() or "").partition(":")  # "dose_level:DL2"
        rows = list_patients(self.ctx.db, self.search.text(), self.status.currentData(),
                             self.study.study_id(), part=int(value) if kind == "part" else None,
                             dose_level=value if kind == "dose_level" else None,
                             cohort=value if kind == "cohort" else None)
        self.model.set_rows(rows)
        searching = bool(self.search.text().strip()) or self.status.currentData() \
            or self.arm.currentData()
        if not rows and searching:
            self.empty.title.setText(tr("No patient matches"))
            self.empty.hint.setText(tr("Check the subject ID or initials, or clear the search."))
        elif not rows:
            self.empty.title.setText(tr("No patients yet"))
            self.empty.hint.setText(tr(NO_PATIENT_HINT))
        self.empty_enrol.setVisible(not rows and not searching)
        self.stack.setCurrentIndex(0 if rows else 1)
