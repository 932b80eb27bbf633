"""The main window opens on a database, names it in the status bar, and says what to do next."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from app.services.demo import seed_demo
from ui.main_window import MainWindow


def test_window_on_an_empty_database(qtbot, sqlite_db):
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "site.sqlite" in window.db_label.text()
    assert window.user_label.text() == "User: tester"
    assert not window.demo_label.isVisible()
    assert window.centralWidget().title.text() == "No patients yet"
    assert "Enrol a patient" in window.centralWidget().hint.text()
    window.close()


def test_window_on_the_demo(qtbot, sqlite_db):
    seed_demo(sqlite_db, date(2026, 11, 25))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    assert window.demo_label.isVisible()
    assert window.centralWidget().title.text() == "7 patients on record"


def test_verify_audit_trail_from_the_menu(qtbot, sqlite_db, monkeypatch):
    seed_demo(sqlite_db, date(2026, 11, 25))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.verify_action.trigger()
    assert shown and "intact" in shown[0]
