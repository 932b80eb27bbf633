"""The worklist: who is due, filtered by part, cohort and status, by the window's end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.rules.dates import fmt_date, fmt_time
from app.services.worklist import (
    CLOSES_TODAY,
    UNBOOKED,
    worklist,
)
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import counted, tr, window_text
from ui.operations import Changes, announce
from ui.places.base import Place, stacked, tell
from ui.row_table import RowTable
from ui.style import status_word
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState, FilterBox, StudyBox


class WorklistPage(Place):
    """Who is due: open windows, windows opening within N days, overdue visits."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        bar.addWidget(QLabel(tr("Due within")))
        self.days = QSpinBox()
        self.days.setAccessibleName(tr("Days ahead"))
        self.days.setRange(0, 365)
        from ui.workstation import worklist_days

        self.days.setValue(worklist_days())  # this workstation's choice (Tools > Settings)
        self.days.setSuffix(tr(" days"))
        bar.addWidget(self.days)
        self.study = StudyBox(ctx)
        self.part = FilterBox()
        self.part.addItem(tr("All parts"), None)
        self.cohort = FilterBox()
        self.cohort.addItem(tr("All cohorts"), None)
        self._fill_arms()
        self.status = FilterBox()
        for text, value in ((tr("Any status"), None), (tr("Open"), "open"),
                            (tr("Overdue"), "overdue"),
                            (tr("Planned"), "planned"), (tr("Window closes today"), CLOSES_TODAY),
                            (tr("Not booked"), UNBOOKED)):
            self.status.addItem(text, value)
        for w in (self.study, self.part, self.cohort, self.status):
            bar.addWidget(w)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setWordWrap(True)  # wraps rather than widen the window
        bar.addWidget(self.count)
        self.print_button = QPushButton(tr("Worksheets…"))
        self.print_button.setToolTip(tr("Preview, print or save the worksheets of the selected "
                                     "visits (Ctrl or Shift to select several)"))
        self.print_button.clicked.connect(lambda: self.print_selected())
        bar.addWidget(self.print_button)
        self.book_button = QPushButton(tr("Book…"))
        self.book_button.setToolTip(tr("Book the selected visit: a time, a chair, a nurse"))
        self.book_button.clicked.connect(lambda: self.book_selected())
        self.cycle_button = QPushButton(tr("Book the cycle…"))
        self.cycle_button.setToolTip(tr("Every visit of the selected visit's cycle at once"))
        self.cycle_button.clicked.connect(lambda: self.book_selected(cycle=True))
        bar.addWidget(self.book_button)
        bar.addWidget(self.cycle_button)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(tr("Window ends"), lambda r: fmt_date(r.latest), lambda r: r.latest),
            Column(tr("Status"), lambda r: status_word(r.status) + (
                tr(" · closes today") if r.closes_today else ""), lambda r: r.status,
                status=lambda r: r.status),
            Column(tr("Subject"), lambda r: r.subject_id, lambda r: r.subject_id),
            Column(tr("Study"), lambda r: r.study, lambda r: r.study),
            Column(tr("Visit"), lambda r: f"{r.code}  {r.label}", lambda r: (r.target, r.code)),
            Column(tr("Window"), lambda r: window_text(r.earliest, r.latest, r.target),
                   lambda r: r.earliest),
            Column(tr("Booked"), lambda r: (f"{fmt_date(r.booked_date)} {fmt_time(r.booked_time)}"
                                        .strip() if r.booked_date else tr("not booked")),
                   lambda r: r.booked_date),
            Column(tr("Part"), lambda r: tr("Part {part}").format(part=r.part)
                   + (f" · {r.cohort}" if r.cohort else f" · {r.dose_level or ''}"),
                   lambda r: (r.part, r.cohort or r.dose_level or "")),
        ])
        self.table = RowTable(self.model)
        self.exportable(self.table, tr("Worklist"))
        self.table.setSortingEnabled(True)  # rows arrive sorted by window end: column 0
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
        for i, width in enumerate((110, 170, 90, 110, 250, 330, 150)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState(tr("Loading the worklist…"), "")
        self.loaded = False
        self.stack = stacked(layout, self.table, self.empty)
        self.stack.setCurrentIndex(1)
        self.study.currentIndexChanged.connect(self._fill_arms)
        for signal in (self.days.valueChanged, self.study.currentIndexChanged,
                       self.part.currentIndexChanged,
                       self.cohort.currentIndexChanged, self.status.currentIndexChanged):
            signal.connect(self.refresh)

    def _fill_arms(self) -> None:
        """The parts and cohorts of the study chosen (of the app's own study for all)."""
        protocol = self.study.study() or self.ctx.protocol
        for box, items in ((self.part, [(tr("Part {number}").format(
                number=p.number), p.number) for p in protocol.parts]),
                           (self.cohort, [(c.code, c.code) for c in protocol.cohorts])):
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for text, value in items:
                box.addItem(text, value)
            box.blockSignals(False)

    def selected_visits(self) -> list[tuple[int, str]]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        picked = [self.model.row_at(r) for r in rows]
        return [(r.patient_id, r.code) for r in sorted(picked, key=lambda r: r.subject_id)]

    def print_selected(self) -> None:
        visits = self.selected_visits()
        if not visits:
            tell(self, tr("Select the visits to print first"))
            return
        from ui.worksheet_preview import WorksheetPreview

        WorksheetPreview(self.ctx, visits, self).exec()

    def booking_dialog(self, cycle: bool = False) -> FormDialog | None:
        """The dialog that books the selected visit (or its whole cycle)."""
        from app.services.studies import protocol_of_patient
        from ui.booking_dialogs import BookingDialog, CycleDialog

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            tell(self, tr("Select the visit to book first"))
            return None
        r = self.model.row_at(rows[0].row())
        if cycle:
            n = protocol_of_patient(self.ctx.db, r.patient_id).cycle_number(r.code)
            return CycleDialog(self.ctx, r.patient_id, r.subject_id, n or 1, self)
        return BookingDialog(self.ctx, r.patient_id, r.subject_id, r.code,
                             r.booked_date or max(r.target, self.ctx.today()), r.booked_time,
                             moving=r.booked_date is not None, parent=self)

    def book_selected(self, cycle: bool = False) -> None:
        dialog = self.booking_dialog(cycle)
        if dialog is not None and dialog.exec():
            announce(Changes(records=True))

    def data_changed(self, changes: Changes, initiator: object) -> None:
        """This workstation's horizon (Tools > Settings) read again when settings change."""
        if changes.settings:
            from ui.workstation import worklist_days

            self.days.setValue(worklist_days())
        super().data_changed(changes, initiator)

    def refresh(self) -> None:
        rows = worklist(self.ctx.db, self.ctx.today(), self.days.value(),
                        part=self.part.currentData(), cohort=self.cohort.currentData(),
                        status=self.status.currentData(), study_id=self.study.study_id())
        # the query orders by the window's end: the first column, ascending
        self.model.set_rows(rows, in_order=(0, Qt.SortOrder.AscendingOrder))
        header = self.table.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (
                0, Qt.SortOrder.AscendingOrder):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        overdue = sum(1 for r in rows if r.overdue)
        self.count.setText(tr("{visits}, {overdue} overdue").format(
                visits=counted(len(rows), tr("{n} visit"), tr("{n} visits")), overdue=overdue))
        self.loaded = True
        self.empty.title.setText(tr("Nobody is due"))
        self.empty.hint.setText(tr("No visit window is open or opens in the chosen days. "
                                "Widen the days, or enrol a patient."))
        self.stack.setCurrentIndex(0 if rows else 1)
