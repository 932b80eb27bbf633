"""The Planner place (issue 38, item 3): chairs x hours of a day with each block, its PK
ticks and the nurse's load; a week; a booking moved by keys inside its window only, with
the reason typed; the day sheet printed (reportlab)."""

from __future__ import annotations

from datetime import date, datetime, time

from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.services.booking import Choice, book_visit
from app.services.patients import patient_page
from tests.ui.conftest import activate
from tests.ui.test_booking_ui import TODAY, _ctx, _unit
from tests.ui.test_dialogs_by_keyboard import here, press, type_
from ui.places.planner import PlannerPage

ALT = Qt.KeyboardModifier.AltModifier


def _page(qtbot, ctx) -> PlannerPage:  # type: ignore[no-untyped-def]
    page = PlannerPage(ctx)
    qtbot.addWidget(page)
    activate(page)
    page.day.set_date(date(2026, 1, 12))
    page.refresh()
    return page


def test_a_day_of_chairs_and_a_move_by_keys(qtbot, ctx, tmp_path):
    ctx = _ctx(ctx)
    pids = _unit(ctx, 2)
    book_visit(ctx.db, ctx.protocol, pids[0], "C1D1",
               Choice("C1D1", datetime(2026, 1, 12, 8, 0), nurse=None), TODAY)
    book_visit(ctx.db, ctx.protocol, pids[1], "C1D2",
               Choice("C1D2", datetime(2026, 1, 13, 17, 30)), TODAY)
    page = _page(qtbot, ctx)
    grid = page.grid
    assert grid.verticalHeaderItem(0).text() == "Chair 1"
    cell = grid.item(0, 1)  # 08:00
    assert cell.text() == "08:00 101-001 C1D1 PK •••••••"
    assert grid.columnSpan(0, 1) == 9  # 08:00 to 17:00
    assert "09:00" in cell.toolTip() and "16:30" in cell.toolTip()
    assert "Nurses: none booked" in page.notes.text()
    # Alt+Right without a reason: nothing moves, the reason is asked
    grid.setFocus()
    grid.setCurrentCell(0, 1)
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert here() is page.reason
    type_(qtbot, "chair needed for another patient")
    grid.setFocus()
    grid.setCurrentCell(0, 1)
    press(qtbot, Qt.Key.Key_Right, ALT)  # 13-JAN: the last day of its window
    record = patient_page(ctx.db, ctx.protocol, pids[0], TODAY).records["C1D1"]
    assert (record.booked_date, record.booked_time) == (date(2026, 1, 13), time(8, 0))
    page.day.set_date(date(2026, 1, 13))
    page.refresh()
    grid.setFocus()
    grid.setCurrentCell(0, 1)
    press(qtbot, Qt.Key.Key_Right, ALT)  # 14-JAN is outside: it stays
    record = patient_page(ctx.db, ctx.protocol, pids[0], TODAY).records["C1D1"]
    assert record.booked_date == date(2026, 1, 13)
    press(qtbot, Qt.Key.Key_Down, ALT)  # a quarter of an hour later
    record = patient_page(ctx.db, ctx.protocol, pids[0], TODAY).records["C1D1"]
    assert record.booked_time == time(8, 15)
    # the day sheet
    target = tmp_path / "sheet.pdf"
    page.print_day_sheet(str(target))
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Day sheet: Tuesday 13-JAN-2026" in text
    assert "101-001" in text and "08:15-17:15" in text and "08:45" in text


def test_a_week_lists_each_day(qtbot, ctx):
    ctx = _ctx(ctx)
    (pid,) = _unit(ctx)
    book_visit(ctx.db, ctx.protocol, pid, "C1D1", Choice("C1D1", datetime(2026, 1, 12, 8, 0)),
               TODAY)
    page = _page(qtbot, ctx)
    page.view.setCurrentIndex(1)
    assert page.grid.columnCount() == 7
    assert page.grid.horizontalHeaderItem(0).text() == "Mon 12-JAN-2026"
    assert page.grid.item(0, 0).text().startswith("08:00 101-001 C1D1")
    assert "19-JAN-2026: closed (Site holiday)" not in page.notes.text()  # next week's
