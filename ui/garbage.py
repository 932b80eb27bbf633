"""Python's cycle collector runs on the GUI thread only.

The automatic collector runs in whichever thread is allocating when a threshold is crossed:
a worker of ui/operations.py, or any other thread. Collecting there frees the Qt objects
held in reference cycles (a closed dialog and the slots that point back at it) on that
thread, which Qt forbids: its memory is corrupted, and a later collection ends the process
("Fatal Python error: Segmentation fault ... Garbage-collecting"), losing what the nurse
was typing. As Anki and calibre do, the automatic collector is switched off and a timer on
the GUI thread collects, generation by generation, when the thresholds say it is due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

#: how often the GUI thread looks whether a collection is due (a look costs nothing)
INTERVAL_MS = 500


def collect_due(thresholds: tuple[int, int, int]) -> int:
    """Collect the generations the automatic collector would have collected by now (on the
    calling thread, which must be the GUI thread); how many objects were unreachable."""
    young, middle, old = gc.get_count()
    found = 0
    if young > thresholds[0]:
        found = gc.collect(0)
        if middle > thresholds[1]:
            found = gc.collect(1)
            if old > thresholds[2]:
                found = gc.collect(2)
    return found


class GuiThreadCollector(QObject):
    """Switches the automatic collector off and collects on the GUI thread instead."""

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        threshold = gc.get_threshold()
        self._thresholds = (threshold[0], threshold[1], threshold[2])
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)

    @Slot()
    def collect(self) -> None:
        collect_due(self._thresholds)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector on the application (call once, on the GUI thread)."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
