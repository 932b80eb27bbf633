"""The main window: places, the status bar, Ctrl+F, and the demo flag."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import TODAY, activate
from ui.context import Context
from ui.main_window import (
    ADVERSE_EVENTS,
    DEVIATIONS,
    PATIENT,
    PATIENTS,
    WORKLIST,
    MainWindow,
)
from ui.main_window import TODAY as TODAY_PLACE


def test_window_on_an_empty_database(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "site.sqlite" in window.db_label.text()
    assert window.user_label.text() == "User: tester"
    assert not window.demo_label.isVisible()
    assert window.stack.currentIndex() == TODAY_PLACE    # the window opens on Today
    qtbot.waitUntil(lambda: window.today.loaded)       # filled just after the first paint
    assert "0 booked today and tomorrow" in window.today.title.text()
    window.go(WORKLIST)
    assert window.worklist.stack.currentIndex() == 1  # empty state
    assert window.worklist.empty.title.text() == "Nobody is due"
    window.go(PATIENTS)
    assert window.patients.empty.title.text() == "No patients yet"
    assert "Enrol a patient" in window.patients.empty.hint.text()
    window.go(DEVIATIONS)
    assert window.deviations.empty.title.text() == "No deviations"
    window.close()


def test_demo_window_says_demo_and_ctrl_f_finds_a_patient(qtbot, sqlite_demo_site):
    sqlite_db = sqlite_demo_site(TODAY, patients=16)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY, demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.demo_label.isVisible() and "DEMO" in window.windowTitle()
    window.go(WORKLIST)
    assert window.worklist.model.rowCount() > 0
    activate(window)
    window.worklist.table.setFocus()
    qtbot.keyClick(window.worklist.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == PATIENTS
    assert window.patients.search.hasFocus()
    qtbot.keyClicks(window.patients.search, "101-004")
    assert window.patients.model.rowCount() == 1
    qtbot.keyClick(window.patients.search, Qt.Key.Key_Return)
    assert window.stack.currentIndex() == PATIENT
    assert window.patient_view.page.form.subject_id == "101-004"


def test_verify_audit_trail_from_the_menu(qtbot, ctx, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.verify_action.trigger()
    assert shown and "intact" in shown[0]


from app.rules.protocol import default_protocol  # noqa: E402


def test_import_the_ctcae_dictionary_from_the_menu(qtbot, ctx, monkeypatch, tmp_path):
    from app.services.dictionary import dictionary_info
    from tests.conftest import reference_file

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    bad = tmp_path / "bad.csv"
    bad.write_text("Term\nNausea\n")
    window.import_ctcae(str(bad))                  # loaded off the GUI thread
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    assert "no column" in shown[-1] and "left as it was" in shown[-1]
    assert dictionary_info(ctx.db) is None
    window.import_ctcae(str(reference_file("ctcae", "CTCAE_v5.0.xlsx")))
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=30_000)
    assert "837 terms" in shown[-1]
    assert dictionary_info(ctx.db)["terms"] == 837


def test_exports_from_the_places(qtbot, sqlite_demo_site, tmp_path):
    import csv

    sqlite_db = sqlite_demo_site(TODAY, patients=16)
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY, demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.go(DEVIATIONS)
    window.deviations.export(str(tmp_path / "dev.csv"))
    lines = (tmp_path / "dev.csv").open(encoding="utf-8-sig", newline="").read().splitlines()
    rows = list(csv.DictReader(lines[7:]))                 # after the header block
    assert len(rows) == window.deviations.model.rowCount() > 0
    assert "Deviations: " in window.statusBar().currentMessage()
    window.go(ADVERSE_EVENTS)
    window.adverse_events.export_summary(str(tmp_path / "teae.csv"))
    assert "TEAE summary" in window.statusBar().currentMessage()
    lines = (tmp_path / "teae.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Listing,TEAE summary" and lines[7].startswith("SOC,Term,Grade 1")


def test_an_unforeseen_error_in_the_gui_is_a_message_not_a_traceback(qtbot, monkeypatch,
                                                                     tmp_path):
    import sys

    from ui.app import install_error_dialog

    monkeypatch.setattr("app.infra.logs.log_path", lambda: tmp_path / "sitetrack.log")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_error_dialog()
    try:
        raise ValueError("unexpected")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "Something went wrong: unexpected" in shown[0] and "sitetrack.log" in shown[0]
    assert "ValueError" in (tmp_path / "sitetrack.log").read_text()


def test_today_for_the_nurse_at_8am(qtbot, sqlite_demo_site, monkeypatch):
    from datetime import date

    from ui.dialogs import VisitDialog

    today = date(2026, 11, 25)
    sqlite_db = sqlite_demo_site(today, patients=16)  # as test_screen_fit, ... read it
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: today, demo=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.today.loaded)
    page = window.today
    booked = page.booked_model.rows
    assert booked and all(r.booked_date in (today, date(2026, 11, 26)) for r in booked)
    for day in (today, date(2026, 11, 26)):                  # in time order, each day
        times = [r.booked_time for r in booked if r.booked_date == day and r.booked_time]
        assert times == sorted(times)
    assert all(r.status == "overdue" for r in page.overdue_model.rows)
    assert all(r.latest == today for r in page.closing_model.rows)
    assert all(a.serious for a in page.sae_model.rows)
    opened: list[str] = []
    monkeypatch.setattr(VisitDialog, "exec", lambda self: opened.append(self.code) or 0)
    page.tables["booked"].selectRow(0)
    page.record_selected()
    assert window.stack.currentIndex() == PATIENT and opened == [booked[0].code]


def test_no_place_flashes_a_window_of_its_own_while_it_is_built(qtbot, sqlite_demo_site,
                                                                monkeypatch):
    """Building the window and every place shows nothing outside the window: a widget shown
    before its place held it opened as a window of its own for a moment (a platform window
    made and dropped: milliseconds at start-up, and a flash on some desktops)."""
    from PySide6.QtWidgets import QWidget

    from ui.places import _PAGES

    flashed: list[str] = []
    real = QWidget.setVisible

    def noting(widget: QWidget, visible: bool) -> None:
        if visible and widget.parent() is None and not isinstance(widget, MainWindow):
            flashed.append(type(widget).__name__)
        real(widget, visible)

    monkeypatch.setattr(QWidget, "setVisible", noting)
    ctx = Context(sqlite_demo_site(TODAY, patients=8, second_study=6), default_protocol(),
                  clock=lambda: TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    for place in _PAGES:
        window.go(place)
    assert window.built(WORKLIST) is not None and window.built(DEVIATIONS) is not None
    assert flashed == []
