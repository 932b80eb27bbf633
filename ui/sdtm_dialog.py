"""File > Export SDTM: which study (or every one), the files' format (SAS XPORT v5, CSV or
one workbook), whether a define.xml goes with them, and the folder. The datasets are
checked before anything is written: what does not conform is said here, naming dataset,
row and variable, and nothing is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFileDialog, QLineEdit, QPushButton, QWidget

from app.errors import InvalidEntry
from app.infra.clock import Clock
from app.services.sdtm import export_sdtm
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr
from ui.operations import Operation, show_failure


class SdtmExportDialog(FormDialog):
    ask_before_discard = False  # nothing typed is data
    help_page = "index"

    def __init__(self, ctx: Context, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(tr("Export SDTM"), parent)
        self.ctx = ctx
        self.written: dict[str, dict[str, int]] = {}
        self.running: Operation[Any] | None = None
        self.intro.setText(tr("Each study's SDTMIG 3.4 datasets (DM, SV, AE, SUPPAE, EX, PC, "
                              "TU, TR, RS, DS, DV) with SDTM CT 2024-12-20, in a folder named "
                              "by its code. Checked first: what does not conform is named "
                              "here and nothing is written."))
        self.intro.show()
        self.choice("study", tr("Study"), [(tr("Every study"), None)]
                    + [(code, sid) for sid, code in ctx.study_codes().items()])
        self.choice("format", tr("Files"), [
            (tr("SAS XPORT v5 (.xpt, the submission format)"), "xpt"), (tr("CSV (.csv)"), "csv"),
            (tr("Excel workbook (.xlsx)"), "xlsx")], "xpt")
        define = QCheckBox(tr("With its &define.xml 2.1"))
        define.setChecked(True)
        self.add("define", "", define)
        self.folder: QLineEdit = self.line("path", tr("Folder"), folder,
                                           placeholder=tr("where the study folders go"))
        browse = QPushButton(tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        self.form.addRow("", browse)
        self.buttons.button(self.buttons.StandardButton.Save).setText(tr("Export"))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def save(self) -> None:
        """Check and write off the GUI thread (ui/operations.py); a refusal is said on the
        field it is about, and everything chosen stays."""
        if self.running is not None and not self.running.done:
            return
        self.clear_errors()
        db, today, now = self.ctx.db, self.ctx.today(), Clock.utc_now()
        folder, fmt = self.folder.text().strip(), self.read_choice("format") or "xpt"
        define = self.fields["define"]
        assert isinstance(define, QCheckBox)
        with_define, study = define.isChecked(), self.read_choice("study", int)
        self.running = Operation(
            self, lambda job: export_sdtm(db, folder, today, now, db.actor, fmt, with_define,
                                          study), title=tr("Export SDTM")) \
            .with_progress(tr("Checking and writing SDTM…")) \
            .success(self._written).failure(self._refused).run()

    def _written(self, written: dict[str, dict[str, int]]) -> None:
        self.written = written
        self.accept()

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, InvalidEntry):
            self.show_error(exc.field, said(exc))
            if exc.field not in self.fields:  # about the data: the keys stay in the dialog
                self.activateWindow()
                self.folder.setFocus()
        elif isinstance(exc, OSError):
            self.show_error("path", tr("Cannot write {path}: {problem}").format(
                path=self.folder.text().strip(), problem=exc.strerror or exc))
        else:
            show_failure(self, tr("Export SDTM"), exc)

    def summary(self) -> str:
        """What the status bar says once written."""
        studies = "; ".join(f"{code} ({', '.join(counts)})"
                            for code, counts in self.written.items())
        return tr("SDTM {studies} written to {path}").format(studies=studies,
                                                             path=self.folder.text().strip())
