"""Import USDM… (the administrator's Studies tab): a sponsor's CDISC USDM v4 protocol read
into a draft protocol file, shown beside the USDM's own schedule of activities and, for a
study already here, beside the protocol in force as a list of what changes; each review
item is ticked once decided. Saving writes the draft; adding the study or amending it then
follows the existing path (its dry run per patient, its effective date)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import studies
from app.services.errors import InvalidEntry
from ui.forms import FormDialog
from ui.i18n import tr

if TYPE_CHECKING:
    from app.exchange.usdm.draft import Imported
    from ui.context import Context


def _box(minimum: int) -> QPlainTextEdit:
    from PySide6.QtGui import QFontDatabase

    w = QPlainTextEdit()
    w.setReadOnly(True)
    w.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))  # columns align
    w.setTabChangesFocus(True)
    w.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    w.setMinimumHeight(minimum)
    return w


def soa_text(imported: Imported) -> str:
    """The USDM's schedule of activities, one visit a line: its encounter and activities."""
    return "\n".join(f"{r.visit:<10} {r.encounter} ({r.epoch}): {', '.join(r.activities)}"
                     for r in imported.draft.soa)


def draft_text(imported: Imported) -> str:
    """The draft's visit table, cycles, series and PK timepoints, as `protocol check`
    prints them."""
    tree = imported.draft.tree
    lines = [f"{v['code']:<10} {v['kind']:<18} {v['anchor']:<12} {v['offset_days']:>+5d} "
             f"{-v['window']['before']}/+{v['window']['after']}  {v['label']}"
             for v in tree["visits"]]
    c = tree.get("cycles")
    if c:
        lines.append(tr("Cycles of {days} days from {first}").format(
            days=c["length_days"], first=c["first_visit"]))
    every = tr("every {n} days")
    lines += [f"{s['code']} ({s['kind']}) " + ", ".join(
        every.format(n=st["every_days"]) + (f" x{st['times']}" if "times" in st else "")
        for st in s["rhythm"]) for s in tree.get("series", [])]
    pk = tree.get("pk", {})
    if pk:
        lines.append(tr("PK: {timepoints}").format(
            timepoints=", ".join(t["id"] for t in pk["timepoints"])))
    return "\n".join(lines)


