"""The administrator's Studies tab: the site's studies and their protocol versions; add a
study from its file, amend one (with the preview of what changes for each patient), and
assign accounts to studies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.accounts import Role
from app.rules.dates import fmt_date
from app.services import accounts as acc
from app.services import amendments, studies, study_members
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import counted, tr
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel

STUDY_ROLES = [(r.word, r.value) for r in Role if r is not Role.ADMIN]


def _checked(read: Callable[[], object]) -> object:
    """A protocol file's problems as the file field's one message (every key named)."""
    from app.rules.protocol import ProtocolError

    try:
        return read()
    except ProtocolError as exc:
        raise InvalidEntry("file", f"{exc.path.name}: " + "; ".join(exc.problems)) from None


class _FileDialog(FormDialog):
    """A dialog whose first field is a protocol file: typed, or chosen with Browse (F4)."""
    help_page = "studies"

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(title, parent)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.path = self._path_line()
        browse = QPushButton(tr("Browse…"))
        browse.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 from the field instead
        browse.clicked.connect(self.browse)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        self.fields["file"] = self.path
        self.form.addRow(tr("Protocol file"), row)

    def _path_line(self) -> QLineEdit:
        from PySide6.QtGui import QKeySequence, QShortcut

        w = QLineEdit()
        w.setPlaceholderText(tr("the study's protocol file (.toml)"))
        QShortcut(QKeySequence("F4"), w, self.browse)
        return w

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Protocol file"), "",
                                              tr("Protocol files (*.toml)"))
        if path:
            self.path.setText(path)

    def file(self) -> str:
        text = self.path.text().strip()
        if not text:
            raise InvalidEntry("file", tr("Give the protocol file"))
        return text


class AddStudyDialog(_FileDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(tr("Add a study"), parent)
        self.ctx = ctx
        self.intro.setText(tr("The file is checked whole and kept in the database; its first "
                           "version applies from the start. A study already here is amended "
                           "instead."))
        self.intro.show()

    def save(self) -> None:
        if self.attempt(lambda: _checked(lambda: studies.add_study(self.ctx.db, self.file()))):
            self.accept()


class AmendDialog(_FileDialog):
    """A new version of a study's protocol: from which date, and what it changes (the
    preview is the dry run; Save adds the version)."""

    def __init__(self, ctx: Context, study: studies.StudyRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Amend {code}").format(code=study.code), parent)
        self.ctx, self.study = ctx, study
        self.intro.setText(tr("{code} follows {label} (from {applies_from}). Patients "
                              "consented on or after the date below follow the amendment "
                              "at once; the others when their re-consent is recorded. "
                              "Visits done never move.").format(
                                      code=study.code, label=study.current.label,
                                      applies_from=study.current.applies_from))
        self.intro.show()
        self.date_field("effective", tr("Applies from"))
        self.preview_button = QPushButton(tr("Preview the changes (F5)"))
        self.preview_button.clicked.connect(self.preview)
        from PySide6.QtGui import QKeySequence, QShortcut

        QShortcut(QKeySequence("F5"), self, self.preview)
        self.form.addRow("", self.preview_button)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setMinimumHeight(180)
        self.setMinimumWidth(640)
        self.report.setPlaceholderText(tr("What the amendment changes, patient by patient"))
        self.form.addRow(tr("Changes"), self.report)

    def _run(self, dry_run: bool) -> amendments.AmendmentReport:
        effective = self.read_date("effective", tr("Applies from"))
        if effective is None:
            raise InvalidEntry("effective", tr("Give the date the amendment applies from"))
        report = _checked(lambda: amendments.amend_study(
            self.ctx.db, self.study.code, self.file(), effective, self.ctx.today(),
            dry_run=dry_run))
        assert isinstance(report, amendments.AmendmentReport)
        return report

    def preview(self) -> None:
        def act() -> None:
            self.report.setPlainText(report_text(self._run(dry_run=True)))

        self.attempt(act)

    def save(self) -> None:
        if self.attempt(lambda: self._run(dry_run=False)):
            self.accept()


def report_text(report: amendments.AmendmentReport) -> str:
    """The amendment's changes as the screen says them."""
    lines = [tr("{label}, applying from {effective}:").format(
            label=report.label, effective=fmt_date(report.effective))]
    changed = [p for p in report.patients if p.changes]
    for p in changed:
        when = "now" if p.now else tr("when re-consented")
        lines.append(f"{p.subject_id} ({when}): " + "; ".join(c.text for c in p.changes))
    lines.append(tr("{changed} of {patients} have visits to come that change.").format(
            changed=len(changed), patients=counted(len(report.patients), tr("{n} patient"),
                                             tr("{n} patients"))))
    return "\n".join(lines)


