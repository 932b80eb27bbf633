"""The idle lock: after some minutes without a key press or a click the window locks.

Nothing is closed: dialogs keep what was typed in them, under the lock. Only the same user
continues, with their password; anyone else can only sign out (which quits).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPushButton, QWidget

from app.infra.clock import local_now as now
from app.services.accounts import confirm_password, sign_out
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class UnlockDialog(FormDialog):
    ask_before_discard = False  # a password: nothing to lose by closing

    def __init__(self, ctx: Context, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(tr("Site Tracker is locked"), parent)
        self.ctx = ctx
        self.signed_out = False
        who = ctx.signed
        name = f"{who.printed_name} ({who.name})" if who else ctx.db.actor
        self.intro.setText(tr("Locked after {minutes} minutes without use. {name} "
                              "continues with their password; what was being typed is "
                              "kept. Anyone else signs out.").format(minutes=minutes, name=name))
        self.intro.show()
        w = self.password("password", tr("Password"))
        w.returnPressed.connect(self.save)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Continue"))
        self.buttons.removeButton(self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        out = QPushButton(tr("Sign out"))
        self.buttons.addButton(out, QDialogButtonBox.ButtonRole.DestructiveRole)
        out.clicked.connect(self.sign_out)
        w.setFocus()

    def reject(self) -> None:
        """Esc does not unlock, nor sign out by accident."""

    def sign_out(self) -> None:
        self.signed_out = True
        sign_out(self.ctx.db, now())
        self.done(0)

    def save(self) -> None:
        def act() -> None:
            confirm_password(self.ctx.db, self.ctx.db.actor,
                             self.field("password", QLineEdit).text(),
                             now(), "unlock")

        if self.attempt(act):
            self.accept()
        else:
            self.field("password", QLineEdit).clear()


class IdleLock(QObject):
    """Watches the application's input; locks the window after `minutes` without any."""

    def __init__(self, window: QWidget, ctx: Context, minutes: int) -> None:
        super().__init__(window)
        self.window, self.ctx, self.minutes = window, ctx, minutes
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(minutes * 60_000)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in ACTIVITY:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        from app.services.signing import end_sittings  # the signatures': when it locks

        end_sittings(self.ctx.db)  # a signature after the lock asks the password again
        parent = QApplication.activeModalWidget() or self.window
        dialog = UnlockDialog(self.ctx, self.minutes, parent)
        self.dialog = dialog
        dialog.exec()
        self.locked = False
        if dialog.signed_out:
            self.window.close()
            return
        self.timer.start()
