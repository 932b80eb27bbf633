"""The Labs tab's dialogs (issue 36): a result typed by hand, the review of an imported one
(accept, correct with a reason, reject with a reason), the adverse event a grade proposes
(accept, or dismiss with a reason), and a lab's file to import. Every one by keyboard."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.rules.dates import fmt_date
from app.rules.lab_entry import LabEntry, RangeRow, no_start
from app.rules.lab_import import HEADERS, Mapping
from app.rules.lab_units import amount
from app.services.lab_import import LabImportReport, import_labs
from app.services.lab_proposals import decide_proposal
from app.services.lab_ranges import add_range, lab_names, mapping_names, save_mapping
from app.services.labs import LabRow, enter_result, review_result
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr


def _lab_box(ctx: Context, current: str = "") -> QComboBox:
    """The labs that have reference ranges, or one typed."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(lab_names(ctx.db))
    box.setCurrentText(current or (box.itemText(0) if box.count() else ""))
    return box


class LabResultDialog(FormDialog):
    """One analyte's result of a sample, typed from the lab's report."""
    help_page = "labs"
    first_field = "Analyte"

    def __init__(self, ctx: Context, patient_id: int, parent: QWidget | None = None) -> None:
        super().__init__(tr("Lab result"), parent)
        self.ctx, self.patient_id = ctx, patient_id
        self.choice("Analyte", tr("Analyte"), [("", None)] + [
            (f"{a.name} ({a.unit})", a.code) for a in ctx.protocol.labs])
        self.add("Lab", tr("Lab"), _lab_box(ctx))
        self.date_field("Sample date", tr("Sample date"))
        self.line("Value", tr("Value"))
        self.line("Unit", tr("Unit"), placeholder=tr("as the lab prints it: 10^9/L, /mm3, g/dL"))
        self.line("sample_id", tr("Sample ID"))
        self.field("Analyte", QComboBox).currentIndexChanged.connect(self._unit)

    def _unit(self) -> None:
        code = self.read_choice("Analyte")
        analyte = next((a for a in self.ctx.protocol.labs if a.code == code), None)
        if analyte is not None and not self.read_text("Unit"):
            self.field("Unit", QLineEdit).setText(analyte.unit)

    def entry(self) -> LabEntry:
        return LabEntry(self.read_choice("Analyte") or "", self.field("Lab", QComboBox)
                        .currentText(), self.read_date("Sample date", tr("Sample date")),
                        self.read_text("Value"), self.read_text("Unit"),
                        self.read_text("sample_id") or None)

    def save(self) -> None:
        if self.attempt(lambda: enter_result(self.ctx.db, self.patient_id, self.entry(),
                                             self.ctx.today())):
            self.accept()


