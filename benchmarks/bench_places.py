"""Each place of the main window timed until its content is on screen: the place chosen,
its events handled, and every operation it started off the GUI thread (ui/operations.py)
finished with its results shown. Targets: the first opening 300 ms, later ones 150 ms."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

PLACE_FIRST_MS, PLACE_AGAIN_MS = 300.0, 150.0


def until_shown(app: Any) -> None:
    """Until what was asked is on screen: the events posted handled, and no operation
    running (each one's results handed to the GUI thread and shown there)."""
    from ui.operations import running

    app.processEvents()
    wait_for(app, lambda: not running())
    app.processEvents()


def wait_for(app: Any, done: Callable[[], bool]) -> None:
    """Qt's event loop run until `done()`, as the app's window runs it: waiting in
    `QEventLoop.exec` lets the worker threads have Python. (PySide6's
    `processEvents(WaitForMoreEvents, ms)` keeps it while it waits: a worker's work took
    twice as long under it, 110 ms to 140 ms for the Response place's results, 57 ms under
    `exec`, on a worker joined, or on the main thread alone.) Asked every 2 ms."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: loop.quit() if done() else None)
    timer.start()
    loop.exec()
    timer.stop()
    app.processEvents()


def place_figures(app: Any, window: Any) -> list[dict[str, Any]]:
    """Each place of the sidebar: its first opening and the median of three later ones, from
    another place until its content is shown."""
    from ui.places import numbers as place

    names = {place.TODAY: "Today", place.WORKLIST: "Worklist", place.PATIENTS: "Patients",
             place.ADVERSE_EVENTS: "Adverse events", place.RESPONSE: "Response",
             place.DEVIATIONS: "Deviations", place.PK_SAMPLES: "PK samples",
             place.ESCALATION: "Escalation", place.TO_SIGN: "To sign",
             place.QUERIES: "Queries", place.MONITORING: "Monitoring",
             place.PLANNER: "Planner", place.SPECIMENS: "Specimens"}

    def opening(p: int) -> float:
        window.go(place.WORKLIST if p != place.WORKLIST else place.TODAY)
        until_shown(app)
        start = time.perf_counter()
        window.go(p)
        until_shown(app)
        return time.perf_counter() - start

    places = []
    for number, name in names.items():
        first = opening(number)
        again = statistics.median(opening(number) for _ in range(3))
        places.append({"place": name, "first_ms": round(first * 1000, 1),
                       "again_ms": round(again * 1000, 1),
                       "ok": first * 1000 <= PLACE_FIRST_MS
                       and again * 1000 <= PLACE_AGAIN_MS})
    return places
