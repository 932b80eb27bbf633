"""Planner: a day (chairs x hours) or a week (chairs x days) of the unit's bookings, each
patient's block with its PK ticks, each nurse's load, the conflicts and closures; a booking
moved by keys within its window (Alt+Left/Right a day, Alt+Up/Down a quarter of an hour,
with the reason typed in the bar), moved or cancelled by its dialogs; the day sheet printed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.rules.booking import Block
from app.rules.dates import fmt_date
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.i18n import said, tr
from ui.places.base import Place, export_to_file, tell
from ui.widgets import DateField

if TYPE_CHECKING:
    from app.services.planner import Plan, PlanDay

DAY, WEEK = "day", "week"
STEP_MINUTES = 15


def block_text(b: Block) -> str:
    """A block in a cell: who, which visit, its PK ticks, and a word when out of window."""
    text = f"{b.subject} {b.code}"
    if b.ticks:
        text += " " + tr("PK") + " " + "•" * len(b.ticks)
    if b.out_of_window:
        text += " ⚠ " + tr("outside its window")
    return text


class PlanGrid(QTableWidget):
    """The grid; Alt+arrows move the block of the current cell (the page decides)."""

    def __init__(self, page: PlannerPage) -> None:
        super().__init__()
        self.page = page
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(tr("Planner"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, -STEP_MINUTES), Qt.Key.Key_Down: (0, STEP_MINUTES)}
        key = Qt.Key(event.key())
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and key in moves:
            self.page.move_selected(*moves[key])
            return
        super().keyPressEvent(event)


class PlannerPage(Place):
    """For the unit's coordinator: who sits where, when, with which nurse."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.day = DateField()
        self.day.set_date(ctx.today())
        self.day.setAccessibleName(tr("Day"))
        self.day.changed.connect(self.refresh)
        self.view = QComboBox()
        self.view.addItem(tr("Day"), DAY)
        self.view.addItem(tr("Week"), WEEK)
        self.view.setAccessibleName(tr("Day or week"))
        self.view.currentIndexChanged.connect(self.refresh)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("reason for a move by keys"))
        self.reason.setAccessibleName(tr("Reason for a move"))
        self.move_button = QPushButton(tr("Move…"))
        self.move_button.clicked.connect(lambda: self.edit_selected())
        self.cancel_button = QPushButton(tr("Cancel booking…"))
        self.cancel_button.clicked.connect(lambda: self.cancel_selected())
        self.print_button = QPushButton(tr("Day sheet…"))
        self.print_button.clicked.connect(lambda: self.print_day_sheet())
        for w in (QLabel(tr("Day")), self.day, self.view, self.reason, self.move_button,
                  self.cancel_button, self.print_button):
            self.bar.addWidget(w)
        self.bar.addStretch(1)
        self.body.addLayout(self.bar)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.body.addWidget(self.title)
        self.grid = PlanGrid(self)
        self.body.addWidget(self.grid, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.body.addWidget(self.notes)
        self.cells: dict[tuple[int, int], Block] = {}
        self.plan: Plan | None = None
        self.patient_of: dict[int, int] = {}

    # --- reading ------------------------------------------------------------------------
    def first_day(self) -> date:
        try:
            day = self.day.date()
        except ValueError:
            day = None
        day = day or self.ctx.today()
        if self.view.currentData() == WEEK:
            return day - timedelta(days=day.weekday())
        return day

    def refresh(self) -> None:
        from app.services.planner import planner

        week = self.view.currentData() == WEEK
        plan = planner(self.ctx.db, self.first_day(), 7 if week else 1)
        self.plan, self.patient_of = plan, plan.patient_of
        self.cells = {}
        self.grid.clear()
        self.grid.clearSpans()
        if week:
            self._fill_week(plan.days)
        else:
            self._fill_day(plan.days[0])
        loads = [tr("{nurse}: {patients} patient(s), {tubes} PK tube(s)").format(
                     nurse=n.nurse, patients=n.patients, tubes=n.tubes)
                 for d in plan.days for n in d.loads]
        conflicts = [f"{fmt_date(c.day)}: {said(c.what)}" for d in plan.days
                     for c in d.conflicts]
        closed = [tr("{day}: closed ({label})").format(day=fmt_date(d.day), label=d.closure)
                  for d in plan.days if d.closure]
        self.title.setText(tr("From {day} · opening hours {hours}").format(
            day=fmt_date(plan.first), hours=plan.opening))
        self.notes.setText("\n".join(
            [tr("Nurses: {loads}").format(loads="; ".join(loads) or tr("none booked"))]
            + closed + [tr("Conflict: {what}").format(what=c) for c in conflicts]))

    def _rows(self, days: list[PlanDay]) -> list[tuple[str, str]]:
        first = days[0]
        return [(name, kind) for name, kind, _ in first.places] + [(tr("Elsewhere"), "")]

    def _fill_day(self, day: PlanDay) -> None:
        rows = self._rows([day])
        hours = list(range(7, 21))
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(len(hours))
        self.grid.setVerticalHeaderLabels([name for name, _ in rows])
        self.grid.setHorizontalHeaderLabels([f"{h:02d}:00" for h in hours])
        held = [blocks for _, _, blocks in day.places] + [day.elsewhere]
        for r, blocks in enumerate(held):
            anchor: dict[int, int] = {}  # each column taken: the cell its block starts in
            for b in blocks:
                c = min(max(b.start.hour - hours[0], 0), len(hours) - 1)
                text = f"{b.start:%H:%M} " + block_text(b)
                if c in anchor:  # overlapping blocks (a conflict): said in one cell
                    item = self.grid.item(r, anchor[c])
                    if item is not None:
                        item.setText(item.text() + "\n" + text)
                    continue
                length = -(-(b.end.hour * 60 + b.end.minute - b.start.hour * 60) // 60)
                span = 1
                while span < length and c + span < len(hours) and c + span not in anchor:
                    span += 1
                self._put(r, c, b, text)
                for k in range(c, c + span):
                    anchor[k] = c
                if span > 1:
                    self.grid.setSpan(r, c, 1, span)

    def _fill_week(self, days: list[PlanDay]) -> None:
        rows = self._rows(days)
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(len(days))
        self.grid.setVerticalHeaderLabels([name for name, _ in rows])
        self.grid.setHorizontalHeaderLabels([
            f"{d.day:%a} {fmt_date(d.day)}" for d in days])
        for c, d in enumerate(days):
            held = [blocks for _, _, blocks in d.places] + [d.elsewhere]
            for r, blocks in enumerate(held):
                if blocks:
                    self._put(r, c, blocks[0], "\n".join(
                        f"{b.start:%H:%M} " + block_text(b) for b in blocks))

    def _put(self, r: int, c: int, b: Block, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(tr("PK timepoints: {ticks}").format(
            ticks=" ".join(f"{t:%H:%M}" for t in b.ticks) or tr("none")))
        self.grid.setItem(r, c, item)
        self.cells[(r, c)] = b

    # --- acting -------------------------------------------------------------------------
    def selected_block(self) -> Block | None:
        return self.cells.get((self.grid.currentRow(), self.grid.currentColumn()))

    def _may_enter(self) -> bool:
        from app.services.offers import offered

        return offered(self.ctx.db).enter

    def move_selected(self, days: int, minutes: int) -> None:
        """The selected booking a day or a quarter of an hour on, inside its window."""
        from app.rules.booking_plan import moved_by_keys
        from app.services.booking import Choice, book_visit
        from app.services.studies import protocol_of_patient

        b = self.selected_block()
        if b is None or b.key is None or not self._may_enter():
            return
        start = moved_by_keys(b, days, minutes)
        if start is None:
            tell(self, tr("{code} stays inside its window").format(code=b.code))
            return
        reason = self.reason.text().strip()
        if not reason:
            tell(self, tr("Type the reason for the move first"))
            self.reason.setFocus()
            return
        pid = self.patient_of[b.key]
        try:
            book_visit(self.ctx.db, protocol_of_patient(self.ctx.db, pid), pid, b.code,
                       Choice(b.code, start, b.place, b.nurse), self.ctx.today(), reason)
        except InvalidEntry as exc:
            tell(self, said(exc))
            return
        self._announce()
        self._select(b.subject, b.code)

    def _select(self, subject: str, code: str) -> None:
        for (r, c), b in self.cells.items():
            if (b.subject, b.code) == (subject, code):
                self.grid.setCurrentCell(r, c)
                return

    def _announce(self) -> None:
        from ui.operations import Changes, announce

        announce(Changes(records=True))
        if not self.isVisible():
            self.refresh()

    def edit_selected(self) -> None:
        from ui.booking_dialogs import BookingDialog

        b = self.selected_block()
        if b is None or b.key is None:
            tell(self, tr("Select a booking in the planner"))
            return
        dialog = BookingDialog(self.ctx, self.patient_of[b.key], b.subject, b.code,
                               b.start.date(), b.start.time(), b.place, b.nurse, moving=True,
                               parent=self)
        if dialog.exec():
            self._announce()

    def cancel_selected(self) -> None:
        from ui.booking_dialogs import CancelBookingDialog

        b = self.selected_block()
        if b is None or b.key is None:
            tell(self, tr("Select a booking in the planner"))
            return
        if CancelBookingDialog(self.ctx, self.patient_of[b.key], b.subject, b.code,
                               self).exec():
            self._announce()

    def print_day_sheet(self, path: str | None = None) -> None:
        from app.services.planner import planner
        from app.services.worksheets import site_name
        from reports.day_sheet import print_day_sheet

        day = self.first_day()
        plan = planner(self.ctx.db, day, 1)

        def write(target: Path) -> str:
            print_day_sheet(target, plan.days[0], site_name(self.ctx.db), self.ctx.now())
            return tr("The day sheet of {day}").format(day=fmt_date(day))

        export_to_file(self, tr("Day sheet"), f"day-sheet-{day.isoformat()}.pdf",
                       tr("PDF file (*.pdf)"), path, write)


__all__ = ["PlannerPage", "block_text"]
