"""The Specimens place by keyboard: a lead-in PK day's 7 tubes at the bench, each scanned
and spun and frozen with F7 and F8 (one at "now", the others at the time typed), one spun
late and one frozen late; the clocks coloured as they run; the aliquots stored in a new box
from its grid by the arrows and Enter, a taken position refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.specimens import tube
from tests.app.services.specimen_day import DOSE, TUBES, draw_the_day, tube_id
from tests.conftest import SITE_ZONE
from tests.ui.conftest import activate, enrolled
from ui.context import Context
from ui.main_window import MainWindow
from ui.places.numbers import SPECIMENS

DAY = date(2026, 1, 5)


@pytest.fixture
def bench_ctx(ctx, monkeypatch):
    """The window on the PK day, its clock at a time the test sets."""
    clock = {"now": datetime(2026, 1, 5, 16, 10, tzinfo=SITE_ZONE)}
    monkeypatch.setattr(Context, "now", lambda self: clock["now"])
    day_ctx = Context(ctx.db, ctx.protocol, clock=lambda: DAY)
    from app.services.site_time import set_site_zone

    set_site_zone(ctx.db, "Europe/Paris")
    draw_the_day(ctx.db, ctx.protocol, enrolled(ctx))
    return day_ctx, clock


def _scan(qtbot, bench, code: str, at: str, key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(bench.scan, code)
    qtbot.keyClick(bench.scan, Qt.Key.Key_Return)
    if at:
        qtbot.keyClicks(bench.at, at)
    qtbot.keyClick(bench.table, key)


def test_a_pk_day_at_the_bench_by_keys(qtbot, bench_ctx):
    ctx, clock = bench_ctx
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    window.sidebar.setFocus()
    window.sidebar.setCurrentRow(SPECIMENS)
    page = window.place(SPECIMENS)
    bench = page.bench
    assert len(bench.model.rows) == 7
    last = bench.model.rows[-1]  # the 8 h tube, drawn 16:00: its spin due by 16:30
    assert bench.model.data(bench.model.index(6, 4)) == "20 min left (by 16:30)"
    clock["now"] = datetime(2026, 1, 5, 16, 22, tzinfo=SITE_ZONE)
    page._tick()
    assert bench.model.rows[-1].clocks[0].state.colour == "amber"

    late = {"1h": 41, "2h": 20}
    for tp, m in TUBES.items():
        if tp == "8h":
            continue
        drawn = DOSE + timedelta(minutes=m)
        spin = drawn + timedelta(minutes=late.get(tp, 20))
        _scan(qtbot, bench, tube_id(tp), f"{spin:%H:%M}", Qt.Key.Key_F7)
    _scan(qtbot, bench, last.tube_id, "", Qt.Key.Key_F7)  # now: 16:22
    clock["now"] = datetime(2026, 1, 5, 16, 50, tzinfo=SITE_ZONE)
    for tp, m in TUBES.items():
        drawn = DOSE + timedelta(minutes=m)
        freeze = drawn + timedelta(minutes=75 if tp == "2h" else 50)
        _scan(qtbot, bench, tube_id(tp), "" if tp == "8h" else f"{freeze:%H:%M}",
              Qt.Key.Key_F8)
    assert "frozen" in bench.message.text()
    done = {tp: tube(ctx.db, tube_id(tp), clock["now"]) for tp in TUBES}
    assert done["8h"].spun_at == datetime(2026, 1, 5, 16, 22, tzinfo=SITE_ZONE)
    assert done["8h"].frozen_at == datetime(2026, 1, 5, 16, 50, tzinfo=SITE_ZONE)
    deviations = {tp: [(d.step, d.minutes_late) for d in t.deviations]
                  for tp, t in done.items() if t.deviations}
    assert deviations == {"1h": [("spin", 11)], "2h": [("freeze", 15)]}
    assert all(len(t.aliquots) == 2 for t in done.values())

    # a spin now, after the tube was frozen, and a spin before the draw: refused, kept
    _scan(qtbot, bench, tube_id("pre"), "", Qt.Key.Key_F7)
    assert "is before its spin start (05-JAN-2026 16:50)" in bench.message.text()
    _scan(qtbot, bench, tube_id("8h"), "15:30", Qt.Key.Key_F7)
    assert "is before its draw" in bench.message.text()
    assert tube(ctx.db, tube_id("8h"), clock["now"]).spun_at == done["8h"].spun_at

    # the freezer: a new box by keys, then the grid picks positions
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    storage = page.storage
    assert page.tabs.currentWidget() is storage
    storage.new_button.setFocus()
    qtbot.keyClick(storage.new_button, Qt.Key.Key_Space)
    dialog = QApplication.activeModalWidget()
    activate(dialog)
    qtbot.keyClicks(dialog.fields["label"], "pk-box-01")
    qtbot.keyClick(dialog.fields["label"], Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.fields["freezer"], "-80 C freezer 2")
    qtbot.keyClick(dialog.fields["freezer"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible(), dialog.error.text()
    assert storage.box_list.currentData() == "PK-BOX-01"
    first = storage.aliquot.text()
    assert first == tube_id("pre") + "-1"  # the first waiting for a place
    storage.grid.setFocus()
    storage.grid.setCurrentCell(0, 0)
    qtbot.keyClick(storage.grid, Qt.Key.Key_Return)
    assert storage.box().at(0, 0) == first
    assert "Chain of custody" in storage.custody.text() and "stored in PK-BOX-01 at A1" in (
        storage.custody.text())
    qtbot.keyClicks(storage.aliquot, tube_id("pre") + "-2")
    qtbot.keyClick(storage.aliquot, Qt.Key.Key_Return)  # to the grid
    qtbot.keyClick(storage.grid, Qt.Key.Key_Return)  # A1: taken
    assert "Position A1 of box PK-BOX-01 is taken" in storage.message.text()
    qtbot.keyClick(storage.grid, Qt.Key.Key_Right)
    qtbot.keyClick(storage.grid, Qt.Key.Key_Return)
    assert storage.box().at(0, 1) == tube_id("pre") + "-2"


def test_from_the_pk_panel_to_its_tubes_at_the_bench(qtbot, bench_ctx):
    from ui.pk_dialog import PkDialog

    ctx, clock = bench_ctx
    pid = tube(ctx.db, tube_id("pre"), clock["now"]).patient_id
    dialog = PkDialog(ctx, pid, "LI")
    qtbot.addWidget(dialog)
    activate(dialog)
    dialog.bench_button.setFocus()
    qtbot.keyClick(dialog.bench_button, Qt.Key.Key_Space)
    bench_window = QApplication.activeModalWidget()
    activate(bench_window)
    bench = bench_window.bench
    assert [t.tube_id for t in bench.model.rows] == [tube_id(tp) for tp in TUBES]
    _scan(qtbot, bench, tube_id("4h"), "12:10", Qt.Key.Key_F7)
    assert tube(ctx.db, tube_id("4h"), clock["now"]).spun_at == datetime(
        2026, 1, 5, 12, 10, tzinfo=SITE_ZONE)
    assert bench.model.rows[4].clocks[0].state.colour == "green"


def test_an_empty_bench_says_what_comes_there(qtbot, ctx):
    window = MainWindow(Context(ctx.db, ctx.protocol, clock=lambda: DAY))
    qtbot.addWidget(window)
    window.show()
    activate(window)
    window.sidebar.setFocus()
    for _ in range(SPECIMENS):                            # down the places from Today
        qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    bench = window.place(SPECIMENS).bench
    assert bench.model.rows == []
    assert bench.empty.isVisible() and not bench.table.isVisible()
    assert bench.empty.title.text() == "No tubes at the bench"
    assert "last 24 hours not frozen yet" in bench.empty.hint.text()
    assert bench.scan.isVisible()                          # a scan still says what it finds
    qtbot.keyClicks(bench.scan, "T-404")
    qtbot.keyClick(bench.scan, Qt.Key.Key_Return)
    assert "No tube T-404 at the bench" in bench.message.text()
