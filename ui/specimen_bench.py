"""The Specimens place's bench: the tubes drawn today and every tube not yet frozen, each
with its live spin and freeze clocks (green, amber, red); a tube scanned (or picked), its
spin start and freeze time recorded with one key (F7, F8: now, or the time typed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidEntry
from app.rules.dates import fmt_datetime, parse_user_time
from app.rules.pk import nearest_datetime
from app.rules.protocol import Protocol
from app.rules.specimens import BenchClock, ClockState
from app.services.specimens import BENCH_HOURS, BenchTube
from ui.context import Context
from ui.i18n import said, tr
from ui.operations import Changes, announce
from ui.row_table import RowTable
from ui.style import error_text
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState

#: a clock's colour as the screen's statuses: green done, amber closing or late, red overdue
CLOCK_STATUS = {ClockState.RUNNING: "open", ClockState.CLOSING: "done out of window",
                ClockState.OVERDUE: "overdue", ClockState.DONE: "done",
                ClockState.DONE_LATE: "done out of window"}


def clock_words(clock: BenchClock | None) -> str:
    if clock is None:
        return ""
    if clock.state is ClockState.DONE:
        return tr("done at {minutes} min").format(minutes=clock.minutes)
    if clock.state is ClockState.DONE_LATE:
        return tr("{minutes} min: {late} min late").format(
            minutes=clock.minutes, late=clock.minutes - clock.limit_min)
    if clock.state is ClockState.OVERDUE:
        return tr("OVERDUE by {minutes} min").format(minutes=-clock.minutes)
    return tr("{minutes} min left (by {limit:%H:%M})").format(minutes=clock.minutes,
                                                               limit=clock.limit)


def _clock(tube: BenchTube, step: str) -> BenchClock | None:
    return next((c for c in tube.clocks if c.step == step), None)


def _column(step: str, title: str) -> Column:
    return Column(title, lambda t: clock_words(_clock(t, step)),
                  status=lambda t: CLOCK_STATUS.get(
                      c.state, "") if (c := _clock(t, step)) else "")


class BenchPanel(QWidget):
    """The bench; `study` gives the protocol whose lab manual applies."""

    def __init__(self, ctx: Context, study: Callable[[], Protocol],
                 parent: QWidget | None = None, only: frozenset[str] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.study = ctx, study
        self.only = only  # the tubes of one PK panel (None: the bench's)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(tr("scan or type a tube's barcode, then Enter"))
        self.scan.setAccessibleName(tr("Tube"))
        self.scan.returnPressed.connect(self.find_tube)
        form.addRow(tr("&Tube:"), self.scan)
        self.at = QLineEdit()
        self.at.setPlaceholderText(tr("HH:MM, empty: now"))
        self.at.setAccessibleName(tr("At"))
        form.addRow(tr("&At:"), self.at)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.spin_button = QPushButton(tr("Spin started (F7)"))
        self.freeze_button = QPushButton(tr("Frozen (F8)"))
        self.labels_button = QPushButton(tr("Aliquot labels…"))
        for b in (self.spin_button, self.freeze_button, self.labels_button):
            b.setAutoDefault(False)  # Enter after a scan picks the tube, never records
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.spin_button.clicked.connect(lambda: self.record("spin"))
        self.freeze_button.clicked.connect(lambda: self.record("freeze"))
        self.labels_button.clicked.connect(lambda: self.print_labels())
        QShortcut(QKeySequence("F7"), self, lambda: self.record("spin"))
        QShortcut(QKeySequence("F8"), self, lambda: self.record("freeze"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.model = RowTableModel([
            Column(tr("Subject"), lambda t: t.subject_id),
            Column(tr("Visit"), lambda t: t.visit),
            Column(tr("Timepoint"), lambda t: t.timepoint),
            Column(tr("Drawn"), lambda t: fmt_datetime(t.drawn_at), lambda t: t.drawn_at),
            _column("spin", tr("Spin")),
            _column("freeze", tr("Freeze")),
            Column(tr("Aliquots"), lambda t: ", ".join(a.aliquot_id for a in t.aliquots)),
            Column(tr("Tube"), lambda t: t.tube_id),
        ])
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("Tubes at the bench"))
        self.table.opened.connect(lambda t: self.pick(t.tube_id))
        layout.addWidget(self.table, 1)
        self.empty = EmptyState(tr("No tubes at the bench"), tr(
            "The tubes drawn today, and those of the last {hours} hours not frozen yet, show "
            "here with their spin and freeze clocks. A tube comes here once its draw time is "
            "recorded on the patient's PK tab.").format(hours=BENCH_HOURS))
        self.empty.hide()
        layout.addWidget(self.empty, 1)

    def refresh(self) -> None:
        from app.services.specimens import all_tubes, bench

        chosen = self.chosen()
        if self.only is not None:
            self.model.set_rows([t for t in all_tubes(self.ctx.db, self.study(), self.ctx.now())
                                 if t.tube_id in self.only])
        else:
            self.model.set_rows(bench(self.ctx.db, self.study(), self.ctx.now(),
                                      self.ctx.today()))
        nothing = self.only is None and not self.model.rows
        self.table.setVisible(not nothing)
        self.empty.setVisible(nothing)
        if chosen is not None:
            self.pick(chosen.tube_id, quiet=True)

    def chosen(self) -> BenchTube | None:
        index = self.table.currentIndex()
        rows = self.model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def pick(self, tube_id: str, quiet: bool = False) -> bool:
        """Select a tube's row by its barcode."""
        wanted = tube_id.strip().upper()
        for i, t in enumerate(self.model.rows):
            if t.tube_id == wanted:
                self.table.selectRow(i)
                if not quiet:
                    self._say(tr("{tube}: {subject} {visit} {timepoint}, drawn {drawn}").format(
                        tube=t.tube_id, subject=t.subject_id, visit=t.visit,
                        timepoint=t.timepoint, drawn=fmt_datetime(t.drawn_at)))
                return True
        return False

    def find_tube(self) -> None:
        text = self.scan.text().strip()
        if text and not self.pick(text):
            self._say(tr("No tube {tube} at the bench (drawn and not frozen yet, or drawn "
                         "today)").format(tube=text), error=True)
            return
        self.scan.clear()
        self.table.setFocus()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(error_text() if error else "")
        self.message.setText(text)

    def _when(self, tube: BenchTube) -> datetime:
        text = self.at.text().strip()
        if not text:
            return self.ctx.now()
        try:
            clock = parse_user_time(text)
            if clock is None:
                return self.ctx.now()
            return nearest_datetime(tube.drawn_at, clock)
        except ValueError as exc:
            raise InvalidEntry("at", "{at}: {problem}", at=text, problem=str(exc)) from None

    def record(self, step: str) -> None:
        """The chosen tube's spin start or freeze time: the time typed, else now."""
        from app.services.specimens import record_processing

        tube = self.chosen()
        if tube is None:
            self._say(tr("Scan or pick a tube first"), error=True)
            self.scan.setFocus()
            return
        try:
            when = self._when(tube)
            record_processing(self.ctx.db, self.study(), tube.tube_id,
                              when if step == "spin" else None,
                              when if step == "freeze" else None, self.ctx.now())
        except InvalidEntry as exc:
            self._say(said(exc), error=True)
            return
        self.at.clear()
        done = tr("{tube}: spin started {at}") if step == "spin" else tr("{tube}: frozen {at}")
        self._say(done.format(tube=tube.tube_id, at=fmt_datetime(when)))
        announce(Changes(records=True), self)
        self.refresh()
        self.pick(tube.tube_id, quiet=True)

    def print_labels(self, path: str | None = None) -> None:
        from pathlib import Path

        from reports.pk_labels import write_aliquot_labels
        from ui.export import save_path, suggested_file

        tube = self.chosen()
        if tube is None or not tube.aliquots:
            self._say(tr("Pick a spun tube: its aliquots have labels"), error=True)
            return
        if not path:
            path = save_path(self, tr("Aliquot labels"), suggested_file(
                tube.subject_id, tube.visit, "aliquot labels", day=self.ctx.today(),
                ending=".pdf"), tr("PDF files (*.pdf)"))
        if not path:
            return
        try:
            n = write_aliquot_labels(tube, Path(path))
        except OSError as exc:
            self._say(tr("Cannot write {path}: {problem}").format(
                path=path, problem=exc.strerror or exc), error=True)
            return
        self._say(tr("{n} labels written to {path}").format(n=n, path=path))


class BenchDialog(QDialog):
    """A PK panel's own tubes at the bench (the PK panel's "At the bench…"); Esc closes."""

    def __init__(self, ctx: Context, tubes: frozenset[str], title: str,
                 parent: QWidget | None = None) -> None:
        from app.services.offers import offered

        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.bench = BenchPanel(ctx, lambda: ctx.protocol, self, only=tubes)
        layout.addWidget(self.bench)
        if offered(ctx.db).read_only:
            for button in (self.bench.spin_button, self.bench.freeze_button):
                button.hide()
                button.setEnabled(False)
        self.resize(900, 420)
        self.bench.refresh()
