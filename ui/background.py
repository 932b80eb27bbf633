"""Long work off the GUI thread: the window keeps painting and answering while it runs, a
progress window shows after a moment, Cancel asks the work to stop at its next safe point,
and an error comes back to the caller as the exception it was (said in a message there)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ui.i18n import tr

T = TypeVar("T")


class Cancelled(Exception):
    """The user cancelled the work before it changed anything."""


def run_in_background(parent: QWidget | None, title: str, label: str,
                      work: Callable[[threading.Event], T], *,
                      show_after_ms: int = 300) -> T:
    """Run `work(cancel)` on a worker thread and wait for it without blocking the window.
    `cancel` is set by the progress window's Cancel: the work checks it where stopping
    loses nothing, and raises Cancelled."""
    cancel = threading.Event()
    values: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            values.append(work(cancel))
        except BaseException as exc:  # handed back to the caller's thread
            errors.append(exc)

    worker = threading.Thread(target=target, name=f"background: {title}",
                              daemon=True)
    progress = QProgressDialog(label, tr("Cancel"), 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.hide()
    # quick work never flashes a window; longer work shows it after `show_after_ms`
    def show_while_working() -> None:
        if worker.is_alive():
            progress.show()

    QTimer.singleShot(show_after_ms, show_while_working)
    progress.canceled.connect(cancel.set)
    progress.rejected.connect(cancel.set)  # Esc, as Cancel
    worker.start()
    while worker.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        worker.join(0.02)
    progress.reset()
    progress.hide()  # now: a deleteLater before any event loop runs waits for one
    progress.deleteLater()
    if errors:
        raise errors[0]
    return values[0]


__all__ = ["Cancelled", "run_in_background"]
