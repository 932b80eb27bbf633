"""The visit dialog's vital signs and ECG: one field per reading the protocol takes at the
visit (unit in the label, the usual range as the hint), BSA and QTcF computed as they are
typed, and a reading outside its usual range saved only once the user confirms it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox

from app.rules.vitals import Implausible, number_text
from app.services.vitals import VisitReadings, computed_preview, visit_readings
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr


class VitalsSection:
    """Built into a FormDialog's form, after the fields already there."""

    def __init__(self, dialog: FormDialog, ctx: Context, patient_id: int, code: str) -> None:
        self.dialog = dialog
        self.visit: VisitReadings = visit_readings(ctx.db, patient_id, code)
        self.edits: dict[str, QLineEdit] = {}
        self.computed: dict[str, QLabel] = {}
        if not self.visit.measures:
            return
        heading = QLabel(tr("<b>Vital signs and ECG</b>"))
        dialog.form.addRow(heading)
        for m in self.visit.measures:
            label = f"{m.label} ({m.unit})" if m.unit else m.label
            if m.computed:
                shown = QLabel()
                shown.setAccessibleName(label)
                dialog.form.addRow(label, shown)
                self.computed[m.code] = shown
                continue
            edit = dialog.line(m.code, label, self.visit.typed.get(m.code, ""),
                               placeholder=tr("usually {low} to {high}").format(
                                   low=number_text(m, m.plausible[0]),
                                   high=number_text(m, m.plausible[1])))
            edit.textChanged.connect(self.update)
            self.edits[m.code] = edit
        self.update()

    def typed(self) -> dict[str, str] | None:
        """What was typed, by reading code (None: the protocol takes no readings here)."""
        if not self.visit.measures:
            return None
        return {code: edit.text() for code, edit in self.edits.items()}

    def update(self) -> None:
        shown = computed_preview(self.visit, self.typed() or {})
        for code, label in self.computed.items():
            label.setText(shown.get(code, "") or tr("(computed)"))

    def save(self, run: Callable[[Sequence[str]], None]) -> None:
        """`run(confirmed)` saves; readings outside their usual range are asked about, and
        saved only when the user says they are right."""
        confirmed: list[str] = []
        while True:
            try:
                run(tuple(confirmed))
                return
            except Implausible as exc:
                answer = QMessageBox.question(
                    self.dialog, tr("Outside the usual range"),
                    tr("{message}.\n\nAre these readings right? Save them as typed?").format(
                        message=said(exc)),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    raise
                confirmed.extend(c for c in exc.codes if c not in confirmed)
