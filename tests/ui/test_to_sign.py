"""To sign, by keyboard: the investigator's list, a signature with the password and Enter;
the place is only on an investigator's sidebar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.rules.protocol import default_protocol
from app.services import accounts as acc
from ui.context import Context
from ui.login import now
from ui.main_window import TO_SIGN, MainWindow
from ui.places.to_sign import SignDialog, ToSignPage

TODAY = date(2026, 11, 25)


def _ctx(db, who):
    signed = acc.sign_in(db, who, "demo", now())
    return Context(db, default_protocol(), clock=lambda: TODAY, signed=signed)


def test_an_investigator_signs_by_keyboard(qtbot, sqlite_demo_site):
    sqlite_db = sqlite_demo_site(TODAY, patients=4)
    ctx = _ctx(sqlite_db, "investigator")
    page = ToSignPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    before = page.model.rowCount()
    assert before > 0 and "oldest first" in page.count.text()
    item = page.model.rows[0]
    dialog = SignDialog(ctx, item, page)
    qtbot.addWidget(dialog)
    assert "your password again makes this your signature" in dialog.intro.text()
    qtbot.keyClicks(dialog.fields["password"], "wrong")
    qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
    assert dialog.error.text() == "Wrong password: nothing was signed"
    qtbot.keyClicks(dialog.fields["password"], "demo")
    qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.refresh()
    assert page.model.rowCount() == before - 1


def test_the_place_is_an_investigators_only(qtbot, sqlite_demo_site):
    sqlite_db = sqlite_demo_site(TODAY, patients=2)
    nurse = MainWindow(_ctx(sqlite_db, "nurse"))
    qtbot.addWidget(nurse)
    assert nurse.sidebar.item(TO_SIGN).isHidden()
    investigator = MainWindow(_ctx(sqlite_db, "investigator"))
    qtbot.addWidget(investigator)
    assert not investigator.sidebar.item(TO_SIGN).isHidden()
    investigator.go(TO_SIGN)
    assert investigator.stack.currentWidget().model.rowCount() > 0


def test_a_record_changed_behind_the_app_s_back_comes_back_to_sign(qtbot, sqlite_demo_site):
    """Changed by SQL keeping its version: the place lists it again, its signature broken
    (it no longer matches the record's values)."""
    from sqlalchemy import text

    sqlite_db = sqlite_demo_site(TODAY, patients=4)
    ctx = _ctx(sqlite_db, "investigator")
    page = ToSignPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    item = next(r for r in page.model.rows if r.kind == "visit")
    dialog = SignDialog(ctx, item, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["password"], "demo")
    qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
    page.refresh()
    assert (item.kind, item.record_id) not in {(r.kind, r.record_id) for r in page.model.rows}
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("UPDATE visit_record SET comment = 'by hand' WHERE id = :id"),
                     {"id": item.record_id})
    page.refresh()
    back = [r for r in page.model.rows if (r.kind, r.record_id) == (item.kind, item.record_id)]
    assert back and back[0].state.endswith(" broken: changed outside the app")
    assert "1 changed since signed" in page.count.text()


def test_nothing_to_sign_says_so_and_a_filter_keeps_the_list(qtbot, ctx):
    """A study with nothing waiting shows the empty state (the study chosen is not a
    filter); a filter that leaves nothing keeps the list and its bar."""
    acc.create_account(ctx.db, "ivy", "Ivy Investigator", "investigator", "a long password 1",
                       must_change=False)
    signed = acc.sign_in(ctx.db, "ivy", "a long password 1", now())
    page = ToSignPage(Context(ctx.db, default_protocol(), clock=lambda: TODAY, signed=signed))
    qtbot.addWidget(page)
    page.refresh()
    assert page.study.study_id() is not None and page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    qtbot.keyClicks(page.subject, "101")
    assert page.stack.currentWidget() is page.table
