"""The administrator's window: named accounts, the site's studies and site settings, no
patient data.

Accounts are added with a temporary password (changed at first sign-in), reset, given
another role or deactivated (never deleted); each change asks why and is audited.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.infra.clock import local_now as now
from app.rules.accounts import Role
from app.rules.dates import fmt_datetime
from app.services import accounts as acc
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import QT_TR_NOOP, said, signed_in_text, tr
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel

ROLE_CHOICES = [(r.word, r.value) for r in Role]
CHANGE_TITLES = {"reset": QT_TR_NOOP("Reset the password of {}"),
                 "role": QT_TR_NOOP("Change the role of {}"),
                 "deactivate": QT_TR_NOOP("Deactivate {}")}


class AddAccountDialog(FormDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(tr("Add an account"), parent)
        self.ctx = ctx
        self.intro.setText(tr("One account per person, never shared. The temporary password is "
                           "changed by its owner at the first sign-in."))
        self.intro.show()
        self.line("name", tr("Account"), placeholder=tr("e.g. n.nurse"))
        self.line("printed_name", tr("Name as printed on signatures"))
        self.choice("role", tr("Role"), ROLE_CHOICES, Role.NURSE.value)
        self.password("password", tr("Temporary password"))
        self.password("again", tr("Again"))

    def save(self) -> None:
        def act() -> None:
            acc.create_account(self.ctx.db, self.read_text("name"),
                               self.read_text("printed_name"), self.read_choice("role") or "",
                               self.read_new_password())

        if self.attempt(act):
            self.accept()


class AccountChangeDialog(FormDialog):
    """Reset a password, change a role, or deactivate: with the reason, audited."""

    def __init__(self, ctx: Context, row: acc.AccountRow, kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr(CHANGE_TITLES[kind]).format(row.name), parent)
        self.ctx, self.row, self.kind = ctx, row, kind
        if kind == "reset":
            self.password("password", tr("Temporary password"))
            self.password("again", tr("Again"))
        elif kind == "role":
            self.choice("role", tr("Role"), ROLE_CHOICES, row.role.value)
        else:
            self.intro.setText(tr("{printed_name} will no longer sign in. The account is "
                                  "kept, with everything it did; its name is never reused.").format(
                                          printed_name=row.printed_name))
            self.intro.show()
        self.line("reason", tr("Reason"))

    def save(self) -> None:
        def act() -> None:
            reason = self.read_text("reason")
            if not reason:
                raise InvalidEntry("reason", tr("Give the reason"))
            if self.kind == "reset":
                acc.reset_password(self.ctx.db, self.row.name, self.read_new_password(),
                                   now(), reason)
            elif self.kind == "role":
                acc.set_role(self.ctx.db, self.row.name, self.read_choice("role") or "", now(),
                             reason)
            else:
                acc.deactivate(self.ctx.db, self.row.name, now(), reason)

        if self.attempt(act):
            self.accept()


def _state(a: acc.AccountRow) -> str:
    if not a.active:
        return "deactivated"
    if a.locked_until is not None and a.locked_until > now():
        return tr("locked until {until}").format(until=fmt_datetime(a.locked_until.astimezone()))
    return tr("must change password") if a.must_change else tr("active")


class AdminWindow(QMainWindow):
    def __init__(self, ctx: Context, signed: acc.SignedIn) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(tr("Site Tracker: accounts and settings · {display_name}").format(
                display_name=ctx.db.display_name))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr("Named accounts of the site (an administrator sees no "
                                "patient data).")))
        self.model = RowTableModel([
            Column(tr("Account"), lambda a: a.name), Column(tr("Name"), lambda a: a.printed_name),
            Column(tr("Role"), lambda a: tr(a.role.word)), Column(tr("State"), _state),
            Column(tr("Last sign-in"), lambda a: fmt_datetime(a.last_login_at.astimezone())
                   if a.last_login_at else "never")])
        self.table = RowTable(self.model)
        for i, width in enumerate((140, 260, 200, 240)):
            self.table.setColumnWidth(i, width)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for key, text in (("add", tr("&Add an account…")), ("reset", tr("&Reset password…")),
                          ("role", tr("Change r&ole…")), ("deactivate", tr("&Deactivate…"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=key: self.act(k))
            buttons.addWidget(button)
            self.action_buttons[key] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        from PySide6.QtWidgets import QTabWidget

        from ui.studies_admin import StudiesTab

        self.tabs = QTabWidget()
        self.tabs.addTab(body, tr("Accounts"))
        self.studies = StudiesTab(ctx)
        self.tabs.addTab(self.studies, tr("Studies"))
        from ui.delegation import DelegationPanel

        self.delegation = DelegationPanel(ctx)
        self.tabs.addTab(self.delegation, tr("Delegation log"))
        from ui.resources_admin import ResourcesTab

        self.resources = ResourcesTab(ctx)
        self.tabs.addTab(self.resources, tr("Resources"))
        self.setCentralWidget(self.tabs)
        menu = self.menuBar().addMenu(tr("&File"))
        for text, slot in ((tr("&Settings…"), self.settings),
                           (tr("Site &time zone…"), self.site_zone),
                           (tr("&Idle lock after…"), self.idle_minutes),
                           (tr("&Verify audit trail"), self.verify)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            menu.addAction(action)
        quit_action = QAction(tr("&Sign out and quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        self.statusBar().addPermanentWidget(QLabel(signed_in_text(signed)))
        self.resize(900, 500)
        self.refresh()
        from app.services.database import idle_lock_minutes
        from ui.idle_lock import IdleLock

        self.idle_lock = IdleLock(self, ctx, idle_lock_minutes(ctx.db))

    def refresh(self) -> None:
        self.model.set_rows(acc.list_accounts(self.ctx.db))

    def selected(self) -> acc.AccountRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def act(self, kind: str) -> None:
        if kind == "add":
            dialog: FormDialog = AddAccountDialog(self.ctx, self)
        else:
            row = self.selected()
            if row is None:
                self.statusBar().showMessage(tr("Choose an account in the list first"), 4000)
                return
            dialog = AccountChangeDialog(self.ctx, row, kind, self)
        if dialog.exec():
            self.refresh()

    def settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        if dialog.exec():
            self.statusBar().showMessage(dialog.saved_note(), 6000)

    def site_zone(self) -> None:
        from ui.site_time_dialog import SiteTimeDialog

        SiteTimeDialog(self.ctx, self).exec()

    def idle_minutes(self, minutes: int | None = None) -> None:
        from PySide6.QtWidgets import QInputDialog

        from app.services.database import idle_lock_minutes, set_idle_lock_minutes

        if minutes is None:
            minutes, ok = QInputDialog.getInt(
                self, tr("Idle lock"), tr("Lock the window after this many minutes without use:"),
                idle_lock_minutes(self.ctx.db), 2, 60)
            if not ok:
                return
        try:
            set_idle_lock_minutes(self.ctx.db, minutes)
        except InvalidEntry as exc:
            QMessageBox.warning(self, tr("Idle lock"), said(exc))
            return
        self.statusBar().showMessage(tr("Windows lock after {minutes} idle minutes (from "
                                        "their next sign-in)").format(minutes=minutes), 5000)

    def verify(self) -> None:
        from app.services.database import verify_audit_trail

        report = verify_audit_trail(self.ctx.db)
        if report.intact:
            QMessageBox.information(self, tr("Audit trail"),
                                    tr("The audit trail is intact: {count} entries.").format(
                                            count=report.count))
        else:
            QMessageBox.critical(self, tr("Audit trail"),
                                 report.message[0].upper() + report.message[1:])

    def closeEvent(self, event: QCloseEvent) -> None:
        acc.sign_out(self.ctx.db, now())
        super().closeEvent(event)
