"""Reminders in the system tray (QSystemTrayIcon), where the desktop has one: every minute
the rules say what is new (app/rules/reminders.py), and the tray shows it once. Nothing is
sent outside the PC: no e-mail, no SMS."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from ui.context import Context
from ui.i18n import said

EVERY_MS = 60_000


class ReminderTray(QObject):
    """The window's tray icon and its reminders; inert where no tray is available."""

    def __init__(self, ctx: Context, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.seen: set[str] = set()
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(EVERY_MS)
        self.timer.timeout.connect(self.check)
        if self.available:
            self.icon = QSystemTrayIcon(window.windowIcon(), self)
            self.icon.setToolTip("Site Tracker")
            self.icon.show()
            self.timer.start()

    def check(self) -> list[str]:
        """Show what is new; returns the lines shown (or that would be, without a tray)."""
        from app.rules.reminders import tray_shows
        from app.services.reminders import reminders_now

        found = reminders_now(self.ctx.db, self.ctx.now(), seen=self.seen)
        self.seen.update(n.key for n in found)
        lines = [f"{said(n.title)}: {said(n.text)}" for n in found]
        if tray_shows(self.available, found) and self.icon is not None:
            self.icon.showMessage(said(found[0].title), "\n".join(said(n.text) for n in found))
        return lines


__all__ = ["ReminderTray"]
