"""One patient's scans on their page: every scan from the baseline on, each evaluated by
RECIST 1.1, opened again (Enter or a double click) to correct it with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.rules.dates import fmt_date
from app.rules.endpoints import NO_ASSESSMENT_YET
from app.rules.recist import Assessment
from app.services import response as resp
from app.services.corrections import removed_records
from ui.context import Context
from ui.i18n import tr
from ui.row_table import RowTable
from ui.scan_dialog import ScanDialog
from ui.table_model import Column, RowTableModel


@dataclass(frozen=True)
class ScanLine:
    """A scan as the tab lists it (computed: nothing here is typed)."""

    scan_id: int
    day: date
    kind: str  # "Baseline" | "Follow-up"
    sum_mm: Decimal | None
    vs_baseline: str = ""
    vs_nadir: str = ""
    target: str = ""
    non_target: str = ""
    overall: str = ""
    counts: str = ""
    removed_reason: str | None = None  # entered in error (shown with "Show entered in error")


def _pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+.1f} %"


def _sum(a: Assessment) -> Decimal | None:
    sizes = [t.size() for t in a.targets]
    known = [s for s in sizes if s is not None]
    return sum(known, Decimal(0)) if known and len(known) == len(sizes) else None


def scan_lines(result: resp.PatientResponse) -> list[ScanLine]:
    """The baseline and every follow-up scan, with its evaluation where it has one."""
    ev = result.evaluation
    points = {t.date: t for t in (ev.timepoints if ev else ())}
    lines = []
    for scan_id, a in zip(result.scan_ids, result.assessments, strict=False):
        t = points.get(a.date)
        if a.baseline or t is None:
            lines.append(ScanLine(scan_id, a.date,
                                  tr("Baseline") if a.baseline else tr("Follow-up"),
                                  _sum(a), overall="baseline" if a.baseline else ""))
            continue
        lines.append(ScanLine(
            scan_id, a.date, tr("Follow-up"), t.sum_mm, _pct(t.change_from_baseline_pct),
            _pct(t.change_from_nadir_pct), t.target or "",
            (t.non_target or "").replace("NON_CR_NON_PD", "non-CR/non-PD"), t.overall,
            (t.note or tr("yes")) if t.counts else tr("no: {note}").format(note=t.note)))
    return lines


def awaiting_text(result: resp.PatientResponse, first_dose: date | None) -> str:
    """A baseline and no assessment after it yet, said as it is: nothing is judged yet."""
    base = next((a.date for a in result.assessments if a.baseline), None)
    since = tr(" (baseline {baseline})").format(baseline=fmt_date(base)) if base else ""
    if first_dose is None:
        return tr("<b>No assessment after the baseline yet</b>{since}: the best overall "
                  "response stays NE (not evaluable) until the first follow-up scan; PFS "
                  "counts from the first dose, not given yet.").format(since=since)
    return (tr("<b>No assessment after the baseline yet</b>{since}: the best overall "
               "response stays NE (not evaluable) until the first follow-up scan. PFS is "
               "censored at day 1 ({first_dose}, the first dose), as the censoring rule in "
               "force says for a patient with no assessment after baseline; it will change "
               "at the first scan.").format(since=since, first_dose=fmt_date(first_dose)))


class ResponseTab(QWidget):
    """One patient's scans evaluated: each timepoint, the best overall response, endpoints."""

    #: a scan was saved: the page around refreshes (the scan completes its visit)
    saved = Signal()

    def __init__(self, ctx: Context, patient_id: int, subject: str,
                 parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx, self.patient_id, self.subject = ctx, patient_id, subject
        self.result = resp.PatientResponse(None, None, [], [])
        self.show_removed = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.record_button = QPushButton(tr("Record a scan…"))
        self.record_button.clicked.connect(lambda: self.record())
        bar.addWidget(self.record_button)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(tr("Date"), lambda s: fmt_date(s.day), lambda s: s.day),
            Column(tr("Scan"), lambda s: s.kind),
            Column(tr("Sum (mm)"), lambda s: "" if s.sum_mm is None else f"{s.sum_mm}",
                   lambda s: s.sum_mm),
            Column(tr("vs baseline"), lambda s: s.vs_baseline),
            Column(tr("vs nadir"), lambda s: s.vs_nadir),
            Column(tr("Target"), lambda s: s.target),
            Column(tr("Non-target"), lambda s: s.non_target),
            Column(tr("Overall"), lambda s: s.overall),
            Column(tr("Counts?"), lambda s: s.counts),
        ])
        self.table = RowTable(self.model)  # read-only: computed, corrected through a scan
        self.table.setAccessibleName(tr("Scans and their responses"))
        self.table.setToolTip(tr("Enter or a double click opens the scan to correct it"))
        self.table.opened.connect(lambda line: self.correct(line))
        layout.addWidget(self.table)
        if load:  # (the patient's page reads it when the tab is first shown)
            self.refresh()

    def refresh(self) -> None:
        result = resp.patient_response(self.ctx.db, self.ctx.protocol, self.patient_id,
                                       self.ctx.today())
        self.result = result
        lines = scan_lines(result)
        if self.show_removed:
            lines += [ScanLine(r.id, r.day or date.min, tr("Scan"), None,
                               removed_reason=r.removed_reason)
                      for r in removed_records(self.ctx.db, self.patient_id)
                      if r.kind == "scan"]
        self.model.set_rows(lines)
        ev = result.evaluation
        if not result.scan_ids:
            self.summary.setText(tr("No scans yet: record the baseline scan."))
            return
        if ev is None:
            self.summary.setText(tr("The calendar has no C1D1 yet to count the days from."))
            return
        e = result.endpoints
        if (e is None and not ev.timepoints) or (e is not None
                                                 and e.pfs.why == NO_ASSESSMENT_YET):
            self.summary.setText(awaiting_text(result, e.pfs.start if e else None))
            return
        parts = [tr("Best overall response: <b>{best_overall_response}</b>").format(
                best_overall_response=ev.best_overall_response)]
        if ev.confirmed_on:
            parts.append(tr("confirmed {confirmed_on}").format(
                    confirmed_on=fmt_date(ev.confirmed_on)))
        if ev.first_progression_date:
            parts.append(tr("first progression {first_progression_date}").format(
                    first_progression_date=fmt_date(ev.first_progression_date)))
        if e:
            parts.append(tr("PFS {months:.1f} months ({why})").format(
                    months=e.pfs.months, why=tr(e.pfs.why)))
        self.summary.setText(" · ".join(parts))

    def selected(self) -> ScanLine | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def previous_lesions(self) -> list[resp.LesionEntry]:
        """The baseline's lesions, offered again for the next scan."""
        base = next((a for a in self.result.assessments if a.baseline), None)
        if base is None:
            return []
        return ([resp.LesionEntry(t.id, "target", t.organ, t.nodal) for t in base.targets]
                + [resp.LesionEntry(n.id, "non_target", n.organ, n.nodal)
                   for n in base.non_targets])

    def dialog(self, line: ScanLine | None = None) -> ScanDialog:
        """A new scan's dialog, or a saved scan's to correct."""
        if line is None:
            return ScanDialog(self.ctx, self.patient_id, self.subject,
                              self.previous_lesions(), self)
        index = self.result.scan_ids.index(line.scan_id)
        return ScanDialog(self.ctx, self.patient_id, self.subject, parent=self,
                          saved=(line.scan_id, self.result.assessments[index]))

    def record(self) -> None:
        self._run(self.dialog(), tr("Scan saved; responses re-evaluated"))

    def correct(self, line: ScanLine) -> None:
        if line.removed_reason is not None or line.scan_id not in self.result.scan_ids:
            return  # entered in error: kept as it was
        self._run(self.dialog(line), tr("Scan corrected; responses re-evaluated"))

    def _run(self, dialog: ScanDialog, message: str) -> None:
        if self.dialog_exec(dialog):
            self.refresh()
            self.saved.emit()
            bar = getattr(self.window(), "statusBar", None)  # a main window's, when in one
            if bar is not None:
                bar().showMessage(message, 4000)

    def dialog_exec(self, dialog: ScanDialog) -> bool:
        return bool(dialog.exec())
