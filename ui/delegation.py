"""The delegation of authority log in a window: each study's people, their tasks and dates
and the principal investigator's approval; an administrator or the PI delegates and ends
tasks and records training, the PI approves with the password; the log prints (PDF) and
exports (CSV/XLSX). The buttons follow what the service says the account may do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.dates import fmt_date
from app.rules.delegation import TRAINING_WORDS, Expiring, Training
from app.services import accounts as acc
from app.services import delegation as dlg
from app.services import training
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel

ALL_TASKS = "*"


def _accounts(ctx: Context) -> list[tuple[str, object]]:
    return [(f"{a.name} ({a.printed_name})", a.name) for a in acc.list_accounts(ctx.db)
            if a.active and a.role.value in ("nurse", "investigator")]


class DelegateDialog(FormDialog):
    """Delegate one task, or every task of the study, to an account from a day."""

    help_page = "studies"

    def __init__(self, ctx: Context, log: dlg.StudyLog, parent: QWidget | None = None) -> None:
        super().__init__(tr("Delegate tasks on {code}").format(code=log.code), parent)
        self.ctx, self.log = ctx, log
        self.intro.setText(tr("The delegation applies once the principal investigator "
                              "approves it."))
        self.intro.show()
        self.account: QComboBox = self.choice("account", tr("Account"), _accounts(ctx))
        tasks: list[tuple[str, object]] = [(tr("Every task of the study"), ALL_TASKS)]
        tasks += [(tr(t.word), t.value) for t in log.tasks]
        self.task: QComboBox = self.choice("tasks", tr("Task"), tasks)
        self.start = self.date_field("start", tr("From"), ctx.today())
        self.end = self.date_field("end", tr("To (empty: ongoing)"))

    def save(self) -> None:
        def act() -> None:
            task = self.read_choice("tasks") or ""
            tasks = [t.value for t in self.log.tasks] if task == ALL_TASKS else [task]
            dlg.add_delegation(self.ctx.db, self.read_choice("account") or "", self.log.code,
                               tasks, self.read_date("start", tr("From")),
                               self.read_date("end", tr("To (empty: ongoing)")))

        if self.attempt(act):
            self.accept()


class EndDialog(FormDialog):
    """End the chosen delegation on a day (its last), with the reason."""

    help_page = "studies"

    def __init__(self, ctx: Context, row: dlg.DelegationRow, parent: QWidget | None = None
                 ) -> None:
        super().__init__(tr("End {task} of {account}").format(task=tr(row.task_word),
                                                              account=row.account), parent)
        self.ctx, self.row = ctx, row
        self.end = self.date_field("end", tr("Last day"), ctx.today())
        self.reason: QLineEdit = self.line("reason", tr("Reason"))

    def save(self) -> None:
        if self.attempt(lambda: dlg.end_delegation(
                self.ctx.db, self.row.account, self.row.study, [self.row.task],
                self.read_date("end", tr("Last day")), self.read_text("reason"))):
            self.accept()


class ApproveDialog(FormDialog):
    """The PI approves an account's delegations awaiting approval: an e-signature."""

    help_page = "studies"
    ask_before_discard = False

    def __init__(self, ctx: Context, log: dlg.StudyLog, parent: QWidget | None = None) -> None:
        super().__init__(tr("Approve delegations on {code}").format(code=log.code), parent)
        self.ctx, self.log = ctx, log
        waiting = sorted({(f"{r.account} ({r.printed_name})", r.account) for r in log.rows
                          if r.approved_at is None})
        self.intro.setText(tr("Your password signs the approval of every task of the "
                              "account that awaits it."))
        self.intro.show()
        self.account: QComboBox = self.choice("account", tr("Account"),
                                              [(t, v) for t, v in waiting])
        self.pw: QLineEdit = self.password("password", tr("Your password"))

    def save(self) -> None:
        if self.attempt(lambda: dlg.approve_delegations(
                self.ctx.db, self.read_choice("account") or "", self.log.code,
                self.pw.text(), self.ctx.now())):
            self.accept()


class TrainingDialog(FormDialog):
    """A course an account completed: GCP, or this study's protocol training."""

    help_page = "studies"

    def __init__(self, ctx: Context, log: dlg.StudyLog, parent: QWidget | None = None) -> None:
        super().__init__(tr("Record training"), parent)
        self.ctx, self.log = ctx, log
        self.account: QComboBox = self.choice("account", tr("Account"), _accounts(ctx))
        self.kind: QComboBox = self.choice("kind", tr("Training"), [
            (tr(TRAINING_WORDS[k]), k.value) for k in Training])
        self.protocol_version: QLineEdit = self.line(
            "version", tr("Protocol version"), placeholder=tr("protocol training: e.g. "
                                                              "Amendment 1"))
        self.completed = self.date_field("completed", tr("Completed on"), ctx.today())
        self.expires = self.date_field("expires", tr("Expires on"))

    def save(self) -> None:
        def act() -> None:
            kind = self.read_choice("kind") or ""
            training.add_training(
                self.ctx.db, self.read_choice("account") or "", kind,
                self.read_date("completed", tr("Completed on")),
                self.read_date("expires", tr("Expires on")),
                self.log.code if kind == Training.PROTOCOL else None,
                self.read_text("version") or None)

        if self.attempt(act):
            self.accept()