class ReviewDialog(FormDialog):
    """An imported result held for review: accepted as it is, corrected, or rejected."""
    help_page = "labs"
    first_field = "decision"

    def __init__(self, ctx: Context, patient_id: int, row: LabRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Review a lab result"), parent)
        self.ctx, self.patient_id, self.row = ctx, patient_id, row
        self.intro.setText(tr("{name} {value} {unit} of {day} from {lab} (row {number} of "
                              "the file)").format(name=row.name, value=row.value,
                                                  unit=row.unit, day=fmt_date(row.sample_date),
                                                  lab=row.lab, number=row.source_row or "?"))
        self.intro.show()
        self.choice("decision", tr("Decision"), [(tr("Accept"), "accept"),
                                                 (tr("Correct"), "correct"),
                                                 (tr("Reject"), "reject")])
        self.line("Value", tr("Value"), row.value)
        self.line("Unit", tr("Unit"), row.unit)
        self.date_field("Sample date", tr("Sample date"), row.sample_date)
        self.line("reason", tr("Reason"), placeholder=tr("why it is corrected or rejected"))
        self.field("decision", QComboBox).currentIndexChanged.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        correcting = self.read_choice("decision") == "correct"
        for name in ("Value", "Unit", "Sample date"):
            self.fields[name].setEnabled(correcting)

    def save(self) -> None:
        def act() -> None:
            decision = self.read_choice("decision") or "accept"
            corrected = LabEntry(self.row.analyte, self.row.lab,
                                 self.read_date("Sample date", tr("Sample date")),
                                 self.read_text("Value"), self.read_text("Unit"),
                                 self.row.sample_id) if decision == "correct" else None
            review_result(self.ctx.db, self.patient_id, self.row.id, decision,
                          self.ctx.today(), self.ctx.now(), self.read_text("reason") or None,
                          corrected)
        if self.attempt(act):
            self.accept()


class ProposalDialog(FormDialog):
    """The adverse event a result's grade proposes, for the investigator to answer."""
    help_page = "labs"
    first_field = "decision"

    def __init__(self, ctx: Context, patient_id: int, row: LabRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Proposed adverse event"), parent)
        self.ctx, self.patient_id, self.row = ctx, patient_id, row
        p = row.proposal
        if p is not None:
            what = tr("a new adverse event") if p.ae_id is None else tr(
                "the grade change of the open adverse event (grade {old})").format(
                old=p.from_grade or "?")
            self.intro.setText(tr("{term}, grade {grade}, onset {onset}: {what}. From {name} "
                                  "{value} {unit} ({reason})").format(
                term=p.term, grade=p.grade, onset=fmt_date(p.onset), what=what,
                name=row.name, value=row.value, unit=row.unit, reason=row.grade_reason))
            self.intro.show()
        self.choice("decision", tr("Decision"), [(tr("Accept into the AE log"), "accept"),
                                                 (tr("Dismiss"), "dismiss")])
        self.line("reason", tr("Reason"), placeholder=tr("why it is dismissed"))

    def save(self) -> None:
        accept = self.read_choice("decision") == "accept"
        if self.attempt(lambda: decide_proposal(
                self.ctx.db, self.ctx.protocol, self.patient_id, self.row.id, accept,
                self.ctx.today(), self.read_text("reason") or None)):
            self.accept()


class RangeDialog(FormDialog):
    """A lab's reference range of one analyte (for one sex or both), from a day on."""
    help_page = "labs"
    first_field = "Lab"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(tr("Reference range"), parent)
        self.ctx = ctx
        self.add("Lab", tr("Lab"), _lab_box(ctx))
        self.choice("Analyte", tr("Analyte"), [("", None)] + [
            (f"{a.name} ({a.unit})", a.code) for a in ctx.protocol.labs])
        self.choice("Sex", tr("Sex"), [(tr("Both"), None), (tr("Female"), "F"),
                                       (tr("Male"), "M")])
        self.line("LLN", tr("LLN"))
        self.line("ULN", tr("ULN"))
        self.line("Unit", tr("Unit"))
        self.date_field("valid_from", tr("Valid from"))
        self.date_field("Valid to", tr("Valid to"))

    def save(self) -> None:
        def act() -> None:
            lln, uln = self.read_text("LLN"), self.read_text("ULN")
            add_range(self.ctx.db, RangeRow(
                self.field("Lab", QComboBox).currentText(), self.read_choice("Analyte") or "",
                self.read_choice("Sex"), amount(lln, tr("LLN")) if lln else None,
                amount(uln, tr("ULN")) if uln else None, self.read_text("Unit"),
                self.read_date("valid_from", tr("Valid from")) or no_start(),
                self.read_date("Valid to", tr("Valid to"))), self.ctx.protocol.labs)
        if self.attempt(act):
            self.accept()


class MappingDialog(FormDialog):
    """A site's column mapping of its lab's export: which column holds what, which of the
    lab's test names is which analyte, and the lab where the file has no lab column."""
    help_page = "labs"
    first_field = "Name"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(tr("Column mapping"), parent)
        self.ctx = ctx
        self.line("Name", tr("Mapping name"))
        for key, label in (("subject", tr("Subject ID column")),
                           ("analyte", tr("Analyte column")), ("value", tr("Value column")),
                           ("unit", tr("Unit column")), ("sample_date", tr("Sample date column")),
                           ("lab", tr("Lab column")), ("sample_id", tr("Sample ID column"))):
            self.line(key, label, HEADERS[key])
        self.line("Lab", tr("Lab (no lab column)"))
        self.text_box("tests", tr("Test names"))
        self.field("tests", QPlainTextEdit).setPlaceholderText(
            tr("one a line: the lab's name = the analyte's code, e.g. ANC = NEUT"))

    def save(self) -> None:
        def act() -> None:
            tests = dict(line.split("=", 1) for line in self.read_text("tests").splitlines()
                         if "=" in line)
            save_mapping(self.ctx.db, Mapping(
                self.read_text("Name"), {k: self.read_text(k) for k in HEADERS},
                {k.strip(): v.strip() for k, v in tests.items()},
                self.read_text("Lab") or None))
        if self.attempt(act):
            self.accept()


class LabImportDialog(FormDialog):
    """A lab's file (CSV, XLSX or a FHIR bundle) read with one of the site's mappings."""
    help_page = "labs"
    first_field = "file"

    def __init__(self, ctx: Context, path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(tr("Import labs"), parent)
        self.ctx = ctx
        self.report: LabImportReport | None = None
        self.line("file", tr("File"), path,
                  placeholder=tr(".csv, .xlsx or a FHIR bundle (.json)"))
        self.choice("mapping", tr("Column mapping"), [(tr("Standard columns"), None)] + [
            (name, name) for name in mapping_names(ctx.db)])
        self.add("dry_run", tr("Check only"), QCheckBox(tr("keep nothing, list the problems")))

    def save(self) -> None:
        def act() -> None:
            self.report = import_labs(self.ctx.db, self.read_text("file"), self.ctx.today(),
                                      self.ctx.now(), self.read_choice("mapping"),
                                      self.field("dry_run", QCheckBox).isChecked())
        if self.attempt(act):
            self.accept()
