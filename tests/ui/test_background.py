"""Work off the GUI thread: the window answers meanwhile, the result or the error comes back,
and Esc on the progress window cancels before anything changes."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ui.background import Cancelled, run_in_background


def test_the_window_keeps_answering_while_the_work_runs(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)

    def work(cancel: threading.Event) -> int:
        time.sleep(0.4)
        return 42

    assert run_in_background(window, "Work", "working…", work) == 42
    timer.stop()
    assert len(ticks) >= 5  # the event loop ran all along
    # the progress window went with the work, even before any event loop deletes it
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.isVisible()]


def test_an_error_comes_back_as_itself(qtbot):
    def work(cancel: threading.Event) -> None:
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        run_in_background(None, "Work", "working…", work)


def test_esc_on_the_progress_window_cancels(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()

    def press_esc() -> None:
        progress = next(w for w in QApplication.topLevelWidgets()
                        if isinstance(w, QProgressDialog) and w.isVisible())
        qtbot.keyClick(progress, Qt.Key.Key_Escape)

    QTimer.singleShot(250, press_esc)

    def work(cancel: threading.Event) -> None:
        for _ in range(200):
            if cancel.is_set():
                raise Cancelled("stopped before changing anything")
            time.sleep(0.01)

    with pytest.raises(Cancelled):
        run_in_background(window, "Work", "working…", work, show_after_ms=0)
