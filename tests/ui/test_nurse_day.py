"""What a nurse hits every day, by keys and clicks: Record… on any row of Today, the
calendar's row kept after a save, empty places saying what to do first, the day of the
worksheets picked before printing."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt

from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY, activate, enrolled
from tests.ui.test_corrections_ui import _typing
from ui.dialogs import EnrolDialog, VisitDialog
from ui.forms import FormDialog
from ui.main_window import PATIENT, PATIENTS, MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    qtbot.waitUntil(lambda: window.today.loaded)
    return window


def test_record_works_on_an_overdue_row_too(qtbot, ctx, monkeypatch):
    enrolled(ctx)  # first dose planned 05-JAN, nothing recorded: overdue by 02-MAR
    window = _window(qtbot, ctx)
    page = window.today
    assert page.booked_model.rowCount() == 0 and page.overdue_model.rowCount() > 0
    opened: list[str] = []
    monkeypatch.setattr(VisitDialog, "exec", lambda self: opened.append(self.code) or 0)
    _click_row(qtbot, page.tables["overdue"], 1)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == PATIENT
    assert opened == [page.overdue_model.row_at(1).code]


def test_one_row_is_selected_on_the_whole_of_today(qtbot, ctx, monkeypatch):
    pid = enrolled(ctx)
    record_visit(ctx.db, ctx.protocol, pid, "SCR",
                 VisitEntry(booked_date=TODAY, booked_time=time(9, 0),
                            booking_reason="late screening"), TODAY)
    window = _window(qtbot, ctx)
    page = window.today
    _click_row(qtbot, page.tables["overdue"], 0)
    _click_row(qtbot, page.tables["booked"], 0)        # the overdue row is let go
    assert not page.tables["overdue"].selectionModel().hasSelection()
    opened: list[str] = []
    monkeypatch.setattr(VisitDialog, "exec", lambda self: opened.append(self.code) or 0)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert opened == ["SCR"]


def test_the_calendar_keeps_the_row_after_a_save(qtbot, ctx, dosed, monkeypatch):
    window = _window(qtbot, ctx)
    window.open_patient(dosed)
    view = window.patient_view
    item = next(i for i in _items(view.tree) if i.data(0, Qt.ItemDataRole.UserRole + 2)
                == "C1D8")
    view.tree.setFocus()
    view.tree.setCurrentItem(item)

    def steps(dialog):  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.fields["booked_date"].edit, "19-JAN-2026")

    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, steps))
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)         # Enter opens the visit's dialog
    assert view.page.records["C1D8"].booked_date == date(2026, 1, 19)   # saved
    assert view.selected_code() == "C1D8"                 # and still the row selected
    assert view.tree.currentItem().text(3).startswith("19-JAN-2026")


def _items(tree):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    found = QTreeWidgetItemIterator(tree)
    while found.value():
        yield found.value()
        found += 1


def test_a_new_database_says_enrol_first_on_today_and_patients(qtbot, ctx, monkeypatch):
    window = _window(qtbot, ctx)
    page = window.today
    assert page.stack.currentIndex() == 1
    assert page.empty.title.text() == "No patients yet"
    assert "Enrol a patient (Ctrl+N)" in page.empty.hint.text()
    opened: list[str] = []
    monkeypatch.setattr(EnrolDialog, "exec", lambda self: opened.append("button") or 0)
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    window.go(PATIENTS)
    patients = window.patients
    assert patients.stack.currentIndex() == 1 and "Ctrl+N" in patients.empty.hint.text()
    qtbot.mouseClick(patients.empty_enrol, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)            # the shortcut the hint names
    assert opened == ["button", "button", "button"]
    qtbot.keyClicks(patients.search, "zz")                # a search finding nobody: no button
    assert patients.empty.title.text() == "No patient matches"
    assert not patients.empty_enrol.isVisibleTo(patients)


def test_today_lists_again_once_a_patient_is_enrolled(qtbot, ctx):
    window = _window(qtbot, ctx)
    enrolled(ctx)
    window.today.refresh()
    assert window.today.stack.currentIndex() == 0


def test_worksheets_asks_the_day_first(qtbot, ctx, monkeypatch):
    from ui.worksheet_preview import WorksheetPreview

    a = enrolled(ctx)
    b = enrolled(ctx, "101-002")
    tomorrow = date(2026, 3, 3)
    record_visit(ctx.db, ctx.protocol, a, "SCR", VisitEntry(
        booked_date=tomorrow, booked_time=time(14, 0), booking_reason="late"), TODAY)
    record_visit(ctx.db, ctx.protocol, b, "SCR", VisitEntry(
        booked_date=tomorrow, booked_time=time(8, 30), booking_reason="late"), TODAY)
    window = _window(qtbot, ctx)
    page = window.today
    shown: list[list[tuple[int, str]]] = []
    monkeypatch.setattr(WorksheetPreview, "exec", lambda self: shown.append(self.visits))
    asked: list[str] = []

    def steps(dialog):  # type: ignore[no-untyped-def]
        field = dialog.fields["day"].edit
        asked.append(field.text())                      # nothing booked today: tomorrow
        assert field.hasFocus() and field.selectedText() == field.text()
        qtbot.keyClicks(field, "04-MAR-2026")           # typing replaces the day
        qtbot.keyClick(field, Qt.Key.Key_S, CTRL)
        assert "Nothing is booked on 04-MAR-2026" in dialog.error.text()
        assert field.hasFocus()
        field.selectAll()
        qtbot.keyClicks(field, "03-mar-2026")

    monkeypatch.setattr(FormDialog, "exec", _typing(qtbot, steps))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert asked == ["03-MAR-2026"]
    assert shown == [[(b, "SCR"), (a, "SCR")]]           # in the order they come


def test_enrolment_s_screening_date_records_scr(qtbot, ctx):
    from app.services.patients import list_patients, patient_page

    dialog = EnrolDialog(ctx)
    qtbot.addWidget(dialog)
    activate(dialog)
    for name, text in (("subject_id", "101-001"), ("initials", "abc"),
                       ("year_of_birth", "1961"), ("consent_date", "01-DEC-2025"),
                       ("screening_date", "10-dec-2025"), ("planned_first_dose", "05-JAN-2026")):
        w = dialog.fields[name]
        qtbot.keyClicks(getattr(w, "edit", w), text)
    dialog.fields["dose_level"].setCurrentIndex(dialog.fields["dose_level"].findData("DL1"))
    qtbot.keyClick(dialog.fields["initials"], Qt.Key.Key_S, CTRL)
    assert dialog.result() == dialog.DialogCode.Accepted
    [row] = list_patients(ctx.db)
    assert row.next_visit_code == "LI"                     # screening is done
    page = patient_page(ctx.db, ctx.protocol, row.id, TODAY)
    assert page.records["SCR"].actual_date == date(2025, 12, 10)
    assert page.calendar[0].status == "done"


def test_the_booked_column_sorts_untimed_visits_after_the_timed_ones(qtbot, ctx):
    """Clicking Booked sorts by day, then time, a visit booked without a time last: never a
    comparison of a time with nothing."""
    from PySide6.QtCore import QPoint

    a, b, c = enrolled(ctx), enrolled(ctx, "101-002"), enrolled(ctx, "101-003")
    tomorrow = date(2026, 3, 3)
    for pid, when in ((a, None), (b, time(14, 0)), (c, time(8, 30))):
        record_visit(ctx.db, ctx.protocol, pid, "SCR", VisitEntry(
            booked_date=tomorrow, booked_time=when, booking_reason="late"), TODAY)
    window = _window(qtbot, ctx)
    table, model = window.today.tables["booked"], window.today.booked_model
    header = table.horizontalHeader()
    column = next(i for i in range(header.count())
                  if model.headerData(i, Qt.Orientation.Horizontal) == "Booked")
    ascending = [time(8, 30), time(14, 0), None]
    seen = []
    for _ in range(2):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
        seen.append([model.row_at(i).booked_time for i in range(model.rowCount())])
    assert sorted(seen, key=str) == sorted([ascending, ascending[::-1]], key=str)


def test_today_reads_its_lists_in_one_transaction(qtbot, ctx):
    """Today's lists (the worklist, the due patients' protocols, SAE clocks, bookings to
    rebook, open queries) read in one transaction, not one each; a save then shows."""
    from sqlalchemy import event

    pid = enrolled(ctx)
    window = _window(qtbot, ctx)
    begun: list[object] = []
    event.listen(ctx.db.engine, "begin", lambda conn: begun.append(conn))
    window.today.refresh()
    assert len(begun) == 1 and window.today.booked_model.rowCount() == 0
    record_visit(ctx.db, ctx.protocol, pid, "SCR",
                 VisitEntry(booked_date=TODAY, booked_time=time(9, 0),
                            booking_reason="late screening"), TODAY)
    window.today.refresh()
    assert [r.code for r in window.today.booked_model.rows] == ["SCR"]
