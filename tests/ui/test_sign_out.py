"""File > Sign out at a shared clinic PC: back to the sign-in window without quitting, a
half-typed dialog asked about first, the sign-out audited at the door."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.rules.protocol import default_protocol
from app.services import accounts as acc
from db.accounts import AccessEvent
from tests.ui.conftest import activate
from ui.context import Context
from ui.login import SignInDialog, now
from ui.main_window import MainWindow

TODAY = date(2026, 11, 25)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def nurse_window(qtbot, sqlite_demo_site):  # type: ignore[no-untyped-def]
    from ui.sign_out import open_dialogs

    for left in open_dialogs():  # a dialog an earlier test of this process left on screen
        left.close()             # is not this test's to ask about (a close by the program)
        left.deleteLater()
    sqlite_db = sqlite_demo_site(TODAY, patients=2)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY, demo=True,
                  signed=acc.sign_in(sqlite_db, "nurse", "demo", now()))
    window = MainWindow(ctx)
    activate(window)
    yield window
    import shiboken6

    if shiboken6.isValid(window):  # not deleted by a sign-out
        window.close()
        window.deleteLater()


def _events(db):  # type: ignore[no-untyped-def]
    with db.reading(purpose=None) as s:
        return [tuple(r) for r in s.execute(select(AccessEvent.account, AccessEvent.event)
                                            .order_by(AccessEvent.id))]


def _signing_in_as(qtbot, name: str | None, shown: list[str]):  # type: ignore[no-untyped-def]
    """The sign-in window's exec: the next person types their name and password and
    presses Enter (None: they press Quit)."""
    def run(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        shown.append(dialog.windowTitle())
        if name is None:
            dialog.buttons.rejected.emit()
            return 0
        qtbot.keyClicks(dialog.fields["name"], name)
        qtbot.keyClicks(dialog.fields["password"], "demo")
        qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
        return int(dialog.result())
    return run


def test_sign_out_returns_to_the_sign_in_window_for_the_next_person(qtbot, nurse_window,
                                                                    monkeypatch):
    db = nurse_window.ctx.db
    shown: list[str] = []
    monkeypatch.setattr(SignInDialog, "exec", _signing_in_as(qtbot, "investigator", shown))
    assert nurse_window.sign_out_action.text() == "Sign &out / switch user…"
    qtbot.keyClick(nurse_window, Qt.Key.Key_Q, CTRL_SHIFT)
    assert shown == ["Sign in to Site Tracker"]
    assert not nurse_window.isVisible()
    following = next(w for w in _windows() if w is not nurse_window and w.isVisible())
    qtbot.addWidget(following)
    assert following.ctx.signed.name == "investigator" and db.actor == "investigator"
    assert "investigator" in following.user_label.text()
    assert ("nurse", "logout") in _events(db) and _events(db)[-1] == ("investigator", "login")


def _windows():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_a_half_typed_dialog_asks_first(qtbot, nurse_window, monkeypatch):
    from ui.dialogs import ScreenFailDialog

    db = nurse_window.ctx.db
    form = ScreenFailDialog(nurse_window.ctx, 1, nurse_window)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.fields["screen_fail_reason"], "half-typed reason")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or answers.pop(0))
    shown: list[str] = []
    monkeypatch.setattr(SignInDialog, "exec", _signing_in_as(qtbot, None, shown))
    nurse_window.sign_out_action.trigger()           # kept: nothing happens
    assert asked == ["Discard what you typed in this window?"] and shown == []
    assert form.isVisible() and ("nurse", "logout") not in _events(db)
    assert form.fields["screen_fail_reason"].text() == "half-typed reason"
    nurse_window.sign_out_action.trigger()           # discarded: out, then Quit at the door
    assert len(asked) == 2 and not form.isVisible() and shown == ["Sign in to Site Tracker"]
    assert ("nurse", "logout") in _events(db)
    assert not nurse_window.isVisible()              # Quit at the door ends the program
