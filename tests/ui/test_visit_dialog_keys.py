"""The visit dialog by keys (issue 40, items 2 and 4): it opens on Outcome whatever the
visit's state, the date done is offered, a number field refuses text, and a delayed cycle is
booked on its new date in one save. C1D1 is 12-JAN-2026: C2D1 is due 02-FEB-2026 (30-JAN to
05-FEB); delayed by 7 days, 09-FEB (06-FEB to 12-FEB). Today is 02-MAR-2026."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.patients import patient_page
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY
from tests.ui.test_dialogs_by_keyboard import CTRL, _open, _row, here, press, save, tab_to, type_
from ui.dialogs import VisitDialog


def _dialog(qtbot, ctx, pid: int, code: str) -> VisitDialog:  # type: ignore[no-untyped-def]
    page, row = _row(ctx, pid, code)
    return _open(qtbot, VisitDialog(ctx, pid, "101-001", row, page.records.get(code),
                                    dose_level=page.current_dose_level))


def _record(ctx, pid: int, code: str):  # type: ignore[no-untyped-def]
    return patient_page(ctx.db, ctx.protocol, pid, TODAY).records.get(code)


def test_every_visit_opens_on_outcome(qtbot, ctx, dosed):
    record_visit(ctx.db, ctx.protocol, dosed, "C1D8",
                 VisitEntry(booked_date=date(2026, 1, 19), booked_time=time(9, 0)), TODAY)
    record_visit(ctx.db, ctx.protocol, dosed, "C1D15",
                 VisitEntry(booked_date=date(2026, 4, 1), booked_time=time(9, 0),
                            booking_reason="clinic closed"), TODAY)
    for code in ("C1D8", "C1D15", "C2D1", "C1D1"):  # booked, booked later, new, done
        dialog = _dialog(qtbot, ctx, dosed, code)
        assert here() is dialog.fields["outcome"], code
        dialog.reject()


def test_the_date_done_offered_is_the_booked_day_or_today(qtbot, ctx, dosed):
    record_visit(ctx.db, ctx.protocol, dosed, "C1D8",
                 VisitEntry(booked_date=date(2026, 1, 19), booked_time=time(9, 0)), TODAY)
    dialog = _dialog(qtbot, ctx, dosed, "C1D8")
    type_(qtbot, "D")                                            # "Done"
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["actual_date"].edit and here().text() == "19-JAN-2026"
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert here() is dialog.fields["outcome"]
    press(qtbot, Qt.Key.Key_Up)                                  # "Not done yet": taken back
    assert dialog.read_choice("outcome") is None
    assert dialog.fields["actual_date"].edit.text() == ""
    dialog.reject()
    record_visit(ctx.db, ctx.protocol, dosed, "C1D15",
                 VisitEntry(booked_date=date(2026, 4, 1), booking_reason="clinic closed"),
                 TODAY)
    dialog = _dialog(qtbot, ctx, dosed, "C1D15")                 # booked in April: today
    type_(qtbot, "D")
    assert dialog.fields["actual_date"].edit.text() == "02-MAR-2026"
    dialog.reject()


def test_the_routine_keys_on_a_booked_visit_land_in_their_fields(qtbot, ctx, dosed):
    """Outcome, Tab, date, Tab, time: a date mistyped is refused on Actual date, not read
    as a delay of 31 days; what was typed stays, nothing is saved."""
    record_visit(ctx.db, ctx.protocol, dosed, "C2D1",
                 VisitEntry(booked_date=date(2026, 2, 2), booked_time=time(9, 0)), TODAY)
    dialog = _dialog(qtbot, ctx, dosed, "C2D1")
    type_(qtbot, "D")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "31-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["actual_time"]
    type_(qtbot, "09:15")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Actual date" in dialog.error.text()
    assert dialog.fields["actual_date"].edit.text() == "31-FEB-2026"
    assert dialog.fields["delay_days"].text() == ""
    assert _record(ctx, dosed, "C2D1").outcome is None           # nothing saved
    dialog.fields["actual_date"].setFocus()
    type_(qtbot, "\b" * 11 + "02-FEB-2026")
    save(qtbot, dialog)
    saved = _record(ctx, dosed, "C2D1")
    assert (saved.outcome, saved.actual_date, saved.actual_time, saved.delay_days) == (
        "done", date(2026, 2, 2), time(9, 15), None)


def test_a_delay_typed_as_text_is_refused_naming_the_field(qtbot, ctx, dosed):
    dialog = _dialog(qtbot, ctx, dosed, "C2D1")
    tab_to(qtbot, dialog.fields["delay_days"])
    type_(qtbot, "31-FEB-2026")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Cycle delayed by: '31-FEB-2026' is not a number of days" in dialog.error.text()
    assert here() is dialog.fields["delay_days"]
    assert dialog.fields["delay_days"].text() == "31-FEB-2026"
    assert _record(ctx, dosed, "C2D1") is None


def test_a_delayed_cycle_booked_on_its_new_date_in_one_save(qtbot, ctx, dosed):
    dialog = _dialog(qtbot, ctx, dosed, "C2D1")
    tab_to(qtbot, dialog.fields["booked_date"])
    type_(qtbot, "09-FEB-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "09:00")
    tab_to(qtbot, dialog.fields["delay_days"])
    type_(qtbot, "7")
    assert "06-FEB-2026 to 12-FEB-2026" in dialog.intro.text()  # the window moves with it
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["delay_reason"]
    type_(qtbot, "t")                                            # "Toxicity"
    save(qtbot, dialog)                                          # no reason asked
    saved = _record(ctx, dosed, "C2D1")
    assert (saved.booked_date, saved.delay_days, saved.delay_reason, saved.booking_reason) == (
        date(2026, 2, 9), 7, "toxicity", None)
    _page, row = _row(ctx, dosed, "C2D1")
    assert (row.target, row.earliest, row.latest) == (
        date(2026, 2, 9), date(2026, 2, 6), date(2026, 2, 12))


def test_a_booking_after_the_delayed_window_still_asks_why(qtbot, ctx, dosed):
    dialog = _dialog(qtbot, ctx, dosed, "C2D1")
    tab_to(qtbot, dialog.fields["booked_date"])
    type_(qtbot, "13-FEB-2026")                                  # the day after it closes
    tab_to(qtbot, dialog.fields["delay_days"])
    type_(qtbot, "7")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "t")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "outside the window 06-FEB-2026 to 12-FEB-2026" in dialog.error.text()
    assert here() is dialog.fields["booking_reason"]
    assert _record(ctx, dosed, "C2D1") is None
    type_(qtbot, "ward closed that week")
    save(qtbot, dialog)
    assert _record(ctx, dosed, "C2D1").booking_reason == "ward closed that week"
