"""A scan's dialog: its lesions typed cell by cell (targets measured, non-targets by
status), or only the investigator's overall response."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from app.rules.dates import fmt_date
from app.rules.entry.scans import LesionEntry, ScanForm
from app.rules.recist import NON_TARGET_STATUSES, RESPONSES, Assessment
from app.services import response as resp
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.entry_table import (
    ChoiceDelegate,
    EntryTable,
    cell_data,
    cell_text,
    check_item,
    choice_of,
    fixed_item,
    is_checked,
    set_choice,
)
from ui.forms import FormDialog
from ui.i18n import QT_TR_NOOP, tr

LESION_COLUMNS = [QT_TR_NOOP("Lesion"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Organ"),
                  QT_TR_NOOP("Lymph node"), "mm", QT_TR_NOOP("Too small"),
                  QT_TR_NOOP("Not assessed"), QT_TR_NOOP("Non-target status")]
STATUS = 7  # the non-target status column
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the lesion's kind as stored ("target", "non_target")
KINDS = {"target": QT_TR_NOOP("Target"), "non_target": QT_TR_NOOP("Non-target")}
STATUS_CHOICES: list[tuple[str, object]] = [(s.replace("_", " ").capitalize(), s)
                                            for s in NON_TARGET_STATUSES]


def status_choices() -> list[tuple[str, object]]:
    """A non-target lesion's statuses in the user's words (stored as the protocol's)."""
    return [(tr(text), value) for text, value in STATUS_CHOICES]


class ScanDialog(FormDialog):
    """One scan: its lesions (targets measured, non-targets by status), or only the
    investigator's overall response for sites that record just that."""
    help_page = "scan"

    def __init__(self, ctx: Context, patient_id: int, subject: str,
                 previous: list[LesionEntry] | None = None, parent: QWidget | None = None,
                 saved: tuple[int, Assessment] | None = None) -> None:
        super().__init__(tr("{subject}: tumour assessment").format(subject=subject), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.scan_id = saved[0] if saved else None
        self.intro.setText(tr("<b>{subject}</b> · RECIST 1.1: at most 5 targets, 2 per "
                              "organ; non-nodal targets 10 mm or more, nodal 15 mm short "
                              "axis or more. Too small to measure counts 5 mm; gone "
                              "counts 0 mm.").format(subject=subject))
        self.intro.show()
        self.scan_date = self.date_field("scan_date", tr("Scan date"), ctx.today())
        self.modality = self.choice("modality", tr("Modality"), [("CT", "CT"), ("MRI", "MRI"),
                                                 (tr("PET-CT"), "PET-CT"),
                                             (tr("X-ray"), "X-ray")])
        self.baseline = self.add("baseline", "", QCheckBox(
            tr("Baseline scan (chooses the target and non-target lesions)")))
        self.new_lesion = self.add("new_lesion", "", QCheckBox(tr("New lesion(s) found")))
        self.overall = self.choice(
            "overall", tr("Investigator's overall response (only without lesions)"),
            [("", None)] + [(r, r) for r in RESPONSES])
        self.table = EntryTable(0, [tr(c) for c in LESION_COLUMNS])
        self.table.setItemDelegateForColumn(STATUS, ChoiceDelegate(self._statuses, self.table))
        self.table.setMinimumWidth(820)
        self.table.setMinimumHeight(200)
        self.add("lesions", tr("Lesions"), self.table)
        buttons = QHBoxLayout()
        add_target = QPushButton(tr("Add a target lesion"))
        add_non_target = QPushButton(tr("Add a non-target lesion"))
        add_target.clicked.connect(lambda: self._new_lesion("target"))
        add_non_target.clicked.connect(lambda: self._new_lesion("non_target"))
        buttons.addWidget(add_target)
        buttons.addWidget(add_non_target)
        buttons.addStretch(1)
        self.form.addRow("", _wrap(buttons))
        for lesion in previous or []:  # the lesions followed since baseline, to measure again
            self.add_lesion(lesion.kind, lesion)
        self.reason_field(saved is not None)
        if saved is not None:
            self._show_saved(subject, *saved)

    def _show_saved(self, subject: str, scan_id: int, a: Assessment) -> None:
        """A saved scan, to correct (with a reason): as it was entered."""
        self.scan_date.set_date(a.date)
        _choose(self.modality, a.modality)
        self.baseline.setChecked(a.baseline)
        self.new_lesion.setChecked(a.new_lesion)
        _choose(self.overall, a.overall)
        for t in a.targets:
            self.add_lesion("target", LesionEntry(t.id, "target", t.organ, t.nodal, t.mm,
                                                   t.too_small, t.not_assessed))
        for n in a.non_targets:
            self.add_lesion("non_target", LesionEntry(n.id, "non_target", n.organ,
                                                       n.nodal, n.mm, status=n.status))
        self.add_history(tr("{subject}: scan {date}").format(
                subject=subject, date=fmt_date(a.date)), "tumour_assessment", scan_id)

    def _statuses(self, row: int) -> list[tuple[str, object]]:
        """A non-target lesion's statuses (a target lesion is measured instead)."""
        return status_choices() if self._kind(row) == "non_target" else []

    def _kind(self, row: int) -> object:
        """A lesion row's kind as stored ("target", "non_target")."""
        return cell_data(self.table, row, 1, KIND_ROLE)

    def _new_lesion(self, kind: str) -> None:
        """A new row, and the keyboard in it, on its organ."""
        self.add_lesion(kind)
        self.table.setFocus()

    def add_lesion(self, kind: str, lesion: LesionEntry | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        count = sum(1 for r in range(row) if self._kind(r) == kind)
        default_id = f"{'T' if kind == 'target' else 'NT'}{count + 1}"
        self.table.setItem(row, 0, QTableWidgetItem(lesion.lesion_id if lesion else default_id))
        kind_item = fixed_item(tr(KINDS[kind]))
        kind_item.setData(KIND_ROLE, kind)
        self.table.setItem(row, 1, kind_item)
        self.table.setItem(row, 2, QTableWidgetItem(lesion.organ if lesion else ""))
        self.table.setItem(row, 3, check_item(lesion.nodal if lesion else False))
        mm = lesion.mm if lesion else None
        self.table.setItem(row, 4, QTableWidgetItem("" if mm is None else f"{mm:g}"))
        self.table.setItem(row, 5, check_item(bool(lesion and lesion.too_small)))
        self.table.setItem(row, 6, check_item(bool(lesion and lesion.not_assessed)))
        status = QTableWidgetItem() if kind == "non_target" else fixed_item("")
        self.table.setItem(row, STATUS, status)
        if kind == "non_target":
            # chosen at each scan (a baseline's blank is "present"): never assumed
            set_choice(status, status_choices(), lesion.status if lesion else None)
        self.table.setCurrentCell(row, 2 if lesion is None else 4)
        return row

    def collect(self) -> ScanForm:
        lesions: list[LesionEntry] = []
        for row in range(self.table.rowCount()):
            lid = cell_text(self.table, row, 0)
            kind = str(self._kind(row))
            text = cell_text(self.table, row, 4).replace(",", ".")
            try:
                size = Decimal(text) if text else None
            except InvalidOperation:
                raise InvalidEntry("lesions", tr("Lesion {lid}: '{text}' is not a size in "
                                                 "mm").format(lid=lid, text=text)) \
                    from None
            status = choice_of(self.table.item(row, STATUS)) if kind == "non_target" else None
            lesions.append(LesionEntry(
                lid, kind, cell_text(self.table, row, 2), is_checked(self.table, row, 3), size,
                is_checked(self.table, row, 5), is_checked(self.table, row, 6),
                None if status is None else str(status)))
        return ScanForm(
            scan_date=self.read_date("scan_date", tr("Scan date")),
            modality=self.read_choice("modality"),
            baseline=self.baseline.isChecked(),
            new_lesion=self.new_lesion.isChecked(),
            overall=self.read_choice("overall"), lesions=lesions)

    def save(self) -> None:
        def act() -> None:
            resp.save_scan(self.ctx.db, self.ctx.protocol, self.patient_id, self.collect(),
                           self.ctx.today(), scan_id=self.scan_id,
                           reason=self.read_text("reason") or None)
        if self.attempt(act):
            self.accept()
        else:
            self._to_blank_status()

    def _to_blank_status(self) -> None:
        """Refused for a non-target left without its status: the keyboard on that cell."""
        if self.baseline.isChecked():
            return
        for row in range(self.table.rowCount()):
            if self._kind(row) == "non_target" \
                    and choice_of(self.table.item(row, STATUS)) is None \
                    and cell_text(self.table, row, 0) in self.error.text():
                self.table.setCurrentCell(row, STATUS)
                self.table.setFocus()
                return


def _choose(box: QComboBox, value: object) -> None:
    """The choice whose value is `value` (the first where none is)."""
    box.setCurrentIndex(max(0, box.findData(value)))


def _wrap(layout: QLayout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w

