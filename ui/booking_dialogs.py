"""The appointment book's dialogs: a visit booked (or moved) at a time, in a chair, with a
nurse; a whole cycle proposed, then booked at once; a booking cancelled with its reason.
Every check is the services' (app/services/booking.py): a refusal shows on its field and
keeps what was typed."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QWidget

from app.rules.dates import fmt_datetime
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel


def _place_items(ctx: Context) -> list[tuple[str, object]]:
    from app.services.site_resources import resources

    res = resources(ctx.db)
    return [(tr("(a free one)"), None)] + [(p.name, p.name) for p in res.places]


def _nurse_items(ctx: Context) -> list[tuple[str, object]]:
    from app.services.site_resources import resources

    return [(tr("(none named)"), None)] + [(s.account, s.account)
                                          for s in resources(ctx.db).staff]


class BookingDialog(FormDialog):
    """One visit booked, or its booking moved (a move asks its reason)."""

    help_page = "visit"

    def __init__(self, ctx: Context, patient_id: int, subject: str, code: str,
                 day: date | None = None, at: time | None = None, place: str | None = None,
                 nurse: str | None = None, moving: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Book {code} of {subject}").format(code=code, subject=subject),
                         parent)
        self.ctx, self.patient_id, self.code = ctx, patient_id, code
        self.intro.setText(tr("The window, the site's hours and closures, the chair and the "
                              "nurse are checked; a refusal names the free days."))
        self.intro.show()
        self.date_field("day", tr("Date"), day)
        self.time_field("at", tr("Time"), at)
        self.choice("place", tr("Chair or room"), _place_items(ctx), place)
        self.choice("nurse", tr("Nurse"), _nurse_items(ctx), nurse)
        self.line("why_outside", tr("Why outside the window"),
                  placeholder=tr("only for a booking outside the window"))
        self.reason_field(moving)

    def save(self) -> None:
        from app.services.booking import Choice, book_visit
        from app.services.studies import protocol_of_patient

        def act() -> None:
            day = self.read_date("day", tr("Date"))
            at = self.read_time("at", tr("Time"))
            if day is None:
                raise InvalidEntry("day", tr("Give the date of the booking (DD-MMM-YYYY)"))
            if at is None:
                raise InvalidEntry("at", tr("Give the time of the booking (24-hour, 09:30)"))
            choice = Choice(self.code, datetime.combine(day, at), self.read_choice("place"),
                            self.read_choice("nurse"), self.read_text("why_outside") or None)
            try:
                book_visit(self.ctx.db, protocol_of_patient(self.ctx.db, self.patient_id),
                           self.patient_id, self.code, choice, self.ctx.today(),
                           reason=self.read_text("reason") or None)
            except InvalidEntry as exc:  # the rules' fields are this dialog's
                field = {"when": "day", "chair": "place"}.get(exc.field, exc.field)
                raise InvalidEntry(field, said(exc)) from None

        if self.attempt(act):
            self.accept()


class CancelBookingDialog(FormDialog):
    """A booking taken back, with the reason the audit trail keeps."""

    help_page = "visit"

    def __init__(self, ctx: Context, patient_id: int, subject: str, code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Cancel the booking of {code} of {subject}").format(
            code=code, subject=subject), parent)
        self.ctx, self.patient_id, self.code = ctx, patient_id, code
        self.line("reason", tr("Reason"), placeholder=tr("why the booking is cancelled"))

    def save(self) -> None:
        from app.services.booking import cancel_booking
        from app.services.studies import protocol_of_patient

        def act() -> None:
            cancel_booking(self.ctx.db, protocol_of_patient(self.ctx.db, self.patient_id),
                           self.patient_id, self.code, self.ctx.today(),
                           self.read_text("reason"))

        if self.attempt(act):
            self.accept()


class CycleDialog(FormDialog):
    """Book the cycle: Propose (Alt+P) lists every visit of the cycle at its target at the
    patient's usual time on a free chair, a move off the target said; Ctrl+S books them."""

    help_page = "visit"
    first_field = "cycle"

    def __init__(self, ctx: Context, patient_id: int, subject: str, cycle: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Book the cycle of {subject}").format(subject=subject), parent)
        self.ctx, self.patient_id = ctx, patient_id
        spin = QSpinBox()
        spin.setRange(1, 99)
        spin.setValue(cycle)
        self.add("cycle", tr("Cycle"), spin)
        self.time_field("at", tr("Time"), None)
        self.choice("nurse", tr("Nurse"), _nurse_items(ctx), None)
        self.propose_button = QPushButton(tr("Propose (Alt+P)"))
        self.propose_button.clicked.connect(self.propose)
        self.form.addRow("", self.propose_button)
        self.model = RowTableModel([
            Column(tr("Visit"), lambda p: p.code),
            Column(tr("Booked"), lambda p: fmt_datetime(p.start) if p.start else "-"),
            Column(tr("Chair"), lambda p: p.place or ""),
            Column(tr("Note"), lambda p: said(p.note or p.problem) if (p.note or p.problem)
                   else "")])
        self.table = RowTable(self.model)
        self.table.setMinimumHeight(140)
        self.form.addRow(self.table)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.form.addRow(self.summary)
        self.proposal: list[object] = []
        QShortcut(QKeySequence("Alt+P"), self, self.propose)

    def _ask(self) -> tuple[int, time | None, str | None]:
        cycle = self.field("cycle", QSpinBox).value()
        return cycle, self.read_time("at", tr("Time")), self.read_choice("nurse")

    def propose(self) -> None:
        from app.services.booking import cycle_proposal
        from app.services.studies import protocol_of_patient

        def act() -> None:
            cycle, at, nurse = self._ask()
            self.proposal = list(cycle_proposal(
                self.ctx.db, protocol_of_patient(self.ctx.db, self.patient_id),
                self.patient_id, cycle, at, self.ctx.today(), nurse))

        if self.attempt(act):
            self.model.set_rows(self.proposal)
            fits = sum(1 for p in self.proposal if getattr(p, "start", None) is not None)
            self.summary.setText(tr("{fits} of {n} visits proposed: Ctrl+S books them").format(
                fits=fits, n=len(self.proposal)))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        from app.rules.booking_plan import Proposal
        from app.services.booking import book_choices, choices_of
        from app.services.studies import protocol_of_patient

        def act() -> None:
            if not self.proposal:
                raise InvalidEntry("cycle", tr("Propose the cycle first (Alt+P)"))
            _cycle, _at, nurse = self._ask()
            chosen = [p for p in self.proposal if isinstance(p, Proposal)]
            book_choices(self.ctx.db, protocol_of_patient(self.ctx.db, self.patient_id),
                         self.patient_id, choices_of(chosen, nurse), self.ctx.today())

        if self.attempt(act):
            self.accept()


__all__ = ["BookingDialog", "CancelBookingDialog", "CycleDialog"]
