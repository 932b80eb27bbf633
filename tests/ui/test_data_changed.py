"""One app-wide "data changed" signal (ui/operations.py): the place on screen reads again what
it shows, a place out of sight waits until it is shown, and a setting saved reaches the
place that shows it, without the window telling each page."""

from __future__ import annotations

from tests.ui.conftest import activate, enrolled
from ui.main_window import PATIENTS, WORKLIST, MainWindow
from ui.operations import Changes, announce
from ui.workstation import workstation


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    qtbot.waitUntil(lambda: window.today.loaded)
    return window


def test_the_place_on_screen_reads_again_one_out_of_sight_when_shown(qtbot, ctx,
                                                                     monkeypatch):
    enrolled(ctx)
    window = _window(qtbot, ctx)
    worklist = window.worklist  # built, then left for the Patients place
    window.go(PATIENTS)
    patients = window.patients
    assert patients.model.rowCount() == 1 and not worklist.isVisible()
    read: list[str] = []
    monkeypatch.setattr(type(worklist), "refresh", lambda self: read.append("worklist"))
    enrolled(ctx, "101-002")  # saved elsewhere (another dialog, another operation)
    assert patients.model.rowCount() == 1
    announce(Changes(records=True))
    assert patients.model.rowCount() == 2 and read == []  # the worklist waits
    window.go(WORKLIST)
    assert read == ["worklist"]  # read when shown


def test_a_change_that_shows_nowhere_reads_nothing_again(qtbot, ctx, monkeypatch):
    window = _window(qtbot, ctx)
    window.go(PATIENTS)
    read: list[str] = []
    monkeypatch.setattr(type(window.patients), "refresh", lambda self: read.append("read"))
    announce(Changes(dictionary=True))
    assert read == []
    announce(Changes(clock=True))  # every time on screen said on the site's new clock
    assert read == ["read"]


def test_the_worklist_reads_this_workstation_s_horizon_when_settings_change(qtbot, ctx):
    window = _window(qtbot, ctx)
    window.go(WORKLIST)
    before = window.worklist.days.value()
    workstation().setValue("worklist_days", before + 7)
    try:
        announce(Changes(settings=True))
        assert window.worklist.days.value() == before + 7
    finally:
        workstation().setValue("worklist_days", before)
