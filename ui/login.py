"""The door: sign in before the main window, and changing a password that was reset
(a new database's first administrator is made by the first-run wizard, ui/first_run.py).
Keyboard first: Enter signs in, Esc quits."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from app.clock import local_now as now
from app.services import accounts as acc
from app.services.database import Database
from app.services.errors import InvalidEntry
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
