"""One way to work off the GUI thread, as Anki's operations do (aqt/operations, aqt/taskman).

An `Operation` runs its work on a pool of worker threads and returns at once: the window keeps
painting and answering. Its success or failure callback runs later on the GUI thread. A
failure nobody takes is said in a worded message (never a traceback; one nobody foresaw also
goes to the log file). A progress window shows when the work lasts, and its Cancel (or Esc)
asks the work to stop at its next safe point. What the work changed is announced once,
app-wide (`data_events().changed`, with the `Changes`): the places listen to it and read again
what they show, instead of a window telling each page.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ui.i18n import said, tr

T = TypeVar("T")


class Cancelled(Exception):
    """The user cancelled the work before it changed anything."""


@dataclass(frozen=True)
class Changes:
    """What an operation (or a dialog's save) changed, as the places need to know it."""

    records: bool = False  # the clinical data: patients, visits, events, samples, scans
    settings: bool = False  # the site's or this workstation's settings
    clock: bool = False  # the site's time zone: every time on screen is said again
    dictionary: bool = False  # the CTCAE terms events are coded to

    @property
    def shown(self) -> bool:
        """Whether what a place shows (its rows, their times) may have changed."""
        return self.records or self.clock


class DataEvents(QObject):
    """The app-wide news of changed data: (Changes, the initiator or None)."""

    changed = Signal(object, object)


class _Relay(QObject):
    """Hands a call from a worker thread to the GUI thread (a queued signal)."""

    arrived = Signal(object)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.arrived.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _call(self, call: Callable[[], object]) -> None:
        call()


_events: DataEvents | None = None
_relay: _Relay | None = None


def data_events() -> DataEvents:
    """The one "data changed" signal of the application."""
    global _events
    if _events is None or not shiboken6.isValid(_events):
        _events = DataEvents(QCoreApplication.instance())
    return _events


def announce(changes: Changes, initiator: object | None = None) -> None:
    """Tell every place what changed (on the GUI thread): each reads again what it shows."""
    data_events().changed.emit(changes, initiator)


class _Follower(QObject):
    """A widget's ear for the news: goes with the widget (its child)."""

    def __init__(self, widget: QWidget, refresh: Callable[[], object],
                 concerns: Callable[[Changes], bool]) -> None:
        super().__init__(widget)
        self._widget, self._refresh, self._concerns = widget, refresh, concerns
        data_events().changed.connect(self._heard)

    @Slot(object, object)
    def _heard(self, changes: Changes, initiator: object) -> None:
        if initiator is not self._widget and self._concerns(changes) \
                and self._widget.isVisible():
            self._refresh()


def follow(widget: QWidget, refresh: Callable[[], object],
           concerns: Callable[[Changes], bool] = lambda changes: changes.shown) -> None:
    """`refresh` the widget when data it shows changed elsewhere, if it is on screen (one
    out of sight reads its data when shown)."""
    _Follower(widget, refresh, concerns)


def _gui_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay(QCoreApplication.instance())
    return _relay


class _Pool:
    """Worker threads taking work in turn. Daemons: quitting never waits for a reading."""

    def __init__(self, name: str, workers: int) -> None:
        self._name = name
        self._workers = workers
        self._tasks: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def submit(self, task: Callable[[], None]) -> None:
        with self._lock:
            if not self._threads:
                for n in range(self._workers):
                    thread = threading.Thread(target=self._serve, daemon=True,
                                              name=f"{self._name} {n + 1}")
                    thread.start()
                    self._threads.append(thread)
        self._tasks.put(task)

    def _serve(self) -> None:
        while True:
            self._tasks.get()()


# work that changes data goes one at a time, in the order asked; readings side by side
_WRITING = _Pool("operation (changes)", 1)
_READING = _Pool("operation (reads)", 3)
_running: set[Operation[Any]] = set()
# every operation until its worker let go of it: the last reference to an operation (and
# to the widgets its work and callbacks hold) is dropped on the GUI thread, never on a
# worker, where freeing a Qt object's wrapper is not safe
_alive: dict[int, Operation[Any]] = {}


def _on_worker(key: int) -> None:
    """A worker's turn: the operation's work, then a note to the GUI thread that the worker
    holds it no more (the GUI thread drops it, after its callbacks ran)."""
    operation: Operation[Any] | None = _alive.get(key)
    if operation is None:
        return
    relay = operation._relay
    operation._work_and_report()
    del operation
    with contextlib.suppress(RuntimeError):  # the application closed meanwhile
        relay.arrived.emit(partial(_alive.pop, key, None))


def running() -> int:
    """How many operations have not finished yet (their callbacks not run)."""
    return len(_running)


class Job:
    """What the work holds on its worker thread: whether to stop, and a way to send news
    (a first result before the rest) to the GUI thread."""

    def __init__(self, tell: Callable[[object], None]) -> None:
        self._cancel = threading.Event()
        self._tell = tell

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def tell(self, news: object) -> None:
        self._tell(news)


def show_failure(parent: QWidget | None, title: str, exc: Exception) -> None:
    """A failure said in words: a rule's or the storage's message as it is worded; one
    nobody foresaw in the same plain sentence as the app's error window, its traceback to
    the log file. A cancel the user asked for says nothing."""
    from app.errors import Worded
    from app.services.errors import StorageProblem

    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, Worded | StorageProblem | OSError):
        QMessageBox.warning(parent, title, said(exc))
        return
    from app.infra.logs import record_failure

    where = record_failure(exc)
    QMessageBox.critical(
        parent, title,
        tr("Something went wrong: {exc}\n\nNothing already saved was lost. ").format(exc=exc)
        + (tr("The details are in {where}.").format(where=where) if where else ""))


