"""The idle lock, by keyboard: the window locks with a dialog open, keeps what was typed,
only the same password continues; the minutes are an administrator's setting."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.rules.protocol import default_protocol
from app.services import accounts as acc
from app.services.database import idle_lock_minutes, set_idle_lock_minutes
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.idle_lock import IdleLock
from ui.login import now

TODAY = date(2026, 11, 25)


def test_lock_keeps_the_input_and_takes_the_same_password(qtbot, sqlite_demo_site):
    from ui.dialogs import ScreenFailDialog

    sqlite_db = sqlite_demo_site(TODAY, patients=2)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY,
                  signed=acc.sign_in(sqlite_db, "nurse", "demo", now()))
    form = ScreenFailDialog(ctx, 1)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.fields["screen_fail_reason"], "half-typed reason")
    lock = IdleLock(form, ctx, 15)
    seen = []

    def unlock_by_keys():
        dialog = getattr(lock, "dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, unlock_by_keys)  # the lock is not up yet
            return
        seen.append(dialog.intro.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc neither unlocks nor signs out
        assert dialog.isVisible()
        qtbot.keyClicks(dialog.fields["password"], "wrong")
        qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
        seen.append(dialog.error.text())
        lock.timer.setInterval(15 * 60_000)  # once unlocked, not again at once
        qtbot.keyClicks(dialog.fields["password"], "demo")
        qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, unlock_by_keys)
    lock.timer.setInterval(1)
    lock.timer.start()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    qtbot.waitUntil(lambda: not lock.locked, timeout=3000)
    lock.timer.stop()
    assert "Nina Nurse (demo) (nurse) continues with their password" in seen[0]
    assert seen[1] == "Wrong password: nothing was signed"
    assert form.fields["screen_fail_reason"].text() == "half-typed reason"


def test_idle_minutes_are_a_setting_from_2_to_60(sqlite_db):
    assert idle_lock_minutes(sqlite_db) == 15
    set_idle_lock_minutes(sqlite_db, 5)
    assert idle_lock_minutes(sqlite_db) == 5
    with pytest.raises(InvalidEntry, match="2 to 60 minutes, not 61"):
        set_idle_lock_minutes(sqlite_db, 61)
