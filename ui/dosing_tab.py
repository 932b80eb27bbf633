"""The patient's Dosing tab: the dose level today, holds, dose modifications (with the AE that
caused them), study drug dispensed and returned, and compliance per cycle."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.rules.dates import fmt_date
from app.rules.dosing import MOD_KINDS, Modification, ModKind
from app.services.adverse_events import patient_aes
from app.services.dosing import (
    DosingPage,
    ModificationRow,
    SupplyForm,
    SupplyRow,
    dosing_page,
    save_modification,
    save_supply,
)
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel


def _count_box(value: int | None, most: int = 9999) -> QSpinBox:
    """A count that may be left empty (shown blank at 0 until typed)."""
    box = QSpinBox()
    box.setRange(-1, most)
    box.setSpecialValueText(" ")
    box.setValue(-1 if value is None else value)
    return box


def _count_of(box: QWidget) -> int | None:
    value = box.value()  # type: ignore[attr-defined]
    return None if value < 0 else int(value)


class ModificationDialog(FormDialog):
    """A dose reduction, re-escalation or hold: from when, to what, why, which AE."""
    help_page = "dosing"
    first_field = "kind"

    def __init__(self, ctx: Context, patient_id: int, row: ModificationRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Dose modification"), parent)
        self.ctx, self.patient_id, self.row = ctx, patient_id, row
        m = row.mod if row else None
        dosing = ctx.protocol.dosing
        ladder = dosing.ladder if dosing else ()
        self.choice("kind", tr("What changed"), [("", None)] + [
            (tr(k.value.capitalize()), k.value) for k in MOD_KINDS], m.kind if m else None)
        self.date_field("start", tr("From"), m.start if m else None)
        self.date_field("end", tr("Last day held (a hold)"), m.end if m else None)
        self.choice("to_level", tr("New dose level"), [("", None)] + [
            (ctx.protocol.dose_text(c), c) for c in reversed(ladder)], m.to_level if m else None)
        self.line("why", tr("Why"), m.reason if m else "")
        aes = patient_aes(ctx.db, patient_id, ctx.now())
        self.choice("ae", tr("Caused by the AE"), [("", None)] + [
            (tr("{name} (onset {onset_text})").format(
                    name=a.name, onset_text=a.onset_text), a.id) for a in aes],
            m.ae_id if m else None)
        self.reason_field(row is not None)
        self.fields["kind"].currentIndexChanged.connect(self._fit)  # type: ignore[attr-defined]
        self._fit()
        if row is not None:
            self.version = row.version
            self.add_history(tr("Dose modification"), "dose_modification", m.id if m else 0)

    def _fit(self) -> None:
        hold = self.read_choice("kind") == ModKind.HOLD
        self.fields["end"].setEnabled(hold)
        self.fields["to_level"].setEnabled(not hold)

    def save(self) -> None:
        def act() -> None:
            hold = self.read_choice("kind") == ModKind.HOLD
            m = Modification(
                self.read_choice("kind") or "", self.read_date("start", tr("From")) or
                _missing("start", tr("Give the day the modification starts")),
                self.read_date("end", tr("Last day held")) if hold else None,
                to_level=None if hold else self.read_choice("to_level"),
                reason=self.read_text("why"), ae_id=self.read_choice("ae"),
                id=self.row.mod.id if self.row else None)
            save_modification(self.ctx.db, self.patient_id, m, self.ctx.today(),
                              self.read_text("reason") or None,
                              self.version if isinstance(self.version, int) else None)
        if self.attempt(act):
            self.accept()


def _missing(field: str, message: str):  # type: ignore[no-untyped-def]
    from app.errors import InvalidEntry

    raise InvalidEntry(field, message)


class SupplyDialog(FormDialog):
    """Study drug dispensed for a cycle; later the tablets returned and the diary."""
    help_page = "dosing"

    def __init__(self, ctx: Context, patient_id: int, row: SupplyRow | None = None,
                 next_cycle: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(tr("Dispensing"), parent)
        self.ctx, self.patient_id, self.row = ctx, patient_id, row
        self.add("cycle", tr("Cycle"), _count_box(row.cycle if row else next_cycle, 99))
        self.date_field("dispensed_on", tr("Dispensed on"), row.dispensed_on if row else None)
        self.line("lot", tr("Lot number"), row.lot if row else "")
        self.add("dispensed", tr("Tablets dispensed"), _count_box(row.dispensed if row else None))
        self.date_field("returned_on", tr("Returned on"), row.returned_on if row else None)
        self.add("returned", tr("Tablets returned"), _count_box(row.returned if row else None))
        self.add("missed_doses", tr("Missed doses (diary)"),
                 _count_box(row.missed_doses if row else None, 999))
        self.text_box("comment", tr("Comment"), (row.comment or "") if row else "")
        self.reason_field(row is not None)
        if row is not None:
            self.version = row.version
            self.add_history(tr("Dispensing, cycle {cycle}").format(
                    cycle=row.cycle), "dispensing", row.id)

    def save(self) -> None:
        def act() -> None:
            form = SupplyForm(_count_of(self.fields["cycle"]),
                              self.read_date("dispensed_on", tr("Dispensed on")),
                              self.read_text("lot"), _count_of(self.fields["dispensed"]),
                              self.read_date("returned_on", tr("Returned on")),
                              _count_of(self.fields["returned"]),
                              _count_of(self.fields["missed_doses"]),
                              self.read_text("comment") or None)
            save_supply(self.ctx.db, self.patient_id, form, self.ctx.today(),
                        self.row.id if self.row else None, self.read_text("reason") or None,
                        self.version if isinstance(self.version, int) else None)
        if self.attempt(act):
            self.accept()


def _mod_change(r: ModificationRow) -> str:
    m = r.mod
    if m.kind == ModKind.HOLD:
        return tr("held to ") + (fmt_date(m.end) if m.end else tr("(ongoing)"))
    return tr("{from_level} to {to_level}").format(from_level=m.from_level or "?",
                                                  to_level=m.to_level or "?")


class DosingTab(QWidget):
    """Read when first shown; every save refreshes it and the page around it."""

    saved = Signal()

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.page: DosingPage | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.modify_button = QPushButton(tr("Dose modification…"))
        self.modify_button.setToolTip(tr("Record a dose reduction, re-escalation or hold"))
        self.modify_button.clicked.connect(lambda: self.modify())
        self.dispense_button = QPushButton(tr("Dispensing…"))
        self.dispense_button.setToolTip(tr("Record study drug dispensed for a cycle"))
        self.dispense_button.clicked.connect(lambda: self.dispense())
        bar.addWidget(self.modify_button)
        bar.addWidget(self.dispense_button)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        self.mods = RowTableModel([
            Column(tr("From"), lambda r: fmt_date(r.mod.start), lambda r: r.mod.start),
            Column(tr("What"), lambda r: tr(r.mod.kind.capitalize())),
            Column(tr("Change"), _mod_change),
            Column(tr("Why"), lambda r: r.mod.reason),
            Column(tr("Adverse event"), lambda r: r.ae_name)])
        self.mod_table = RowTable(self.mods)
        self.mod_table.setAccessibleName(tr("Dose modifications"))
        self.mod_table.setToolTip(
            tr("Enter or a double click opens the modification to correct it"))
        self.mod_table.opened.connect(lambda r: self.modify(r))
        layout.addWidget(QLabel(tr("Dose modifications and holds")))
        layout.addWidget(self.mod_table, 1)
        self.supplies = RowTableModel([
            Column(tr("Cycle"), lambda s: str(s.cycle), lambda s: s.cycle),
            Column(tr("Dispensed on"), lambda s: fmt_date(s.dispensed_on),
                   lambda s: s.dispensed_on),
            Column(tr("Lot"), lambda s: s.lot),
            Column(tr("Tablets out"), lambda s: str(s.dispensed)),
            Column(tr("Returned on"), lambda s: fmt_date(s.returned_on) if s.returned_on else ""),
            Column(tr("Tablets back"), lambda s: "" if s.returned is None else str(s.returned)),
            Column(tr("Missed (diary)"), lambda s: "" if s.missed_doses is None
                   else str(s.missed_doses)),
            Column(tr("Cycle compliance"), self._compliance_of)])
        self.supply_table = RowTable(self.supplies)
        self.supply_table.setAccessibleName(tr("Study drug dispensed"))
        self.supply_table.setToolTip(tr("Enter or a double click opens it: add what came back"))
        self.supply_table.opened.connect(lambda s: self.dispense(s))
        layout.addWidget(QLabel(tr("Study drug dispensed and returned")))
        layout.addWidget(self.supply_table, 1)
        self.last_table: RowTable = self.mod_table
        for t in (self.mod_table, self.supply_table):
            t.clicked.connect(lambda _i, t=t: setattr(self, "last_table", t))

    def _compliance_of(self, s: SupplyRow) -> str:
        found = next((c for c in self.page.compliance if c.cycle == s.cycle), None) \
            if self.page else None
        return said(found.text) if found else ""

    def refresh(self) -> None:
        usable = self.ctx.protocol.dosing is not None
        self.modify_button.setEnabled(usable)
        self.dispense_button.setEnabled(usable)
        page = self.page = dosing_page(self.ctx.db, self.patient_id, self.ctx.today())
        self.mods.set_rows(page.modifications)
        self.supplies.set_rows(page.supplies)
        if not usable:
            self.summary.setText(tr("This study's protocol has no [dosing] section: doses are "
                                 "recorded at the visits only."))
            return
        dose = self.ctx.protocol.dose_text
        when = (tr("at the last dose ({last_dose})").format(
                last_dose=fmt_date(page.last_dose)) if page.last_dose
                else tr("today"))
        parts = [tr("Dose level {when}: <b>{level_today}</b>").format(
                when=when, level_today=dose(page.level_today))]
        if page.level_today != page.enrolled_level:
            parts.append(tr("enrolled at {enrolled_level}").format(
                    enrolled_level=dose(page.enrolled_level)))
        if page.held_since:
            parts.append(tr("<b>held since {held_since}</b>").format(
                    held_since=fmt_date(page.held_since)))
        if page.overrun:
            parts.append(f"<span style='color:#b91c1c'><b>{page.overrun}</b></span>")
        self.summary.setText(" · ".join(parts))

    def selected_record(self) -> tuple[str, int, str] | None:
        """The modification or dispensing selected (the table last clicked or focused)."""
        table = self.supply_table if self.supply_table.hasFocus() else (
            self.mod_table if self.mod_table.hasFocus() else self.last_table)
        index = table.currentIndex()
        if not index.isValid():
            return None
        if table is self.mod_table:
            r = self.mods.row_at(index.row())
            return "dose_modification", r.mod.id, tr("Dose {kind} from {start}").format(
                    kind=r.mod.kind, start=fmt_date(r.mod.start))
        s = self.supplies.row_at(index.row())
        return "dispensing", s.id, tr("Cycle {cycle} dispensing, lot {lot}").format(
                cycle=s.cycle, lot=s.lot)

    def _run(self, dialog: FormDialog) -> bool:
        if self.dialog_exec(dialog):
            self.refresh()
            self.saved.emit()
            return True
        return False

    def dialog_exec(self, dialog: FormDialog) -> bool:
        return bool(dialog.exec())

    def modify(self, row: ModificationRow | None = None) -> None:
        self._run(ModificationDialog(self.ctx, self.patient_id, row, self))

    def dispense(self, row: SupplyRow | None = None) -> None:
        cycles = [s.cycle for s in self.page.supplies] if self.page else []
        self._run(SupplyDialog(self.ctx, self.patient_id, row,
                               (max(cycles) + 1) if cycles else 1, self))
