"""Today: the nurse's morning, booked today and tomorrow, overdue, closing, SAEs to report."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.dates import fmt_date, fmt_time
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr, window_text
from ui.places.base import Place, stacked, tell
from ui.row_table import RowTable
from ui.style import status_word
from ui.table_model import Column, RowTableModel
from ui.widgets import DateField, EmptyState, StudyBox

if TYPE_CHECKING:  # the rows' services are imported when the first rows are read
    from app.rules.safety import SaeClock
    from app.services.worklist import WorklistRow
    from ui.places.investigator_today import InvestigatorPanel  # an investigator's only


class TodayPage(Place):
    """The nurse at 8 am: today's and tomorrow's booked visits (PK days first), overdue
    visits, windows closing today, SAE reports due or late."""

    record_visit = Signal(int, str)
    enrol_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.loaded = False
        layout, bar = self.body, self.bar
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)  # the day's counts wrap on a narrow screen
        layout.addWidget(self.title)
        self.training = QLabel()  # training that expires within a month (ui/delegation)
        self.training.setWordWrap(True)
        self.training.hide()
        layout.addWidget(self.training)
        self.print_button = QPushButton(tr("Worksheets…"))
        self.print_button.setToolTip(tr("Preview and print the worksheets of the selected visits "
                                     "(of a day you pick when none is selected)"))
        self.print_button.clicked.connect(lambda: self.print_worksheets())
        self.record_button = QPushButton(tr("Record…"))
        self.record_button.setToolTip(tr("Record the visit selected in any list of Today"))
        self.record_button.clicked.connect(lambda: self.record_selected())
        self.rebook_button = QPushButton(tr("Rebook…"))
        self.rebook_button.setToolTip(tr("Book again a visit listed to rebook or cancel"))
        self.rebook_button.clicked.connect(lambda: self.rebook_selected())
        self.cancel_booking_button = QPushButton(tr("Cancel booking…"))
        self.cancel_booking_button.clicked.connect(lambda: self.rebook_selected(cancel=True))
        bar.addWidget(self.print_button)
        bar.addWidget(self.record_button)
        bar.addWidget(self.rebook_button)
        bar.addWidget(self.cancel_booking_button)
        self.study = StudyBox(ctx)
        self.study.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.study)
        bar.addStretch(1)
        layout.addLayout(bar)
        when = Column(tr("Booked"), lambda r: (
            (tr("Today") if r.booked_date == self.ctx.today() else tr("Tomorrow"))
            + (f" {fmt_time(r.booked_time)}" if r.booked_time else "")),
            self._booking_order)
        visit = Column(tr("Visit"), lambda r: f"{r.code}  {r.label}"
                       + (tr("  · PK") if (r.patient_id, r.code) in self.pk_codes else ""))
        subject = Column(tr("Subject"), lambda r: f"{r.subject_id} ({r.initials})"
                         + (f" · {r.study}" if self.study.several else ""))
        window = Column(tr("Window"), lambda r: window_text(r.earliest, r.latest, r.target))
        status = Column(tr("Status"), lambda r: status_word(r.status), status=lambda r: r.status)
        self.pk_codes: frozenset[tuple[int, str]] = frozenset()
        self.booked_model = RowTableModel([when, subject, visit, window, status])
        self.overdue_model = RowTableModel([subject, visit, window, status])
        self.closing_model = RowTableModel([subject, visit, window,
                                            Column(tr("Booked"), lambda r: fmt_date(r.booked_date)
                                                   if r.booked_date else tr("not booked"))])
        self.sae_model = RowTableModel([
            Column(tr("Subject"), lambda a: a.subject_id), Column("SAE", lambda a: a.name),
            Column(tr("Report"), lambda a: clock_text_of(a.clock),
                   status=lambda a: "overdue" if a.clock.late else "open")])
        self.rebook_model = RowTableModel([
            Column(tr("Subject"), lambda s: s.held.subject),
            Column(tr("Visit"), lambda s: s.held.code),
            Column(tr("Booked"), lambda s: fmt_date(s.held.booked)),
            Column(tr("Why"), lambda s: said(s.why))])
        self.query_model = RowTableModel([
            Column(tr("Subject"), lambda q: q.subject_id
                   + (f" · {q.study}" if self.study.several else "")),
            Column(tr("On"), lambda q: q.target.words),
            Column(tr("Days"), lambda q: str(q.age_days), lambda q: q.age_days),
            Column(tr("Query"), lambda q: q.text)])
        self.tables: dict[str, RowTable] = {}
        content = QWidget()
        lists = QVBoxLayout(content)
        lists.setContentsMargins(0, 0, 0, 0)
        self.investigator: InvestigatorPanel | None = None
        if ctx.signed is not None and ctx.signed.role == "investigator":  # theirs to sign
            from ui.places.investigator_today import InvestigatorPanel

            self.investigator = InvestigatorPanel(ctx)
            self.investigator.open_patient.connect(self.open_patient)
            lists.addWidget(self.investigator, 2)
        for key, title, model in (("booked", tr("Booked today and tomorrow"), self.booked_model),
                                  ("overdue", tr("Overdue"), self.overdue_model),
                                  ("closing", tr("Windows closing today"), self.closing_model),
                                  ("rebook", tr("Bookings to rebook or cancel"),
                                   self.rebook_model),
                                  ("sae", tr("SAEs not yet reported to the sponsor"),
                                   self.sae_model),
                                  ("queries", tr("Open queries, oldest first"),
                                   self.query_model)):
            heading = QLabel(f"<b>{title}</b>")
            self.query_heading = heading  # the last: its count follows the rows
            lists.addWidget(heading)
            table = RowTable(model)
            self.exportable(table, title)
            table.setMinimumHeight(90)
            table.opened.connect(lambda row: self.open_patient.emit(row.patient_id))
            self.tables[key] = table
            lists.addWidget(table, 2 if key == "booked" else 1)
            table.selectionModel().selectionChanged.connect(
                lambda selected, _deselected, k=key: self._selected_in(k, selected))
        self.empty = EmptyState(tr("No patients yet"), tr(
            "Enrol a patient (Ctrl+N): their visits then show here, booked, due and overdue."))
        self.enrol_button = self.empty.add_button(tr("Enrol a patient…"))
        self.enrol_button.clicked.connect(self.enrol_requested)
        self.stack = stacked(layout, content, self.empty, 1)
        who = 240 if self.study.several else 130  # the subject, and its study when several
        widths = {"booked": (120, who, 280, 330), "overdue": (who, 280, 330),
                  "closing": (who, 280, 330), "sae": (130, 280), "queries": (who, 280, 60),
                  "rebook": (who, 80, 120)}
        for key, table in self.tables.items():
            for i, width in enumerate(widths[key]):
                table.setColumnWidth(i, width)

    def refresh(self) -> None:
        from app.services.database import one_reading

        with one_reading(self.ctx.db):  # its lists read in one transaction, not nine
            self._fill()

    def _fill(self) -> None:
        from app.services.today import today_view

        view = today_view(self.ctx.db, self.study.study(), self.ctx.today(), self.ctx.now())
        self.pk_codes = view.pk_codes
        self.booked_model.set_rows(view.booked)
        self.overdue_model.set_rows(view.overdue)
        self.closing_model.set_rows(view.closing_today)
        self.sae_model.set_rows(view.sae_reports)
        self.rebook_model.set_rows(view.to_rebook)
        if self.investigator is not None:
            self.investigator.refresh(self.study.study_id())
        from app.services.queries import list_queries

        queries = list_queries(self.ctx.db, self.ctx.today(), study_id=self.study.study_id(),
                               state="open")
        self.query_model.set_rows(queries)
        self.query_heading.setText("<b>" + tr("Open queries, oldest first: {count}").format(
            count=len(queries)) + "</b>")
        from ui.delegation import training_notice

        notice = training_notice(self.ctx)
        self.training.setText(notice)
        self.training.setVisible(bool(notice))
        self.stack.setCurrentIndex(0 if view.any_patient else 1)
        pk_days = sum(1 for r in view.booked if (r.patient_id, r.code) in view.pk_codes)
        self.title.setText(
            tr("<span style='font-size:14pt'><b>{day}</b></span> · {booked} booked today "
               "and tomorrow ({pk_days} with PK) · {overdue} overdue · {closing_today} "
               "closing today · {sae_reports} SAEs not yet reported").format(
                       day=fmt_date(view.day), booked=len(view.booked), pk_days=pk_days,
                       overdue=len(view.overdue), closing_today=len(view.closing_today),
                       sae_reports=len(view.sae_reports)))
        self.loaded = True

    def _booking_order(self, row: WorklistRow) -> tuple[object, ...]:
        """Where a booked visit comes in the day: the order Today lists them in."""
        from app.services.today import booked_order

        return booked_order(row, self.pk_codes)

    def _selected_in(self, key: str, selected: QItemSelection) -> None:
        """One row selected on the whole page: the one Record… and Print… act on. Only a
        row newly selected lets the others go: a selection merely cleared (as the tables
        are torn down when the window closes) touches no other table."""
        if selected.isEmpty():
            return
        for other, table in self.tables.items():
            if other != key:
                table.clearSelection()

    def selected_booked(self) -> list[WorklistRow]:
        rows = sorted({i.row() for i in self.tables["booked"].selectionModel().selectedRows()})
        return [self.booked_model.row_at(r) for r in rows]

    def selected_visit(self) -> WorklistRow | None:
        """The visit selected in any list of the page (booked, overdue, closing today)."""
        for key in ("booked", "overdue", "closing"):
            selected = self.tables[key].selectionModel().selectedRows()
            if selected:
                model = self.tables[key].model()
                assert isinstance(model, RowTableModel)
                row: WorklistRow = model.row_at(min(i.row() for i in selected))
                return row
        return None

    def print_worksheets(self) -> None:
        """The selected visits' worksheets; none selected: the day's, the day picked first."""
        from ui.worksheet_preview import WorksheetPreview

        rows = self.selected_booked()
        if rows:
            rows.sort(key=self._booking_order)
            visits = [(r.patient_id, r.code) for r in rows]
        else:
            today = self.ctx.today()
            day = today if any(r.booked_date == today for r in self.booked_model.rows) \
                else today + timedelta(days=1)
            picker = WorksheetDayDialog(self.ctx, day, self)
            if not picker.exec():
                return
            visits = picker.visits
        WorksheetPreview(self.ctx, visits, self).exec()

    def rebook_selected(self, cancel: bool = False) -> None:
        """The booking selected in the list to rebook: booked again, or cancelled."""
        from ui.booking_dialogs import BookingDialog, CancelBookingDialog
        from ui.operations import Changes, announce

        rows = self.tables["rebook"].selectionModel().selectedRows()
        if not rows:
            tell(self, tr("Select a booking to rebook or cancel"))
            return
        stale = self.rebook_model.row_at(rows[0].row())
        h = stale.held
        dialog = CancelBookingDialog(self.ctx, stale.patient_id, h.subject, h.code, self) \
            if cancel else BookingDialog(self.ctx, stale.patient_id, h.subject, h.code,
                                         h.target, h.at, moving=True, parent=self)
        if dialog.exec():
            announce(Changes(records=True))

    def record_selected(self) -> None:
        row = self.selected_visit()
        if row is not None:
            self.record_visit.emit(row.patient_id, row.code)
        else:
            tell(self, tr("Select a visit to record (booked, overdue or closing today)"))


class WorksheetDayDialog(FormDialog):
    """The clinic day whose worksheets are printed: typed (or picked), Ctrl+S previews."""
    ask_before_discard = False  # a day to print: nothing to lose
    help_page = "clinic-day"
    first_field = "day"

    def __init__(self, ctx: Context, day: date, parent: QWidget | None = None) -> None:
        super().__init__(tr("Worksheets of a clinic day"), parent)
        self.ctx = ctx
        self.visits: list[tuple[int, str]] = []
        self.intro.setText(tr("The worksheets of every visit booked that day, every study, in "
                              "the order the patients come."))
        self.intro.show()
        self.date_field("day", tr("Clinic day"), day)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Preview…"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.field("day", DateField).edit.selectAll()

    def save(self) -> None:
        from app.services.worksheets import clinic_day

        def act() -> None:
            day = self.read_date("day", tr("Clinic day"))
            if day is None:
                raise InvalidEntry("day", tr("Give the clinic day (DD-MMM-YYYY)"))
            self.visits = clinic_day(self.ctx.db, day)
            if not self.visits:
                raise InvalidEntry("day", tr("Nothing is booked on {day}: pick another "
                                             "day").format(day=fmt_date(day)))

        if self.attempt(act):
            self.accept()


def clock_text_of(clock: SaeClock | None) -> str:
    from app.services.adverse_events import clock_text

    return clock_text(clock)
