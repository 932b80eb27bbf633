"""The reminders' tray offscreen (issue 38, item 5): no tray is available there, so nothing
is shown and no timer runs, but the check still finds what is new, once."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget

from app.services.booking import Choice, book_visit
from tests.ui.test_booking_ui import TODAY, _ctx, _unit
from ui.tray import ReminderTray


def test_the_tray_decides_without_a_tray(qtbot, ctx):
    ctx = _ctx(ctx)
    (pid,) = _unit(ctx)
    book_visit(ctx.db, ctx.protocol, pid, "LI48", Choice("LI48", datetime(2026, 1, 7, 9, 0)),
               TODAY)
    window = QWidget()
    qtbot.addWidget(window)
    tray = ReminderTray(ctx, window)
    assert tray.available is False and tray.icon is None and not tray.timer.isActive()
    lines = tray.check()
    assert "Booking to confirm: 101-001 LI48 tomorrow at 09:00 has no nurse yet" in lines
    assert "Visit to book: 101-001 LI24: its window opens 06-JAN-2026, not booked yet" in lines
    assert tray.check() == []  # said once
