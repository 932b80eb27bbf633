"""The appointment book's dialogs by keyboard (issue 38, item 5): a visit booked in a
chair with a nurse, a fourth PK day refused on its field with what was typed kept, a
cycle proposed (Alt+P) and booked (Ctrl+S), a booking cancelled with its reason."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.patients import patient_page
from app.services.site_resources import add_closure, add_place
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import enrolled
from tests.ui.test_dialogs_by_keyboard import CTRL, _open, here, press, save, tab_to, type_
from ui.booking_dialogs import BookingDialog, CancelBookingDialog, CycleDialog
from ui.context import Context

TODAY = date(2026, 1, 6)
ALT = Qt.KeyboardModifier.AltModifier


def _unit(ctx: Context, patients: int = 1) -> list[int]:
    for name in ("Chair 1", "Chair 2"):
        add_place(ctx.db, name, "chair")
    add_closure(ctx.db, date(2026, 1, 19), "Site holiday", TODAY)
    pids = []
    for i in range(1, patients + 1):
        pid = enrolled(ctx, f"101-00{i}")
        record_visit(ctx.db, ctx.protocol, pid, "LI",
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
        pids.append(pid)
    return pids


def _accounts_for(ctx: Context) -> None:
    """Two nurses the book may name."""
    from db.accounts import UserAccount
    from tests.conftest import light_hash

    hashed = light_hash("a long pass phrase")
    with ctx.db.unit_of_work(reason="test accounts", purpose=None, actor="test setup") as s:
        for name in ("anna", "bea"):
            s.add(UserAccount(name=name, printed_name=name.title(), role="nurse",
                              password_hash=hashed, active=True, must_change=False,
                              failed_logins=0))


def _ctx(ctx: Context) -> Context:
    return Context(ctx.db, ctx.protocol, clock=lambda: TODAY)


def _booked(ctx: Context, pid: int, code: str):  # type: ignore[no-untyped-def]
    return patient_page(ctx.db, ctx.protocol, pid, TODAY).records.get(code)


def _book(qtbot, ctx, pid, subject, when="12-JAN-2026", at="0800"):  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, BookingDialog(ctx, pid, subject, "C1D1"))
    assert here() is dialog.fields["day"].edit
    type_(qtbot, when)
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, at)
    press(qtbot, Qt.Key.Key_S, CTRL)
    return dialog


def test_a_third_pk_day_in_two_chairs_is_refused_on_its_field(qtbot, ctx):
    ctx = _ctx(ctx)
    pids = _unit(ctx, 3)
    for i in (0, 1):
        dialog = _book(qtbot, ctx, pids[i], f"101-00{i + 1}")
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    dialog = _book(qtbot, ctx, pids[2], "101-003")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "No chair is free on 12-JAN-2026 from 08:00 to 17:00" in dialog.error.text()
    assert "free days in the window: 13-JAN-2026" in dialog.error.text()
    assert dialog.fields["day"].edit.text() == "12-JAN-2026"  # kept as typed
    assert _booked(ctx, pids[2], "C1D1") is None
    # the next day, by keys: the chair and nurse chosen from their lists
    dialog.fields["day"].edit.selectAll()
    dialog.fields["day"].edit.setFocus()
    type_(qtbot, "13-JAN-2026")
    tab_to(qtbot, dialog.fields["place"])
    press(qtbot, Qt.Key.Key_Down)  # Chair 1
    tab_to(qtbot, dialog.fields["nurse"])
    save(qtbot, dialog)
    row = _booked(ctx, pids[2], "C1D1")
    assert (row.booked_date, row.booked_time) == (date(2026, 1, 13), time(8, 0))


def test_a_cycle_proposed_and_booked_by_keys_then_one_cancelled(qtbot, ctx):
    ctx = _ctx(ctx)
    (pid,) = _unit(ctx)
    dialog = _open(qtbot, CycleDialog(ctx, pid, "101-001"))
    assert here() is dialog.fields["cycle"]
    tab_to(qtbot, dialog.fields["at"])
    type_(qtbot, "0900")
    press(qtbot, Qt.Key.Key_P, ALT)
    rows = {p.code: p for p in dialog.model.rows}
    assert rows["C1D8"].start.date() == date(2026, 1, 20)  # 19-JAN is the site's holiday
    assert "The site is closed on 19-JAN-2026" in dialog.model.data(
        dialog.model.index(dialog.model.rows.index(rows["C1D8"]), 3))
    save(qtbot, dialog)
    assert _booked(ctx, pid, "C1D15").booked_date == date(2026, 1, 26)
    cancel = _open(qtbot, CancelBookingDialog(ctx, pid, "101-001", "C1D15"))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert cancel.result() != QDialog.DialogCode.Accepted and "reason" in cancel.error.text()
    type_(qtbot, "patient on holiday")
    save(qtbot, cancel)
    assert _booked(ctx, pid, "C1D15").booked_date is None


def test_today_lists_a_booking_a_delay_left_outside_its_window(qtbot, ctx):
    from app.services.booking import Choice, book_visit
    from ui.places.today import TodayPage

    ctx = _ctx(ctx)
    (pid,) = _unit(ctx)
    from datetime import datetime

    book_visit(ctx.db, ctx.protocol, pid, "C3D1", Choice("C3D1", datetime(2026, 2, 23, 9, 0)),
               TODAY)
    record_visit(ctx.db, ctx.protocol, pid, "C2D1",
                 VisitEntry(delay_days=7, delay_reason="toxicity"), TODAY)
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    rows = page.rebook_model.rows
    assert [(s.held.subject, s.held.code, s.patient_id) for s in rows] == [
        ("101-001", "C3D1", pid)]
    assert page.rebook_model.data(page.rebook_model.index(0, 3)).startswith(
        "booked on 23-FEB-2026, now outside its window 27-FEB-2026 to 05-MAR-2026")
    # rebooked by keys on a day of its new window (a move: its reason asked)
    dialog = _open(qtbot, BookingDialog(ctx, pid, "101-001", "C3D1", rows[0].held.target,
                                        rows[0].held.at, moving=True))
    tab_to(qtbot, dialog.fields["reason"])
    type_(qtbot, "cycle 2 delayed")
    save(qtbot, dialog)
    page.refresh()
    assert page.rebook_model.rows == []
    assert _booked(ctx, pid, "C3D1").booked_date == date(2026, 3, 2)


def test_the_worklist_books_a_visit_and_a_cycle(qtbot, ctx):
    from ui.places.worklist import WorklistPage

    ctx = _ctx(ctx)
    (pid,) = _unit(ctx)
    page = WorklistPage(ctx)
    qtbot.addWidget(page)
    page.days.setValue(30)
    page.refresh()
    assert page.booking_dialog() is None  # nothing selected: said in the status bar
    row = next(i for i, r in enumerate(page.model.rows) if r.code == "C1D1")
    page.table.selectRow(row)
    dialog = _open(qtbot, page.booking_dialog())
    assert dialog.fields["day"].edit.text() == "12-JAN-2026"  # its target
    assert here() is dialog.fields["at"]
    type_(qtbot, "0800")
    save(qtbot, dialog)
    assert _booked(ctx, pid, "C1D1").booked_time == time(8, 0)
    cycle = _open(qtbot, page.booking_dialog(cycle=True))
    assert cycle.fields["cycle"].value() == 1
