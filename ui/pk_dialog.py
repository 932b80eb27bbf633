"""The PK panel of a visit: the dose time, and each tube's clock as the nurse draws it."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from app.rules import pk
from app.rules.dates import fmt_datetime, parse_user_time
from app.rules.entry.pk import SampleEntry
from app.rules.site_time import TimeProblem, local_instant
from app.services import pk_samples as pk_service
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.entry_table import EntryTable, SuggestionDelegate, fixed_item
from ui.export import save_path, suggested_file
from ui.forms import FormDialog
from ui.i18n import QT_TR_NOOP, labelled, said, tr
from ui.style import RESULT_OK, RESULT_OUT, pick_pair

COLUMNS = [QT_TR_NOOP("Timepoint"), QT_TR_NOOP("Due at"), QT_TR_NOOP("Window"),
           QT_TR_NOOP("Collected (HH:MM)"), QT_TR_NOOP("Deviation"),
           QT_TR_NOOP("Not collected: why"), QT_TR_NOOP("Sample ID")]
DUE, WINDOW, COLLECTED, DEVIATION, NOT_COLLECTED, SAMPLE_ID = 1, 2, 3, 4, 5, 6
#: why a tube was not collected, offered in its cell (any other reason is typed as it is)
NOT_COLLECTED_REASONS = (QT_TR_NOOP("Patient refused"), QT_TR_NOOP("Difficult venous access"),
                         QT_TR_NOOP("Sample not drawn in time"),
                         QT_TR_NOOP("Patient not available"),
                         QT_TR_NOOP("Haemolysed or spoilt sample"),
                         QT_TR_NOOP("Other: "))


class PkDialog(FormDialog):
    help_page = "pk"
    version: str | None = None  # the panel's token of its samples' versions

    def __init__(self, ctx: Context, patient_id: int, code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("PK samples: {code}").format(code=code), parent)
        self.ctx, self.patient_id, self.code = ctx, patient_id, code
        self.panel = panel = pk_service.pk_panel(ctx.db, ctx.protocol, patient_id, code)
        self.version = panel.version
        self.slots = {s.id: s for s in pk.slots(ctx.protocol, code)}
        self.intro.setText(
            f"<b>{panel.subject_id} · {code}</b><br>"
            + (tr("Times count from this visit's dose.") if panel.own_dose else
               tr("Times count from the {dose_of} dose ({dose_at}).").format(
                       dose_of=panel.dose_of,
                       dose_at=fmt_datetime(panel.dose_at) or tr('not recorded yet')))
            + (f"<br>{panel.note}" if panel.note else ""))
        self.intro.show()
        if panel.own_dose:
            day = panel.dose_at.date() if panel.dose_at else (panel.visit_date or ctx.today())
            dose_date = self.date_field("dose_date", tr("Dose date"), day)
            # no dose time yet: the visit's recorded time is offered (the dose is given then)
            dose_time = self.time_field("dose_time", tr("Dose time"),
                            panel.dose_at.time() if panel.dose_at else panel.visit_time)
            dose_time.textChanged.connect(self.recompute)
            dose_date.changed.connect(self.recompute)
        self.table = EntryTable(len(panel.tubes), [tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setMinimumWidth(900)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegateForColumn(NOT_COLLECTED, SuggestionDelegate(
            lambda: [tr(r) for r in NOT_COLLECTED_REASONS], self.table))
        header = self.table.horizontalHeaderItem(NOT_COLLECTED)
        if header is not None:
            header.setToolTip(tr("Type the reason or pick a usual one (Alt+Down lists them)"))
        for row, tube in enumerate(panel.tubes):
            for col in range(len(COLUMNS)):
                typed = col in (COLLECTED, NOT_COLLECTED)  # the rest is shown, not typed
                self.table.setItem(row, col, QTableWidgetItem("") if typed else fixed_item(""))
            self.table.cell(row, 0).setText(tube.label)
            self.table.cell(row, 0).setData(Qt.ItemDataRole.UserRole, tube.timepoint)
            self.table.cell(row, COLLECTED).setText(
                tube.collected_at.strftime("%H:%M") if tube.collected_at else "")
            self.table.cell(row, NOT_COLLECTED).setText(tube.not_collected_reason or "")
            self.table.cell(row, SAMPLE_ID).setText(tube.sample_id)
        self.table.setMinimumHeight(60 + 30 * len(panel.tubes))
        self.form.addRow(self.table)
        self.fields["samples"] = self.table
        saved = panel.dose_at is not None or any(
            t.collected_at or t.not_collected_reason for t in panel.tubes)
        self.reason_field(saved)
        self.status = QLabel()
        self.form.addRow(self.status)
        self.labels_button = QPushButton(tr("Print tube labels…"))
        self.labels_button.setToolTip(tr("A PDF of this visit's tube labels: sample ID and Code128 "
                                      "barcode"))
        self.labels_button.clicked.connect(lambda: self.print_labels())
        self.buttons.addButton(self.labels_button, QDialogButtonBox.ButtonRole.ActionRole)
        if ctx.protocol.specimens is not None:  # the lab manual's spin and freeze clocks
            self.bench_button = QPushButton(tr("At the bench…"))
            self.bench_button.setToolTip(tr("The tubes' spin and freeze clocks; F7, F8 record "
                                            "them"))
            self.bench_button.clicked.connect(lambda: self.open_bench())
            self.buttons.addButton(self.bench_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.table.itemChanged.connect(lambda _item: self.recompute())
        if saved:
            from app.services.history import pk_sample_ids

            self.add_history(tr("{subject_id} {code}: PK samples").format(
                    subject_id=panel.subject_id, code=code), "pk_sample",
                             pk_sample_ids(ctx.db, patient_id, code))
        self.recompute()

    # --- the clock ----------------------------------------------------------------------
    def dose_at(self) -> datetime | None:
        if not self.panel.own_dose:
            return self.panel.dose_at
        day = self.read_date("dose_date", tr("Dose date"))
        clock = self.read_time("dose_time", tr("Dose time"))
        if not (day and clock):
            return None
        try:
            return local_instant(day, clock, self.ctx.zone())
        except TimeProblem as exc:
            raise InvalidEntry("dose_time", said(exc)) from None

    def recompute(self) -> None:
        """Due times from the dose as soon as it is typed; each typed tube's deviation at once."""
        self.table.blockSignals(True)
        try:
            try:
                dose = self.dose_at()
            except InvalidEntry:
                dose = None
            for row in range(self.table.rowCount()):
                slot = self.slots[self._timepoint(row)]
                due = pk.times_for(slot, dose) if dose else None
                self.table.cell(row, DUE).setText(f"{due.nominal:%H:%M}" if due else "")
                self.table.cell(row, WINDOW).setText(
                    tr("{earliest:%H:%M} to {latest:%H:%M}").format(
                            earliest=due.earliest, latest=due.latest) if due else "")
                self._deviation(row, due, dose)
            self.status.setText("" if dose else tr("Enter the dose time to see when each tube "
                                                "is due."))
        finally:
            self.table.blockSignals(False)

    def _timepoint(self, row: int) -> str:
        """The timepoint a row's tube is for (the protocol's id)."""
        return str(self.table.cell(row, 0).data(Qt.ItemDataRole.UserRole))

    def _deviation(self, row: int, due: pk.SampleTime | None, dose: datetime | None) -> None:
        cell = self.table.cell(row, DEVIATION)
        collected = self.table.cell(row, COLLECTED)
        cell.setText("")
        for item in (cell, collected):
            item.setBackground(QBrush())
            item.setForeground(QBrush())
        text = collected.text().strip()
        if not text or due is None:
            return
        try:
            at = pk.nearest_datetime(due.nominal, _typed_time(text))
            result = pk.check(due, at, dose)
        except pk.PkError as exc:
            cell.setText(tr("impossible time"))
            cell.setToolTip(said(exc))
            foreground, background = pick_pair(RESULT_OUT)
        except TimeProblem as exc:
            cell.setText(tr("no such time (clocks changed)"))
            cell.setToolTip(said(exc))
            foreground, background = pick_pair(RESULT_OUT)
        except ValueError as exc:
            cell.setText(tr("not a time (HH:MM)"))
            cell.setToolTip(said(exc))
            foreground, background = pick_pair(RESULT_OUT)
        else:
            cell.setText(pk.SampleCheck(result.deviation_min, result.within).text
                         + ("" if result.within else tr("  OUT OF TOLERANCE")))
            foreground, background = pick_pair(RESULT_OK if result.within else RESULT_OUT)
        for item in (cell, collected):
            item.setBackground(QBrush(background))
            item.setForeground(QBrush(foreground))

    def entries(self) -> list[SampleEntry]:
        dose = self.dose_at()
        out: list[SampleEntry] = []
        for row in range(self.table.rowCount()):
            tp = self._timepoint(row)
            text = self.table.cell(row, COLLECTED).text().strip()
            reason = self.table.cell(row, NOT_COLLECTED).text().strip() or None
            if reason is not None and reason.rstrip(":") in (
                    "Other", tr(NOT_COLLECTED_REASONS[-1]).strip().rstrip(":")):
                raise InvalidEntry(f"sample:{tp}", tr(
                    "{tube}: say what the other reason was (after 'Other:')").format(
                        tube=self.slots[tp].label))
            collected = None
            if text:
                try:
                    clock = _typed_time(text)
                except ValueError as exc:
                    raise InvalidEntry(f"sample:{tp}",
                                       labelled(self.slots[tp].label, exc)) from None
                if dose is None:
                    raise InvalidEntry("dose_time" if self.panel.own_dose else "samples",
                                       tr("Enter the dose time first: the samples count from it"))
                try:
                    collected = pk.nearest_datetime(
                        pk.times_for(self.slots[tp], dose).nominal, clock)
                except TimeProblem as exc:
                    raise InvalidEntry(f"sample:{tp}",
                                       labelled(self.slots[tp].label, exc)) from None
            out.append(SampleEntry(tp, collected, reason))
        return out

    def show_error(self, field: str, message: str) -> None:
        if field.startswith("sample:"):
            tp = field.split(":", 1)[1]
            for row in range(self.table.rowCount()):
                if self._timepoint(row) == tp:
                    self.table.setCurrentCell(row, COLLECTED)
            field = "samples"
        elif field == "dose_at":
            field = "dose_time" if self.panel.own_dose else "samples"
        super().show_error(field, message)

    def open_bench(self) -> QWidget:
        """This visit's drawn tubes at the bench: spin and freeze with F7 and F8."""
        from ui.specimen_bench import BenchDialog

        bench = BenchDialog(self.ctx, frozenset(t.sample_id for t in self.panel.tubes),
                            tr("{subject_id} {code}: at the bench").format(
                                subject_id=self.panel.subject_id, code=self.code), self)
        bench.open()
        return bench

    def print_labels(self, path: str | None = None) -> None:
        from reports.pk_labels import write_pk_labels

        if not path:
            path = save_path(
                self, tr("Tube labels"), suggested_file(self.panel.subject_id, self.code,
                                                        "PK labels",
                                                    day=self.ctx.today(), ending=".pdf"),
                tr("PDF files (*.pdf)"))
        if not path:
            return
        try:
            n = write_pk_labels(pk_service.pk_panel(self.ctx.db, self.ctx.protocol,
                                                    self.patient_id, self.code), Path(path))
        except OSError as exc:
            self.show_error("samples", tr("Cannot write {path}: {problem}").format(
                    path=path, problem=exc.strerror or exc))
            return
        self.status.setText(tr("{n} labels written to {path}").format(n=n, path=path))

    def save(self) -> None:
        def act() -> None:
            pk_service.save_pk(self.ctx.db, self.ctx.protocol, self.patient_id, self.code,
                               self.dose_at() if self.panel.own_dose else None, self.entries(),
                               self.ctx.today(), reason=self.read_text("reason") or None,
                               base=self.panel.as_read(), version=self.version)
        if self.attempt(act):
            self.accept()


def _typed_time(text: str) -> time:
    """A time typed in a tube's cell (not empty): ValueError when it is not one."""
    clock = parse_user_time(text)
    if clock is None:
        raise ValueError(tr("not a time (HH:MM)"))
    return clock
