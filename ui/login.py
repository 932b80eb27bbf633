"""The door: sign in before the main window, and changing a password that was reset
(a new database's first administrator is made by the first-run wizard, ui/first_run.py).
Keyboard first: Enter signs in, Esc quits."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton, QWidget

from app.infra.clock import local_now as now
from app.services import accounts as acc
from app.services.database import Database
from app.services.errors import ChainBroken, InvalidEntry, StorageProblem
from ui.forms import FormDialog
from ui.i18n import tr


class SignInDialog(FormDialog):
    """Account name and password; a reset password is changed before going on."""
    ask_before_discard = False  # a password: nothing to lose by closing

    def __init__(self, db: Database, demo: bool = False, parent: QWidget | None = None,
                 name: str = "") -> None:
        super().__init__(tr("Sign in to Site Tracker"), parent)
        self.db = db
        self.signed: acc.SignedIn | None = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Quit"))
        text = tr("Database: {display_name}.").format(display_name=db.display_name)
        if demo:
            text += (tr("\nDEMO: fictional accounts, one per role, each with the password "
                     "'demo': ") + ", ".join(n for n, _, _ in acc.DEMO_ACCOUNTS) + ".")
        self.intro.setText(text)
        self.intro.show()
        self.line("name", tr("Account"), name)
        self.password("password", tr("Password"))
        for w in (self.fields["name"], self.fields["password"]):
            w.returnPressed.connect(self.save)  # type: ignore[attr-defined]
        (self.fields["password"] if name else self.fields["name"]).setFocus()
        # a broken audit trail stops every sign-in: an administrator or a monitor can still
        # verify it, reading only
        self.verify_button = QPushButton(tr("&Verify the audit trail"))
        self.verify_button.clicked.connect(self.verify_trail)
        self.buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.hide()

    def storage_problem(self, exc: StorageProblem) -> None:
        super().storage_problem(exc)
        if isinstance(exc, ChainBroken):
            self.verify_button.show()

    def verify_trail(self) -> None:
        """`audit verify` for the account typed (administrator or monitor): nothing is
        written, not even this sign-in."""
        from app.services.audit_check import check_auditor
        from app.services.database import verify_audit_trail

        def act() -> None:
            password = self.fields["password"].text()  # type: ignore[attr-defined]
            check_auditor(self.db, self.read_text("name"), password, now())
            report = verify_audit_trail(self.db)
            if report.intact:
                QMessageBox.information(self, tr("Audit trail"), tr(
                    "The audit trail is intact: {count} entries.").format(count=report.count))
            else:
                QMessageBox.critical(self, tr("Audit trail"),
                                     report.message[0].upper() + report.message[1:]
                                     + "".join(f"\n{m}" for m in report.mismatches[1:10]))

        self.attempt(act)

    def save(self) -> None:
        def act() -> None:
            name = self.read_text("name")
            if not name:
                raise InvalidEntry("name", tr("Give your account name"))
            password = self.fields["password"].text()  # type: ignore[attr-defined]
            signed = acc.sign_in(self.db, name, password, now())
            if signed.must_change:
                change = ChangePasswordDialog(self.db, signed.name, password, self)
                if not change.exec():
                    acc.sign_out(self.db, now())
                    raise InvalidEntry("password", tr("Your password was reset: choose your own "
                                       "to go on"))
                signed = acc.SignedIn(signed.name, signed.printed_name, signed.role, False)
            self.signed = signed

        if self.attempt(act):
            self.accept()
        else:
            self.fields["password"].clear()  # type: ignore[attr-defined]


class ChangePasswordDialog(FormDialog):
    """Your own password: at least 8 characters, not a common one."""
    ask_before_discard = False  # a password: nothing to lose by closing

    def __init__(self, db: Database, name: str, current: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Choose your password"), parent)
        self.db, self.name = db, name
        self.intro.setText(tr("At least 8 characters and not a common password; a phrase of a "
                           "few words is easy to remember and hard to guess."))
        self.intro.show()
        self.password("current", tr("Current password"), current)
        self.password("new_password", tr("New password"))
        self.password("again", tr("New password again"))
        self.fields["new_password"].setFocus()

    def save(self) -> None:
        def act() -> None:
            new = self.read_new_password("new_password", differ=tr("The two new passwords differ"))
            acc.change_password(self.db, self.name,
                                self.fields["current"].text(),  # type: ignore[attr-defined]
                                new, now())

        if self.attempt(act):
            self.accept()