class UsdmImportDialog(FormDialog):
    help_page = "studies"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(tr("Import a USDM protocol"), parent)
        self.ctx = ctx
        self.imported: Imported | None = None
        #: after Save: the draft written, and the study it amends (None: a new study)
        self.draft_path: Path | None = None
        self.study: studies.StudyRow | None = None
        self.intro.setText(tr("A sponsor's CDISC USDM v4 file (JSON) read into a draft "
                              "protocol file. Tick each review item once decided (Space); "
                              "the study is then added, or amended, as from its file."))
        self.intro.show()
        self.path = self._file_row()
        self.line("version", tr("Study version"),
                  placeholder=tr("its id; empty: the file's last version"))
        self.line("draft", tr("Draft file"), placeholder=tr("where the draft is written "
                                                           "(.toml)"))
        read = QPushButton(tr("Read the file (F5)"))
        read.clicked.connect(self.read)
        QShortcut(QKeySequence("F5"), self, self.read)
        self.form.addRow("", read)
        self.soa, self.draft = self._beside(
            ("soa", tr("USDM schedule of activities")), ("draft_view", tr("Draft")))
        self.changes = self.add("changes", tr("Changes to the protocol in force"), _box(60))
        self.changes.setMaximumHeight(110)
        self.review = self.add("review", tr("Decisions to review"), QListWidget())
        self.review.setMinimumHeight(120)
        self.setMinimumWidth(900)

    def _beside(self, *boxes: tuple[str, str]) -> tuple[QPlainTextEdit, ...]:
        """Read-only boxes side by side, each under its title (the USDM's schedule of
        activities beside the draft made of it)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        made = []
        for name, title in boxes:
            column = QVBoxLayout()
            label = QLabel(title)
            box = _box(180)
            box.setAccessibleName(title)
            label.setBuddy(box)
            column.addWidget(label)
            column.addWidget(box, 1)
            line.addLayout(column, 1)
            self.fields[name] = box
            made.append(box)
        self.form.addRow(row)
        return tuple(made)

    def _file_row(self) -> QLineEdit:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        path = QLineEdit()
        path.setPlaceholderText(tr("the sponsor's USDM v4 file (.json)"))
        QShortcut(QKeySequence("F4"), path, self.browse)
        browse = QPushButton(tr("Browse…"))
        browse.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4 from the field instead
        browse.clicked.connect(self.browse)
        line.addWidget(path, 1)
        line.addWidget(browse)
        self.fields["file"] = path
        self.form.addRow(tr("USDM file"), row)
        return path

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("USDM file"), "",
                                              tr("USDM files (*.json)"))
        if path:
            self.path.setText(path)

    # --- reading ------------------------------------------------------------------------
    def read(self) -> None:
        self.attempt(self._read)

    def _read(self) -> None:
        from app.exchange.usdm.draft import import_usdm_file
        from app.exchange.usdm.model import UsdmError

        source = self.path.text().strip()
        if not source:
            raise InvalidEntry("file", tr("Give the USDM file"))
        try:
            imported = import_usdm_file(source, self.read_text("version") or None)
        except UsdmError as exc:
            field = "version" if "study version" in str(exc) else "file"
            raise InvalidEntry(field, str(exc)) from None
        self.imported = imported
        draft = self.field("draft", QLineEdit)
        if not draft.text().strip():
            draft.setText(str(Path(source).with_suffix(".draft.toml")))
        self.soa.setPlainText(soa_text(imported))
        problem = tr("Problem: {problem}")
        self.draft.setPlainText("\n".join([draft_text(imported), *(
            problem.format(problem=p) for p in imported.problems)]))
        self.study = self._amended(imported)
        self.changes.setPlainText(self._changes(imported))
        self.review.clear()
        guessed = tr("{element}: {decide} [the draft: {guess}]")
        for r in imported.draft.review:
            item = QListWidgetItem(guessed.format(element=r.element, decide=r.what,
                                                  guess=r.guess) if r.guess
                                   else f"{r.element}: {r.what}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.review.addItem(item)
        self.review.setCurrentRow(0)

    def _amended(self, imported: Imported) -> studies.StudyRow | None:
        code = imported.draft.tree["study"]["code"]
        return next((s for s in studies.list_studies(self.ctx.db) if s.code == code), None)

    def _changes(self, imported: Imported) -> str:
        from app.exchange.usdm.compare import protocol_changes

        if self.study is None:
            return tr("A new study: no protocol in force to compare with.")
        if imported.protocol is None:
            return tr("The draft is not yet a protocol: see its problems.")
        in_force = studies.study_protocol(self.ctx.db, self.study.id)
        changes = protocol_changes(in_force, imported.protocol)
        return "\n".join(changes) or tr("Visits, windows and PK timepoints are unchanged.")

    # --- saving -------------------------------------------------------------------------
    def decided(self) -> set[int]:
        return {i for i in range(self.review.count())
                if self.review.item(i).checkState() == Qt.CheckState.Checked}

    def save(self) -> None:
        if self.attempt(self._save):
            self.accept()

    def _save(self) -> None:
        if self.imported is None:
            raise InvalidEntry("file", tr("Read the file first (F5)"))
        if self.imported.problems:
            raise InvalidEntry("draft_view", tr("The draft is not a protocol file yet: "
                                                "{problem}").format(
                problem=self.imported.problems[0]))
        open_items = self.review.count() - len(self.decided())
        if open_items:
            raise InvalidEntry("review", tr("{n} review items are not decided: tick each "
                                            "one once decided (Space)").format(n=open_items))
        target = Path(self.read_text("draft"))
        if not self.read_text("draft") or target.suffix.lower() != ".toml":
            raise InvalidEntry("draft", tr("Give the draft file, ending in .toml"))
        from app.infra.files import written_atomically

        try:
            with written_atomically(target) as temp:
                temp.write_text(self.imported.decided(self.decided()), encoding="utf-8")
        except OSError as exc:
            raise InvalidEntry("draft", tr("Cannot write {path}: {why}").format(
                path=target, why=exc.strerror or exc)) from None
        self.draft_path = target