class DelegationPanel(QWidget):
    """One study's log at a time (a chooser over the studies), with its actions."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.logs: list[dlg.StudyLog] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.study = QComboBox()
        self.study.setAccessibleName(tr("Study"))
        self.study.currentIndexChanged.connect(self.show_log)
        label = QLabel(tr("&Study"))
        label.setBuddy(self.study)
        top.addWidget(label)
        top.addWidget(self.study)
        self.about = QLabel()
        self.about.setWordWrap(True)
        top.addWidget(self.about, 1)
        layout.addLayout(top)
        self.model = RowTableModel([
            Column(tr("Name"), lambda r: r.printed_name),
            Column(tr("Account"), lambda r: r.account),
            Column(tr("Task"), lambda r: tr(r.task_word)),
            Column(tr("From"), lambda r: fmt_date(r.start), lambda r: r.start),
            Column(tr("To"), lambda r: fmt_date(r.end) if r.end else tr("ongoing"),
                   lambda r: r.end or date.max),
            Column(tr("Approved by the PI"), self._approval)])
        self.table = RowTable(self.model)
        self.table.setAccessibleName(tr("Delegation log"))
        layout.addWidget(self.table, 1)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        buttons = QHBoxLayout()
        self.delegate = self._button(buttons, tr("&Delegate tasks…"), self.add)
        self.end = self._button(buttons, tr("&End the task…"), self.end_task)
        self.approve = self._button(buttons, tr("A&pprove as PI…"), self.approve_tasks)
        self.train = self._button(buttons, tr("&Training…"), self.add_training)
        buttons.addStretch(1)
        self.print_button = self._button(buttons, tr("P&rint the log…"),
                                         lambda: self.print_log())
        self.export_button = self._button(buttons, tr("E&xport…"), lambda: self.export())
        layout.addLayout(buttons)
        self.refresh()

    @staticmethod
    def _approval(r: dlg.DelegationRow) -> str:
        if r.approved_at is None:
            return tr("awaiting approval")
        from app.rules.dates import fmt_datetime

        return f"{r.approved_name}, {fmt_datetime(r.approved_at)} UTC"

    def _button(self, row: QHBoxLayout, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def current(self) -> dlg.StudyLog | None:
        i = self.study.currentIndex()
        return self.logs[i] if 0 <= i < len(self.logs) else None

    def refresh(self) -> None:
        chosen = self.study.currentText()
        self.logs = dlg.study_logs(self.ctx.db)
        self.study.blockSignals(True)
        self.study.clear()
        self.study.addItems([log.code for log in self.logs])
        self.study.setCurrentIndex(max(self.study.findText(chosen), 0))
        self.study.blockSignals(False)
        self.show_log()

    def show_log(self) -> None:
        log = self.current()
        self.model.set_rows(list(log.rows) if log else [])
        for button in (self.delegate, self.end, self.train):
            button.setEnabled(log is not None and log.may_manage)
        self.approve.setEnabled(log is not None and log.may_approve)
        if log is None:
            self.about.setText(tr("No study yet"))
            return
        self.about.setText(tr("Principal investigator: {pi}. Enforced: {enforced}. Missing "
                              "protocol training: {rule}.").format(
            pi=log.principal_name or tr("not named"),
            enforced=tr("yes") if log.enforced else tr("no"), rule=tr(log.training_rule)))
        soon = training.training_warnings(self.ctx.db, self.ctx.today())
        self.warnings.setText("\n".join(training_text(w) for w in soon))

    def _run(self, dialog: QDialog) -> None:
        if dialog.exec():
            self.refresh()

    def add(self) -> None:
        log = self.current()
        if log is not None:
            self._run(DelegateDialog(self.ctx, log, self))

    def end_task(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, tr("Delegation log"),
                                    tr("Choose a task in the list first"))
            return
        self._run(EndDialog(self.ctx, self.model.rows[index.row()], self))

    def approve_tasks(self) -> None:
        log = self.current()
        if log is not None:
            self._run(ApproveDialog(self.ctx, log, self))

    def add_training(self) -> None:
        log = self.current()
        if log is not None:
            self._run(TrainingDialog(self.ctx, log, self))

    def print_log(self, path: str | None = None) -> None:
        from app.infra.clock import Clock
        from app.services.exports import site_name
        from reports.delegation_log import print_delegation_log
        from ui.places.base import export_to_file

        log = self.current()
        if log is None:
            return

        def write(target: Path) -> str:
            rows = dlg.delegation_list(self.ctx.db, log.code)
            print_delegation_log(target, rows, site_name(self.ctx.db), Clock.utc_now(),
                                 dlg.principals(self.ctx.db, log.code))
            return tr("The delegation log")

        export_to_file(self, tr("Print the delegation log"), f"delegation-{log.code}.pdf",
                       tr("PDF file (*.pdf)"), path, write)

    def export(self, path: str | None = None) -> None:
        from ui.export import export_view

        log = self.current()
        if log is not None:
            export_view(self, self.ctx, self.table, tr("Delegation log"), log.code, path)


def training_text(w: Expiring) -> str:
    """A training record that expires soon, as Today and the log say it."""
    what = tr(TRAINING_WORDS[Training(w.kind)])
    if w.protocol_version:
        what = f"{what} ({w.protocol_version})"
    return tr("{account}: {what} expires on {day}").format(
        account=w.account, what=what, day=fmt_date(w.expires_on))


def training_notice(ctx: Context) -> str:
    """Today's word on training that expires within a month: the signed-in account's own;
    an investigator's, everyone's (they oversee the site's delegation)."""
    signed = ctx.signed
    if signed is None:
        return ""
    everyone = signed.role.value == "investigator"
    soon = training.training_warnings(ctx.db, ctx.today(), None if everyone else signed.name)
    if not soon:
        return ""
    return "<b>" + tr("Training to renew") + "</b>: " + "; ".join(
        training_text(w) for w in soon)


class DelegationWindow(QDialog):
    """The log in its own window, from the main window's Tools menu."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Delegation log"))
        self.panel = DelegationPanel(ctx, self)
        QVBoxLayout(self).addWidget(self.panel)
        self.resize(980, 520)

