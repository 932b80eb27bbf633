"""Today for an investigator: what waits for their signature, the DLT reviews due and the
eligibility to confirm; Enter on a patient's screening visit signs it by keys. A nurse's
Today has none of it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.rules.protocol import default_protocol
from app.services import accounts as acc
from app.services.signatures import signatures_of
from tests.ui.conftest import activate
from ui.context import Context
from ui.login import now
from ui.places.today import TodayPage
from ui.sign_dialog import SignDialog

TODAY = date(2026, 11, 25)


def _today(qtbot, db, who):
    signed = acc.sign_in(db, who, "demo", now())
    page = TodayPage(Context(db, default_protocol(), clock=lambda: TODAY, signed=signed))
    qtbot.addWidget(page)
    page.refresh()
    _read(qtbot)
    return page


def _read(qtbot) -> None:
    """Until the investigator's part, read off the GUI thread, is on screen."""
    from ui import operations

    qtbot.waitUntil(lambda: not operations.running(), timeout=20000)
    QApplication.processEvents()


def test_an_investigator_s_today(qtbot, sqlite_demo_site, monkeypatch):
    sqlite_db = sqlite_demo_site(TODAY, patients=6, second_study=0)
    assert _today(qtbot, sqlite_db, "nurse").investigator is None
    page = _today(qtbot, sqlite_db, "investigator")
    panel = page.investigator
    assert panel is not None
    assert panel.summary.text().startswith("For your signature: ")
    assert "DLT reviews due" in panel.summary.text()
    assert panel.dlt_model.rowCount() > 0
    assert panel.eligibility_model.rowCount() > 0
    item = panel.eligibility_model.rows[0]

    def run(dialog: SignDialog) -> int:
        qtbot.addWidget(dialog)
        activate(dialog)
        assert "Visit" in dialog.content.toPlainText()
        qtbot.keyClicks(dialog.password_box, "demo")
        qtbot.keyClick(dialog.password_box, Qt.Key.Key_Return)
        return int(dialog.result())

    monkeypatch.setattr(SignDialog, "exec", run)
    activate(page)
    panel.eligibility_table.setFocus()
    panel.eligibility_table.setCurrentIndex(panel.eligibility_model.index(0, 0))
    assert QApplication.focusWidget() is panel.eligibility_table
    qtbot.keyClick(panel.eligibility_table, Qt.Key.Key_Return)
    _read(qtbot)
    assert not signatures_of(sqlite_db, "visit", [item.record_id])[item.record_id].stale
    assert item.record_id not in {t.record_id for t in panel.eligibility_model.rows}

    opened: list[int] = []
    page.open_patient.connect(opened.append)
    panel.dlt_table.setFocus()
    panel.dlt_table.setCurrentIndex(panel.dlt_model.index(0, 0))
    qtbot.keyClick(panel.dlt_table, Qt.Key.Key_Return)
    assert opened == [panel.dlt_model.rows[0].patient_id]


def test_today_s_lists_show_before_the_investigator_s_part_is_read(qtbot, sqlite_demo_site,
                                                                   monkeypatch):
    """The investigator's part is read off the GUI thread: Today's own lists are on screen
    while it is read (every study of a large site takes seconds), then it fills in; a
    reading asked again before the first is shown replaces it."""
    import threading

    from app.services import investigator_today as service

    sqlite_db = sqlite_demo_site(TODAY, patients=6, second_study=0)
    gate = threading.Event()
    whole = service.investigator_today

    def held(*args):  # type: ignore[no-untyped-def]
        gate.wait(20)
        return whole(*args)

    monkeypatch.setattr("ui.places.investigator_today.investigator_today", held)
    signed = acc.sign_in(sqlite_db, "investigator", "demo", now())
    page = TodayPage(Context(sqlite_db, default_protocol(), clock=lambda: TODAY,
                             signed=signed))
    qtbot.addWidget(page)
    page.refresh()
    panel = page.investigator
    assert panel is not None and page.loaded
    assert panel.summary.text() == "Reading what waits for your signature…"
    assert panel.eligibility_model.rowCount() == 0
    page.refresh()  # asked again while the first is read
    gate.set()
    _read(qtbot)
    assert panel.summary.text().startswith("For your signature: ")
    assert panel.eligibility_model.rowCount() > 0 and panel.asked == 2