class AssignDialog(FormDialog):
    help_page = "studies"

    def __init__(self, ctx: Context, study: studies.StudyRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Assign an account to {code}").format(code=study.code), parent)
        self.ctx, self.study = ctx, study
        self.intro.setText(tr("An account assigned to any study sees only its studies' "
                           "patients, and enters data where its role there allows."))
        self.intro.show()
        names = [(f"{a.name} ({a.printed_name})", a.name) for a in acc.list_accounts(ctx.db)
                 if a.active and a.role is not Role.ADMIN]
        self.choice("account", tr("Account"), names)
        self.choice("role", tr("Role in this study"), STUDY_ROLES, Role.NURSE.value)

    def save(self) -> None:
        if self.attempt(lambda: study_members.assign_account(
                self.ctx.db, self.read_choice("account") or "", self.study.code,
                self.read_choice("role") or "")):
            self.accept()


class UnassignDialog(FormDialog):
    help_page = "studies"

    def __init__(self, ctx: Context, study: studies.StudyRow, assigned: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Take an account off {code}").format(code=study.code), parent)
        self.ctx, self.study = ctx, study
        self.choice("account", tr("Account"), [(f"{n} ({r})", n) for n, r in assigned])
        self.line("reason", tr("Reason"))

    def save(self) -> None:
        if self.attempt(lambda: study_members.unassign_account(
                self.ctx.db, self.read_choice("account") or "", self.study.code,
                self.read_text("reason"))):
            self.accept()


class StudiesTab(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assigned: dict[int, list[tuple[str, str]]] = {}
        layout = QVBoxLayout(self)
        self.model = RowTableModel([
            Column(tr("Study"), lambda s: s.code),
            Column(tr("Protocol versions"), lambda s: "; ".join(
                tr("{label} (from {applies_from})").format(
                        label=v.label, applies_from=v.applies_from) for v in s.versions)),
            Column(tr("Patients"), lambda s: str(s.patients), lambda s: s.patients),
            Column(tr("Accounts"), lambda s: ", ".join(
                f"{n} ({r})" for n, r in self.assigned.get(s.id, [])) or tr("every account")),
            Column(tr("Title"), lambda s: s.title)])
        self.table = RowTable(self.model)
        for i, width in enumerate((120, 420, 70, 220)):
            self.table.setColumnWidth(i, width)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (("add", tr("Add a &study…")), ("usdm", tr("Import &USDM…")),
                          ("amend", tr("A&mend…")),
                          ("assign", tr("Assign an a&ccount…")), ("unassign", tr("&Take off…"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=key: self.act(k))
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.assigned = study_members.members(self.ctx.db)
        self.model.set_rows(studies.list_studies(self.ctx.db))

    def act(self, kind: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if kind == "usdm":
            self.import_usdm()
            return
        if kind == "add":
            dialog: FormDialog = AddStudyDialog(self.ctx, self)
        else:
            index = self.table.currentIndex()
            if not index.isValid():
                QMessageBox.information(self, tr("Studies"), tr("Choose a study in the list first"))
                return
            study = self.model.rows[index.row()]
            if kind == "amend":
                dialog = AmendDialog(self.ctx, study, self)
            elif kind == "assign":
                dialog = AssignDialog(self.ctx, study, self)
            elif not self.assigned.get(study.id):
                QMessageBox.information(self, tr("Studies"),
                                        tr("No account is assigned to {code}").format(
                                                code=study.code))
                return
            else:
                dialog = UnassignDialog(self.ctx, study, self.assigned[study.id], self)
        if dialog.exec():
            self.refresh()

    def import_usdm(self) -> None:
        """Import USDM…: the draft reviewed and written, then the existing path."""
        from ui.usdm_import import UsdmImportDialog

        importer = UsdmImportDialog(self.ctx, self)
        if importer.exec():
            follow = self.after_import(importer.draft_path, importer.study)
            if follow is not None and follow.exec():
                self.refresh()

    def after_import(self, draft: Path | None, study: studies.StudyRow | None
                     ) -> _FileDialog | None:
        """The study added from the draft, or (a study already here) amended from it,
        with its preview per patient and its date: the dialog, its file filled in."""
        if draft is None:
            return None
        follow = AmendDialog(self.ctx, study, self) if study else AddStudyDialog(self.ctx, self)
        follow.path.setText(str(draft))
        return follow
