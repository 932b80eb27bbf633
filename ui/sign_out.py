"""File > Sign out: the next person at a shared clinic PC signs in without the program
quitting. What is half-typed in an open dialog is asked about first; the sign-out is
audited at the door like any other; the window of the next account opens in its place."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ui.forms import FormDialog

if TYPE_CHECKING:
    from ui.context import Context


def open_dialogs() -> list[FormDialog]:
    """The data-entry dialogs on screen, the newest (the one on top) first."""
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, FormDialog) and w.isVisible()]
    return shown[::-1]


def may_leave() -> bool:
    """Whether every open dialog may close: nothing typed, or its user says discard."""
    return all(dialog.may_discard() for dialog in open_dialogs())


def window_for(ctx: Context) -> QMainWindow:
    """The window an account works in: the administrator's, or the main window."""
    if ctx.signed is not None and ctx.signed.role == "admin":
        from ui.admin_window import AdminWindow

        return AdminWindow(ctx, ctx.signed)
    from ui.main_window import MainWindow

    return MainWindow(ctx)


def sign_out(window: QWidget, ctx: Context) -> QMainWindow | None:
    """Sign the user out and show the sign-in window; the next account's window replaces
    `window` (returned), or, when the sign-in window is left by Quit, the program ends
    (None). Nothing happens when a dialog's user keeps what they typed."""
    from app.infra.clock import local_now as now
    from app.services.accounts import sign_out as audited_sign_out
    from ui.app import signed_in

    if not may_leave():
        return None
    for dialog in open_dialogs():
        dialog.done(0)
    audited_sign_out(ctx.db, now())
    window.hide()
    signed = signed_in(ctx.db, ctx.demo)
    if signed is None:
        window.close()
        return None
    following = window_for(replace(ctx, signed=signed))
    following.show()
    window.close()
    window.deleteLater()
    return following
