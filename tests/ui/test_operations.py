"""Work off the GUI thread (ui/operations.py): the call returns at once and the window answers
meanwhile; the result comes back on the GUI thread; a failure is said in words, never a
traceback; Esc on the progress window cancels before anything changes; what changed is
announced once, app-wide."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from app.errors import InvalidEntry
from ui.operations import Cancelled, Changes, Job, Operation, data_events, running


def _progress_windows() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()]


def _said(monkeypatch) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The message windows shown (kind, text), instead of showing them."""
    said: list[tuple[str, str]] = []
    for kind in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, k=kind: said.append((k, text))))
    return said


def test_the_call_returns_at_once_and_the_result_comes_on_the_gui_thread(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    got: list[tuple[int, bool]] = []
    release = threading.Event()

    def work(job: Job) -> int:
        release.wait(5)
        time.sleep(0.3)
        return 42

    Operation(window, work, title="Work").with_progress("working…").success(
        lambda n: got.append((n, threading.current_thread() is threading.main_thread()))).run()
    assert got == [] and running() == 1  # returned before the work ended
    release.set()
    qtbot.waitUntil(lambda: got != [], timeout=5000)
    timer.stop()
    assert got == [(42, True)] and running() == 0
    assert len(ticks) >= 5  # the event loop ran all along
    qtbot.waitUntil(lambda: not _progress_windows())  # the progress window went with it


def test_a_worded_failure_is_said_as_worded(qtbot, monkeypatch):
    said = _said(monkeypatch)

    def work(job: Job) -> None:
        raise InvalidEntry("file", "{path} is not a CTCAE workbook", path="x.xlsx")

    Operation(None, work, title="Work").success(lambda _: said.append(("ok", ""))).run()
    qtbot.waitUntil(lambda: said != [], timeout=5000)
    assert said == [("warning", "x.xlsx is not a CTCAE workbook")]


def test_an_unforeseen_failure_is_a_plain_sentence_and_goes_to_the_log(qtbot, monkeypatch):
    said = _said(monkeypatch)
    logged: list[BaseException] = []
    monkeypatch.setattr("app.infra.logs.record_failure", lambda exc: logged.append(exc) or None)

    def work(job: Job) -> None:
        raise KeyError("row")

    Operation(None, work, title="Work").run()
    qtbot.waitUntil(lambda: said != [], timeout=5000)
    (kind, text), = said
    assert kind == "critical" and text.startswith("Something went wrong")
    assert "Traceback" not in text and isinstance(logged[0], KeyError)


def test_a_failure_the_caller_takes_is_not_shown(qtbot, monkeypatch):
    said = _said(monkeypatch)
    taken: list[Exception] = []

    def work(job: Job) -> None:
        raise OSError("disk gone")

    Operation(None, work, title="Work").failure(taken.append).run()
    qtbot.waitUntil(lambda: taken != [], timeout=5000)
    assert str(taken[0]) == "disk gone" and said == []


def test_esc_on_the_progress_window_cancels_and_says_nothing(qtbot, monkeypatch):
    said = _said(monkeypatch)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    stopped: list[Exception] = []

    def work(job: Job) -> None:
        for _ in range(500):
            if job.cancelled():
                raise Cancelled("stopped before changing anything")
            time.sleep(0.01)

    operation = Operation(window, work, title="Work").with_progress("working…", show_after_ms=0)
    operation.changes(Changes(records=True)).run()
    qtbot.waitUntil(lambda: _progress_windows() != [], timeout=5000)
    with qtbot.assertNotEmitted(data_events().changed, wait=100):
        qtbot.keyClick(_progress_windows()[0], Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: running() == 0, timeout=5000)
    assert operation.job.cancelled() and said == [] and stopped == []


def test_what_changed_is_announced_once_after_success(qtbot):
    order: list[str] = []

    def heard(changes: Changes, initiator: object) -> None:
        order.append(f"changed records={changes.records} by {initiator}")

    data_events().changed.connect(heard)
    try:
        Operation(None, lambda job: "done", title="Work").success(order.append).changes(
            Changes(records=True), initiator="me").run()
        qtbot.waitUntil(lambda: len(order) == 2, timeout=5000)
    finally:
        data_events().changed.disconnect(heard)
    assert order == ["done", "changed records=True by me"]


def test_news_comes_before_the_result(qtbot):
    heard: list[object] = []

    def work(job: Job) -> str:
        job.tell("first")
        return "rest"

    Operation(None, work, title="Work").news(heard.append).success(heard.append).run()
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
    assert heard == ["first", "rest"]


def test_changes_go_one_at_a_time_in_the_order_asked(qtbot):
    seen: list[int] = []
    inside = threading.Lock()

    def work(n: int) -> int:
        assert inside.acquire(blocking=False), "two changes at once"
        time.sleep(0.02)
        inside.release()
        return n

    for n in range(4):
        Operation(None, lambda job, n=n: work(n), title="Work").changes(Changes()).success(
            seen.append).run()
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5000)
    assert seen == [0, 1, 2, 3]


def test_a_window_closed_before_the_work_ends_gets_no_callback_crash(qtbot, monkeypatch):
    said = _said(monkeypatch)
    window = QWidget()
    release = threading.Event()

    def work(job: Job) -> None:
        release.wait(5)
        raise OSError("disk gone")

    operation = Operation(window, work, title="Work").with_progress("working…",
                                                                    show_after_ms=0).run()
    window.deleteLater()
    qtbot.wait(50)  # the window and its progress window gone
    release.set()
    qtbot.waitUntil(lambda: operation.done, timeout=5000)
    assert said == [("warning", "disk gone")]  # said on its own
