"""A new demo is filled off the GUI thread: the window keeps answering, Esc on the progress
window stops the fill with nothing written, and the next start fills it again."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from sqlalchemy import func, select

from app.rules.protocol import default_protocol
from app.services.accounts import has_accounts
from app.services.demo_flag import is_demo
from db.models import Patient
from ui.app import fill_demo

TODAY = date(2026, 11, 25)


def _patients(db) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Patient)) or 0


def _filled(qtbot, db) -> bool:  # type: ignore[no-untyped-def]
    """Fill the demo and wait for its answer (the call itself returns at once)."""
    answers: list[bool] = []
    fill_demo(db, default_protocol(), TODAY, answers.append)
    assert answers == []  # not yet: the fill runs off the GUI thread
    qtbot.waitUntil(lambda: answers != [], timeout=120_000)
    return answers[0]


@pytest.mark.slow  # the whole demo filled
def test_the_demo_is_filled_in_the_background(qtbot, sqlite_db, monkeypatch):
    """The GUI thread's events go on while the fill works. The fill now takes about a
    second; each patient is made to take 20 ms longer (a slow disk), so that the fill
    lasts long enough to tell a GUI thread that answers from one the fill holds, however
    loaded the machine (a fill on the GUI thread would let no tick through at all)."""
    import app.services.demo as demo

    store = demo._store

    def slowly(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.02)
        store(*args, **kwargs)

    monkeypatch.setattr(demo, "_store", slowly)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))  # the GUI thread's events go on
    timer.start(20)
    assert _filled(qtbot, sqlite_db)
    timer.stop()
    assert _patients(sqlite_db) > 40 and is_demo(sqlite_db) and has_accounts(sqlite_db)
    assert len(ticks) >= 3


@pytest.mark.slow  # the whole demo filled
def test_esc_on_the_progress_window_stops_the_fill_with_nothing_written(qtbot, sqlite_db,
                                                                       monkeypatch):
    import app.services.demo as demo

    store = demo._store

    def slowly(*args, **kwargs):  # type: ignore[no-untyped-def]  # a slow disk: time to press Esc
        time.sleep(0.05)
        store(*args, **kwargs)

    monkeypatch.setattr(demo, "_store", slowly)
    def press_esc() -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QProgressDialog) and w.isVisible()]
        if not shown:  # not on screen yet: look again
            QTimer.singleShot(50, press_esc)
            return
        qtbot.keyClick(shown[0], Qt.Key.Key_Escape)

    QTimer.singleShot(50, press_esc)
    assert not _filled(qtbot, sqlite_db)
    assert _patients(sqlite_db) == 0 and not has_accounts(sqlite_db)
    monkeypatch.setattr(demo, "_store", store)
    assert _filled(qtbot, sqlite_db)  # the next start fills it
    assert _patients(sqlite_db) > 40
