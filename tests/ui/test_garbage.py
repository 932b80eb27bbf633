"""Cycles are collected on the GUI thread only (ui/garbage.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication, QWidget

from ui.garbage import GuiThreadCollector, collect_due, collect_on_gui_thread


class _Cycle:
    """A widget held in a reference cycle, as a dialog and its own slots are."""

    def __init__(self) -> None:
        self.widget = QWidget()
        self.me = self
        self.freed_on: list[str] = []


def test_the_app_switches_the_automatic_collector_off_and_collects_on_a_timer(qtbot):
    app = QApplication.instance()
    was = gc.isenabled()
    try:
        collector = collect_on_gui_thread(app)
        assert collect_on_gui_thread(app) is collector  # once per application
        assert not gc.isenabled()
        assert collector._timer.isActive()
    finally:
        app.findChild(GuiThreadCollector).deleteLater()
        qtbot.wait(1)
        if was:
            gc.enable()


def test_a_worker_thread_allocating_never_frees_a_widget_there(qtbot):
    """With the collector off, a worker's allocations leave a dropped window's cycle for the
    GUI thread's collection, which frees it."""
    import weakref

    was = gc.isenabled()
    gc.disable()
    try:
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        del cycle
        worker = threading.Thread(target=lambda: [[object()] for _ in range(100_000)])
        worker.start()
        worker.join()
        assert alive() is not None  # the worker's allocations collected nothing
        collect_due((0, 0, 0))  # every generation due: what the GUI thread's timer does
        assert alive() is None
    finally:
        if was:
            gc.enable()
