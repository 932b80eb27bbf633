"""The places of the main window: the worklist, the patient list, deviations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dates import fmt_date, fmt_datetime, fmt_time, fmt_window
from app.services.calendar import PATIENT_STATUS_WORDS
from app.services.patients import list_patients
from app.services.worklist import (
    CLOSES_TODAY,
    UNBOOKED,
    WorklistRow,
    deviations,
    export_deviations_csv,
    worklist,
)
from ui.context import Context
from ui.style import status_word
from ui.table_model import ROW_ROLE, Column, RowTableModel
from ui.widgets import EmptyState


class RowTable(QTableView):
    """A read-only list: Enter or a double click opens the row."""

    opened = Signal(object)

    def __init__(self, model: RowTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setSortingEnabled(False)
        self.doubleClicked.connect(self._open)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.opened.emit(self.model().data(index, ROW_ROLE))

    def enable_sorting(self, column: int) -> None:
        """Sort once by the model, then let the header sort (performance.md)."""
        self.model().sort(column, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(column, Qt.SortOrder.AscendingOrder)


def ae_columns(with_subject: bool) -> list[Column]:
    """The AE log's columns, for one patient or the whole site."""
    from app.services.adverse_events import clock_text

    grade = {None: ""}
    columns = [
        Column("Onset", lambda r: fmt_date(r.onset_date), lambda r: r.onset_date),
        Column("Event", lambda r: r.name),
        Column("Worst grade", lambda r: grade.get(r.worst_grade, f"{r.worst_grade}"),
               lambda r: r.worst_grade),
        Column("End", lambda r: fmt_date(r.end_date) if r.end_date else "ongoing",
               lambda r: r.end_date),
        Column("TEAE", lambda r: "yes" if r.teae else "no"),
        Column("Serious", lambda r: ("SAE · " + clock_text(r.clock)) if r.serious else "",
               status=lambda r: ("overdue" if r.clock and r.clock.late else "done")
               if r.serious else ""),
        Column("DLT", lambda r: "DLT" if r.dlt else ""),
        Column("Related", lambda r: r.relationship or ""),
        Column("Coded", lambda r: "" if r.coded else "not coded",
               status=lambda r: "" if r.coded else "planned"),
    ]
    if with_subject:
        columns.insert(0, Column("Subject", lambda r: r.subject_id))
    return columns


def _tell(widget: QWidget, message: str) -> None:
    """A passing word in the main window's status bar (when the page sits in one)."""
    window = widget.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(message, 5000)


SPREADSHEETS = "Excel workbook (*.xlsx);;CSV file (*.csv)"


def _export(widget: QWidget, title: str, default_name: str, filters: str, path: str | None,
            write: Callable[[Path], str]) -> None:
    """Ask where (unless told), write, and say what was written or why it could not be."""
    from app.services.errors import InvalidEntry

    if not path:
        path, _ = QFileDialog.getSaveFileName(widget, title, default_name, filters)
    if not path:
        return
    try:
        what = write(Path(path))
    except (OSError, InvalidEntry) as exc:
        QMessageBox.warning(widget, title, f"Cannot write {path}: "
                            f"{getattr(exc, 'strerror', None) or exc}")
        return
    _tell(widget, f"{what} written to {path}")


def _stack(table: QWidget, empty: EmptyState) -> QStackedLayout:
    layout = QStackedLayout()
    layout.addWidget(table)
    layout.addWidget(empty)
    return layout


class Place(QWidget):
    """A place of the main window: its context, and a bar of controls above its content."""

    open_patient = Signal(int)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.body = QVBoxLayout(self)
        self.bar = QHBoxLayout()


