"""A scan's dialog: its lesions typed cell by cell (targets measured, non-targets by
status), or only the investigator's overall response."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from app.rules.dates import fmt_date
from app.rules.recist import NON_TARGET_STATUSES, RESPONSES, Assessment
from app.services import response as resp
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.entry_table import (
    ChoiceDelegate,
    EntryTable,
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
                 previous: list | None = None, parent: QWidget | None = None,
                 saved: tuple[int, Assessment] | None = None) -> None:
        super().__init__(tr("{subject}: tumour assessment").format(subject=subject), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.scan_id = saved[0] if saved else None
        self.intro.setText(tr("<b>{subject}</b> · RECIST 1.1: at most 5 targets, 2 per "
                              "organ; non-nodal targets 10 mm or more, nodal 15 mm short "
                              "axis or more. Too small to measure counts 5 mm; gone "
                              "counts 0 mm.").format(subject=subject))
        self.intro.show()
        self.date_field("scan_date", tr("Scan date"), ctx.today())
        self.choice("modality", tr("Modality"), [("CT", "CT"), ("MRI", "MRI"),
                                                 (tr("PET-CT"), "PET-CT"),
                                             (tr("X-ray"), "X-ray")])
        baseline = QCheckBox(tr("Baseline scan (chooses the target and non-target lesions)"))
        self.add("baseline", "", baseline)
        self.add("new_lesion", "", QCheckBox(tr("New lesion(s) found")))
        self.choice("overall", tr("Investigator's overall response (only without lesions)"),
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
        self.fields["scan_date"].set_date(a.date)
        self.fields["modality"].setCurrentIndex(max(0, self.fields["modality"].findData(
            a.modality)))
        self.fields["baseline"].setChecked(a.baseline)
        self.fields["new_lesion"].setChecked(a.new_lesion)
        self.fields["overall"].setCurrentIndex(max(0, self.fields["overall"].findData(
            a.overall)))
        for t in a.targets:
            self.add_lesion("target", resp.LesionEntry(t.id, "target", t.organ, t.nodal, t.mm,
                                                        t.too_small, t.not_assessed))
        for n in a.non_targets:
            self.add_lesion("non_target", resp.LesionEntry(n.id, "non_target", n.organ,
                                                            n.nodal, n.mm, status=n.status))
        self.add_history(tr("{subject}: scan {date}").format(
                subject=subject, date=fmt_date(a.date)), "tumour_assessment", scan_id)

    def _statuses(self, row: int) -> list[tuple[str, object]]:
        """A non-target lesion's statuses (a target lesion is measured instead)."""
        return status_choices() if self.table.item(row, 1).data(KIND_ROLE) == "non_target" \
            else []

    def _new_lesion(self, kind: str) -> None:
        """A new row, and the keyboard in it, on its organ."""
        self.add_lesion(kind)
        self.table.setFocus()

    def add_lesion(self, kind: str, lesion: resp.LesionEntry | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        count = sum(1 for r in range(row) if self.table.item(r, 1).data(KIND_ROLE) == kind)
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

    def collect(self) -> resp.ScanForm:
        lesions = []
        for row in range(self.table.rowCount()):
            lid = cell_text(self.table, row, 0)
            kind = self.table.item(row, 1).data(KIND_ROLE)
            text = cell_text(self.table, row, 4).replace(",", ".")
            try:
                size = Decimal(text) if text else None
            except InvalidOperation:
                raise InvalidEntry("lesions", tr("Lesion {lid}: '{text}' is not a size in "
                                                 "mm").format(lid=lid, text=text)) \
                    from None
            status = choice_of(self.table.item(row, STATUS)) if kind == "non_target" else None
            lesions.append(resp.LesionEntry(
                lid, kind, cell_text(self.table, row, 2), is_checked(self.table, row, 3), size,
                is_checked(self.table, row, 5), is_checked(self.table, row, 6), status))
        return resp.ScanForm(
            scan_date=self.read_date("scan_date", tr("Scan date")),
            modality=self.read_choice("modality"),
            baseline=self.fields["baseline"].isChecked(),
            new_lesion=self.fields["new_lesion"].isChecked(),
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
        if self.fields["baseline"].isChecked():
            return
        for row in range(self.table.rowCount()):
            if self.table.item(row, 1).data(KIND_ROLE) == "non_target" \
                    and choice_of(self.table.item(row, STATUS)) is None \
                    and cell_text(self.table, row, 0) in self.error.text():
                self.table.setCurrentCell(row, STATUS)
                self.table.setFocus()
                return


def _wrap(layout) -> QWidget:  # type: ignore[no-untyped-def]
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w