class Operation(Generic[T]):
    """`work(job)` off the GUI thread; then `success(result)` or `failure(exc)` on it.

    Operation(window, work, title=...).with_progress(label).success(show).run()
    `changes`: what the work changes (it then runs in turn with the other changes, and the
    changes are announced after `success`).
    """

    def __init__(self, parent: QWidget | None, work: Callable[[Job], T], *, title: str) -> None:
        self._parent = parent
        self._work = work
        self._title = title
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[Exception], object] | None = None
        self._on_news: Callable[[object], object] | None = None
        self._changes: Changes | Callable[[T], Changes] | None = None
        self._initiator: object | None = None
        self._label: str | None = None
        self._show_after_ms = 300
        self._progress: QProgressDialog | None = None
        self._done = False
        self.job = Job(self._told)

    def success(self, then: Callable[[T], object]) -> Operation[T]:
        self._on_success = then
        return self

    def failure(self, then: Callable[[Exception], object]) -> Operation[T]:
        """Take the failure here instead of the worded message."""
        self._on_failure = then
        return self

    def news(self, then: Callable[[object], object]) -> Operation[T]:
        """What the work tells (`job.tell`) before it ends, on the GUI thread."""
        self._on_news = then
        return self

    def changes(self, what: Changes | Callable[[T], Changes], initiator: object | None = None
                ) -> Operation[T]:
        self._changes, self._initiator = what, initiator
        return self

    def with_progress(self, label: str, *, show_after_ms: int = 300) -> Operation[T]:
        """A progress window with Cancel, shown if the work lasts `show_after_ms`."""
        self._label, self._show_after_ms = label, show_after_ms
        return self

    @property
    def done(self) -> bool:
        """Whether the work ended and its callbacks ran."""
        return self._done

    def run(self) -> Operation[T]:
        """Start the work (from the GUI thread) and return at once."""
        self._relay = _gui_relay()
        _running.add(self)  # counted until its callbacks ran
        _alive[id(self)] = self  # kept until the worker let go of it (on the GUI thread)
        if self._label is not None:
            self._progress = self._progress_window(self._label)
            QTimer.singleShot(self._show_after_ms, self._show_progress)
        (_WRITING if self._changes is not None else _READING).submit(partial(_on_worker,
                                                                              id(self)))
        return self

    # --- on the worker thread -------------------------------------------------------------
    def _work_and_report(self) -> None:
        try:
            result = self._work(self.job)
        except BaseException as exc:  # handed to the GUI thread, said there
            self._post(partial(self._failed, exc))
        else:
            self._post(partial(self._succeeded, result))

    def _told(self, news: object) -> None:
        self._post(partial(self._news, news))

    def _post(self, call: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the application closed meanwhile
            self._relay.arrived.emit(call)

    # --- on the GUI thread ----------------------------------------------------------------
    def _progress_window(self, label: str) -> QProgressDialog:
        progress = QProgressDialog(label, tr("Cancel"), 0, 0, self._parent)
        progress.setWindowTitle(self._title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.hide()
        progress.canceled.connect(self.job.cancel)
        progress.rejected.connect(self.job.cancel)  # Esc, as Cancel
        return progress

    def _show_progress(self) -> None:
        if not self._done and self._progress is not None \
                and shiboken6.isValid(self._progress):  # not gone with its window
            self._progress.show()

    def _finish(self) -> None:
        self._done = True
        _running.discard(self)
        if self._progress is not None and shiboken6.isValid(self._progress):
            self._progress.reset()
            self._progress.hide()
            self._progress.deleteLater()
        self._progress = None

    def _news(self, news: object) -> None:
        if not self._done and self._on_news is not None:
            self._on_news(news)

    def _succeeded(self, result: T) -> None:
        self._finish()
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            if self._changes is not None:
                what = self._changes if isinstance(self._changes, Changes) \
                    else self._changes(result)
                announce(what, self._initiator)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if not isinstance(exc, Exception):  # an interrupt, an exit: as it was
            raise exc
        if self._on_failure is not None:
            self._on_failure(exc)
        else:  # said over the window that asked, or on its own if that window is gone
            parent = self._parent
            show_failure(parent if parent is not None and shiboken6.isValid(parent) else None,
                         self._title, exc)


__all__ = ["Cancelled", "Changes", "Job", "Operation", "announce", "data_events", "follow",
           "running", "show_failure"]