class TodayPage(Place):
    """The nurse at 8 am: today's and tomorrow's booked visits (PK days first), overdue
    visits, windows closing today, SAE reports due or late."""

    record_visit = Signal(int, str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.loaded = False
        layout, bar = self.body, self.bar
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        self.print_button = QPushButton("Worksheets…")
        self.print_button.setToolTip("Preview and print the worksheets of the selected visits "
                                     "(all of today's when none is selected)")
        self.print_button.clicked.connect(lambda: self.print_worksheets())
        self.record_button = QPushButton("Record…")
        self.record_button.setToolTip("Record the selected visit")
        self.record_button.clicked.connect(lambda: self.record_selected())
        bar.addWidget(self.print_button)
        bar.addWidget(self.record_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        when = Column("Booked", lambda r: (
            ("Today" if r.booked_date == self.ctx.today() else "Tomorrow")
            + (f" {fmt_time(r.booked_time)}" if r.booked_time else "")),
            lambda r: (r.booked_date, r.booked_time))
        visit = Column("Visit", lambda r: f"{r.code}  {r.label}"
                       + ("  · PK" if r.code in self.pk_codes else ""))
        subject = Column("Subject", lambda r: f"{r.subject_id} ({r.initials})")
        window = Column("Window", lambda r: fmt_window(r.earliest, r.latest, r.target))
        status = Column("Status", lambda r: status_word(r.status), status=lambda r: r.status)
        self.pk_codes: frozenset[str] = frozenset()
        self.booked_model = RowTableModel([when, subject, visit, window, status])
        self.overdue_model = RowTableModel([subject, visit, window, status])
        self.closing_model = RowTableModel([subject, visit, window,
                                            Column("Booked", lambda r: fmt_date(r.booked_date)
                                                   if r.booked_date else "not booked")])
        self.sae_model = RowTableModel([
            Column("Subject", lambda a: a.subject_id), Column("SAE", lambda a: a.name),
            Column("Report", lambda a: clock_text_of(a.clock),
                   status=lambda a: "overdue" if a.clock.late else "open")])
        self.tables: dict[str, RowTable] = {}
        for key, title, model in (("booked", "Booked today and tomorrow", self.booked_model),
                                  ("overdue", "Overdue", self.overdue_model),
                                  ("closing", "Windows closing today", self.closing_model),
                                  ("sae", "SAEs not yet reported to the sponsor",
                                   self.sae_model)):
            heading = QLabel(f"<b>{title}</b>")
            layout.addWidget(heading)
            table = RowTable(model)
            table.setMinimumHeight(90)
            table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
            self.tables[key] = table
            layout.addWidget(table, 2 if key == "booked" else 1)
        widths = {"booked": (120, 130, 280, 330), "overdue": (130, 280, 330),
                  "closing": (130, 280, 330), "sae": (130, 280)}
        for key, table in self.tables.items():
            for i, width in enumerate(widths[key]):
                table.setColumnWidth(i, width)

    def refresh(self) -> None:
        from datetime import datetime

        from app.services.today import today_view

        view = today_view(self.ctx.db, self.ctx.protocol, self.ctx.today(), datetime.now())
        self.pk_codes = view.pk_codes
        self.booked_model.set_rows(view.booked)
        self.overdue_model.set_rows(view.overdue)
        self.closing_model.set_rows(view.closing_today)
        self.sae_model.set_rows(view.sae_reports)
        pk_days = sum(1 for r in view.booked if r.code in view.pk_codes)
        self.title.setText(
            f"<span style='font-size:14pt'><b>{fmt_date(view.day)}</b></span> · "
            f"{len(view.booked)} booked today and tomorrow ({pk_days} with PK) · "
            f"{len(view.overdue)} overdue · {len(view.closing_today)} closing today · "
            f"{len(view.sae_reports)} SAEs not yet reported")
        self.loaded = True

    def selected_booked(self) -> list[WorklistRow]:
        rows = sorted({i.row() for i in self.tables["booked"].selectionModel().selectedRows()})
        return [self.booked_model.row_at(r) for r in rows]

    def print_worksheets(self) -> None:
        from ui.worksheet_preview import WorksheetPreview

        today = self.ctx.today()
        rows = self.selected_booked() or [r for r in self.booked_model.rows
                                          if r.booked_date == today]
        if not rows:
            _tell(self, "Nothing booked today: select visits to print")
            return
        rows.sort(key=lambda r: r.subject_id)
        WorksheetPreview(self.ctx, [(r.patient_id, r.code) for r in rows], self).exec()

    def record_selected(self) -> None:
        rows = self.selected_booked()
        if rows:
            self.record_visit.emit(rows[0].patient_id, rows[0].code)
        else:
            _tell(self, "Select a booked visit to record")


def clock_text_of(clock) -> str:  # type: ignore[no-untyped-def]
    from app.services.adverse_events import clock_text

    return clock_text(clock)


class WorklistPage(Place):
    """Who is due: open windows, windows opening within N days, overdue visits."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        bar.addWidget(QLabel("Due within"))
        self.days = QSpinBox()
        self.days.setRange(0, 365)
        self.days.setValue(14)
        self.days.setSuffix(" days")
        bar.addWidget(self.days)
        self.part = QComboBox()
        self.part.addItem("All parts", None)
        for p in ctx.protocol.parts:
            self.part.addItem(f"Part {p.number}", p.number)
        self.cohort = QComboBox()
        self.cohort.addItem("All cohorts", None)
        for c in ctx.protocol.cohorts:
            self.cohort.addItem(c.code, c.code)
        self.status = QComboBox()
        for text, value in (("Any status", None), ("Open", "open"), ("Overdue", "overdue"),
                            ("Planned", "planned"), ("Window closes today", CLOSES_TODAY),
                            ("Not booked", UNBOOKED)):
            self.status.addItem(text, value)
        for w in (self.part, self.cohort, self.status):
            bar.addWidget(w)
        bar.addStretch(1)
        self.count = QLabel()
        bar.addWidget(self.count)
        self.print_button = QPushButton("Worksheets…")
        self.print_button.setToolTip("Preview, print or save the worksheets of the selected "
                                     "visits (Ctrl or Shift to select several)")
        self.print_button.clicked.connect(lambda: self.print_selected())
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column("Window ends", lambda r: fmt_date(r.latest), lambda r: r.latest),
            Column("Status", lambda r: status_word(r.status) + (
                " · closes today" if r.closes_today else ""), lambda r: r.status,
                status=lambda r: r.status),
            Column("Subject", lambda r: r.subject_id, lambda r: r.subject_id),
            Column("Visit", lambda r: f"{r.code}  {r.label}", lambda r: (r.target, r.code)),
            Column("Window", lambda r: fmt_window(r.earliest, r.latest, r.target),
                   lambda r: r.earliest),
            Column("Booked", lambda r: (f"{fmt_date(r.booked_date)} {fmt_time(r.booked_time)}"
                                        .strip() if r.booked_date else "not booked"),
                   lambda r: r.booked_date),
            Column("Part", lambda r: f"Part {r.part}" + (f" · {r.cohort}" if r.cohort else
                                                         f" · {r.dose_level or ''}"),
                   lambda r: (r.part, r.cohort or r.dose_level or "")),
        ])
        self.table = RowTable(self.model)
        self.table.setSortingEnabled(True)  # rows arrive sorted by window end: column 0
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
        for i, width in enumerate((110, 170, 90, 260, 330, 150)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState("Loading the worklist…", "")
        self.loaded = False
        self.stack = _stack(self.table, self.empty)
        self.stack.setCurrentIndex(1)
        layout.addLayout(self.stack)
        for signal in (self.days.valueChanged, self.part.currentIndexChanged,
                       self.cohort.currentIndexChanged, self.status.currentIndexChanged):
            signal.connect(self.refresh)

    def selected_visits(self) -> list[tuple[int, str]]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        picked = [self.model.row_at(r) for r in rows]
        return [(r.patient_id, r.code) for r in sorted(picked, key=lambda r: r.subject_id)]

    def print_selected(self) -> None:
        visits = self.selected_visits()
        if not visits:
            _tell(self, "Select the visits to print first")
            return
        from ui.worksheet_preview import WorksheetPreview

        WorksheetPreview(self.ctx, visits, self).exec()

    def refresh(self) -> None:
        rows = worklist(self.ctx.db, self.ctx.today(), self.days.value(),
                        part=self.part.currentData(), cohort=self.cohort.currentData(),
                        status=self.status.currentData())
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (
                0, Qt.SortOrder.AscendingOrder):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        overdue = sum(1 for r in rows if r.status == "overdue")
        self.count.setText(f"{len(rows)} visits, {overdue} overdue")
        self.loaded = True
        self.empty.title.setText("Nobody is due")
        self.empty.hint.setText("No visit window is open or opens in the chosen days. "
                                "Widen the days, or enrol a patient.")
        self.stack.setCurrentIndex(0 if rows else 1)


class PatientsPage(Place):
    """Finding someone: search by subject ID or initials, filter by status."""

    enrol_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a patient: subject ID or initials (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.status = QComboBox()
        self.status.addItem("All statuses", None)
        for key, word in PATIENT_STATUS_WORDS.items():
            self.status.addItem(word, key)
        bar.addWidget(self.status)
        self.enrol_button = QPushButton("Enrol a patient…")
        self.enrol_button.clicked.connect(self.enrol_requested)
        bar.addWidget(self.enrol_button)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column("Subject", lambda r: r.subject_id),
            Column("Initials", lambda r: r.initials),
            Column("Part", lambda r: f"Part {r.part}", lambda r: r.part),
            Column("Dose level / cohort", lambda r: r.cohort or r.dose_level or ""),
            Column("Status", lambda r: r.status_text),
            Column("Next visit", lambda r: (f"{r.next_visit_code}  {fmt_date(r.next_visit_date)}"
                                            if r.next_visit_code else ""),
                   lambda r: r.next_visit_date),
        ])
        self.table = RowTable(self.model)
        self.table.opened.connect(lambda row: self.open_patient.emit(row.id))
        for i, width in enumerate((100, 70, 70, 160, 120)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState("No patients yet", "Enrol a patient to build their calendar "
                                "(the button above).")
        self.stack = _stack(self.table, self.empty)
        layout.addLayout(self.stack)
        self.search.textChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._open_single)

    def _open_single(self) -> None:
        if self.model.rowCount() >= 1:
            self.open_patient.emit(self.model.row_at(0).id)

    def refresh(self) -> None:
        rows = list_patients(self.ctx.db, self.search.text(), self.status.currentData())
        self.model.set_rows(rows)
        searching = bool(self.search.text().strip()) or self.status.currentData()
        if not rows and searching:
            self.empty.title.setText("No patient matches")
            self.empty.hint.setText("Check the subject ID or initials, or clear the search.")
        elif not rows:
            self.empty.title.setText("No patients yet")
            self.empty.hint.setText("Enrol a patient to build their calendar "
                                    "(the button above).")
        self.stack.setCurrentIndex(0 if rows else 1)


class PkListingPage(Place):
    """Every PK sample across patients with its deviation; CSV and XLSX for the sponsor."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.count = QLabel()
        bar.addWidget(self.count)
        self.only_out = QComboBox()
        self.only_out.addItem("All samples", False)
        self.only_out.addItem("Out of tolerance or not collected", True)
        bar.addWidget(self.only_out)
        bar.addStretch(1)
        self.export_button = QPushButton("Export…")
        self.export_button.clicked.connect(lambda: self.export())
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        flag_status = {"within tolerance": "done", "OUT OF TOLERANCE": "overdue",
                       "not collected": "missed"}
        self.model = RowTableModel([
            Column("Subject", lambda r: r.subject_id),
            Column("Visit", lambda r: r.visit),
            Column("Timepoint", lambda r: r.timepoint),
            Column("Nominal", lambda r: fmt_datetime(r.nominal), lambda r: r.nominal),
            Column("Actual", lambda r: fmt_datetime(r.actual), lambda r: r.actual),
            Column("Deviation", lambda r: "" if r.deviation_min is None
                   else f"{r.deviation_min:+.0f} min".replace("+0 ", "0 "),
                   lambda r: r.deviation_min),
            Column("Flag", lambda r: r.flag.capitalize(),
                   status=lambda r: flag_status.get(r.flag, "")),
            Column("Sample ID", lambda r: r.sample_id),
        ])
        self.table = RowTable(self.model)
        for i, width in enumerate((90, 70, 90, 150, 150, 90, 150)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState("No PK samples yet", "Record a PK visit's dose time and tubes "
                                "from the patient page (PK samples…).")
        self.stack = _stack(self.table, self.empty)
        layout.addLayout(self.stack)
        self.only_out.currentIndexChanged.connect(self.refresh)

    def refresh(self) -> None:
        from app.services.pk import pk_listing

        rows = pk_listing(self.ctx.db, self.ctx.protocol)
        out = sum(r.flag != "within tolerance" for r in rows)
        if self.only_out.currentData():
            rows = [r for r in rows if r.flag != "within tolerance"]
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} samples shown, {out} out of tolerance or not collected")
        self.export_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(0 if rows else 1)

    def export(self, path: str | None = None) -> None:
        from app.services.pk import export_pk_listing

        _export(self, "Export PK samples", "pk-samples.xlsx", SPREADSHEETS, path,
                lambda target: f"{export_pk_listing(self.model.rows, target)} PK samples")


class AdverseEventsPage(Place):
    """Safety review across patients: open AEs, SAEs with their clock, DLTs, TEAE summary."""

    FILTERS = (("All adverse events", None), ("Ongoing", "open"), ("Serious (SAEs)", "sae"),
               ("SAE reports late or overdue", "late"),
               ("SAEs not yet reported", "unreported"), ("DLTs", "dlt"),
               ("Not coded", "uncoded"), ("Treatment-emergent", "teae"))

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from PySide6.QtWidgets import QTabWidget

        layout, bar = self.body, self.bar
        self.filter = QComboBox()
        for text, key in self.FILTERS:
            self.filter.addItem(text, key)
        bar.addWidget(self.filter)
        self.count = QLabel()
        bar.addWidget(self.count)
        bar.addStretch(1)
        self.export_button = QPushButton("Export the TEAE summary…")
        self.export_button.clicked.connect(lambda: self.export_summary())
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        self.model = RowTableModel(ae_columns(with_subject=True))
        self.table = RowTable(self.model)
        self.table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
        for i, width in enumerate((80, 105, 260, 80, 105, 50, 250, 40)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState("No adverse events", "Log AEs from a patient's page "
                                "(Adverse events tab).")
        self.stack = _stack(self.table, self.empty)
        listing_layout.addLayout(self.stack)
        self.tabs.addTab(listing, "Adverse events")
        self.summary_model = RowTableModel([])
        self.summary = RowTable(self.summary_model)
        self.tabs.addTab(self.summary, "TEAE summary by SOC, term and worst grade")
        layout.addWidget(self.tabs)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.rows: list = []

    def refresh(self) -> None:
        from datetime import datetime

        from app.services.adverse_events import site_aes, teae_summary

        self.rows = site_aes(self.ctx.db, self.ctx.protocol, datetime.now())
        key = self.filter.currentData()
        keep = {None: lambda r: True, "open": lambda r: r.ongoing, "sae": lambda r: r.serious,
                "late": lambda r: r.clock is not None and r.clock.late,
                "unreported": lambda r: r.clock is not None and r.clock.reported_at is None,
                "dlt": lambda r: r.dlt,
                "uncoded": lambda r: not r.coded, "teae": lambda r: r.teae}[key]
        shown = [r for r in self.rows if keep(r)]
        self.model.set_rows(shown)
        late = sum(1 for r in self.rows if r.clock is not None and r.clock.late)
        self.count.setText(f"{len(shown)} of {len(self.rows)} AEs; "
                           f"{sum(r.serious for r in self.rows)} SAEs, {late} reported late "
                           "or overdue")
        self.stack.setCurrentIndex(0 if shown else 1)
        table = teae_summary(self.rows)
        names = list(table.columns)
        self.summary_model.columns = [Column(n, (lambda r, n=n: str(r[n]))) for n in names]
        self.summary_model.set_rows([dict(zip(names, values, strict=True))
                                     for values in table.itertuples(index=False)])
        self.summary.setColumnWidth(0, 260)
        self.summary.setColumnWidth(1, 260)
        self.export_button.setEnabled(not table.empty)

    def export_summary(self, path: str | None = None) -> None:
        from app.services.adverse_events import export_teae_summary

        _export(self, "Export the TEAE summary", "teae-summary.xlsx", SPREADSHEETS, path,
                lambda target: f"TEAE summary ({export_teae_summary(self.rows, target)} terms)")


class DeviationsPage(Place):
    """For the monitor: visits done out of window and missed visits, exportable to CSV."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.count = QLabel()
        bar.addWidget(self.count)
        bar.addStretch(1)
        self.export_button = QPushButton("Export to CSV…")
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column("Subject", lambda r: r.subject_id),
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
        ])
        self.table = RowTable(self.model)
        self.table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
        for i, width in enumerate((90, 240, 150, 330, 110, 100)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState("No deviations", "Every visit recorded so far was done in its "
                                "window, and none was missed.")
        self.stack = _stack(self.table, self.empty)
        layout.addLayout(self.stack)

    def refresh(self) -> None:
        rows = deviations(self.ctx.db)
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} deviations: "
                           f"{sum(r.deviation == 'missed' for r in rows)} missed, "
                           f"{sum(r.deviation != 'missed' for r in rows)} out of window")
        self.export_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(0 if rows else 1)

    def export(self, path: str | None = None) -> None:
        _export(self, "Export deviations", "deviations.csv", "CSV files (*.csv)", path,
                lambda target: f"{export_deviations_csv(self.model.rows, target)} deviations")
