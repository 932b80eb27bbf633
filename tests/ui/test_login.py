"""The door, by keyboard: sign in (Enter), a wrong password, the first administrator, the
administrator's window, and a monitor refused by the service behind a dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.rules.protocol import default_protocol
from app.services import accounts as acc
from ui.context import Context
from ui.login import ChangePasswordDialog, SignInDialog

TODAY = date(2026, 11, 25)


def save_by_keys(qtbot, dialog):
    """Ctrl+S, as a user presses it (window shortcuts fire in the active window)."""
    from tests.ui.conftest import activate

    activate(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def _type(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_sign_in_by_keyboard_on_the_demo(qtbot, sqlite_demo_site):
    sqlite_db = sqlite_demo_site(TODAY, patients=2)
    dialog = SignInDialog(sqlite_db, demo=True)
    qtbot.addWidget(dialog)
    assert "nurse, investigator, monitor, admin" in dialog.intro.text()
    _type(qtbot, dialog.fields["name"], "nurse")
    _type(qtbot, dialog.fields["password"], "wrong")
    qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
    assert dialog.error.text() == "Wrong account name or password"
    assert dialog.fields["password"].text() == ""  # cleared, the name kept
    _type(qtbot, dialog.fields["password"], "demo")
    qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.signed.name, dialog.signed.role) == ("nurse", "nurse")
    assert sqlite_db.actor == "nurse"


def test_change_password_by_keyboard(qtbot, sqlite_db):
    acc.create_account(sqlite_db, "nina", "Nina Nurse", "nurse", "temporary words")
    dialog = ChangePasswordDialog(sqlite_db, "nina", "temporary words")
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.fields["new_password"], "my own phrase")
    _type(qtbot, dialog.fields["again"], "my own phrasf")
    save_by_keys(qtbot, dialog)
    assert dialog.error.text() == "The two new passwords differ"
    dialog.fields["again"].clear()
    _type(qtbot, dialog.fields["again"], "my own phrase")
    save_by_keys(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not acc.sign_in(sqlite_db, "nina", "my own phrase", acc_now()).must_change


def acc_now():
    from ui.login import now

    return now()


def test_the_administrators_window_adds_an_account(qtbot, sqlite_db, monkeypatch):
    from ui.admin_window import AddAccountDialog, AdminWindow

    acc.create_account(sqlite_db, "r.admin", "Rita Admin", "admin", "a long quiet river",
                       must_change=False)
    signed = acc.sign_in(sqlite_db, "r.admin", "a long quiet river", acc_now())
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY, signed=signed)
    window = AdminWindow(ctx, signed)
    qtbot.addWidget(window)
    dialog = AddAccountDialog(ctx, window)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.fields["name"], "ivan")
    _type(qtbot, dialog.fields["printed_name"], "Dr Ivan Investigator")
    role = dialog.fields["role"]
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_Down)  # nurse -> investigator
    _type(qtbot, dialog.fields["password"], "first words here")
    _type(qtbot, dialog.fields["again"], "first words here")
    save_by_keys(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    window.refresh()
    rows = {r.name: r for r in window.model.rows}
    assert rows["ivan"].role == "investigator" and rows["ivan"].must_change


def test_a_monitor_is_refused_by_the_service_behind_the_dialog(qtbot, sqlite_demo_site):
    from ui.dialogs import ScreenFailDialog

    sqlite_db = sqlite_demo_site(TODAY, patients=2)
    signed = acc.sign_in(sqlite_db, "monitor", "demo", acc_now())
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY, signed=signed)
    dialog = ScreenFailDialog(ctx, 1)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.fields["screen_fail_reason"], "not eligible")
    save_by_keys(qtbot, dialog)
    assert "monitor (read only) account cannot enter or correct clinical data" in \
        dialog.error.text()


def test_a_forged_audit_row_is_said_at_the_door_and_a_monitor_verifies_it(
        qtbot, sqlite_demo_site, monkeypatch):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    sqlite_db = sqlite_demo_site(TODAY, patients=1)
    con = sqlite3.connect(sqlite_db.engine.url.database)
    (seq,) = con.execute("SELECT seq + 1 FROM audit_head").fetchone()
    con.execute("INSERT INTO audit_log(seq, at, actor, action, table_name, record_id, field, "
                "old_value, new_value, reason, prev_hash, hash) SELECT seq + 1, at, actor, "
                "action, table_name, record_id, field, old_value, 'forged', reason, hash, hash "
                "FROM audit_log WHERE seq = ?", (seq - 1,))
    con.commit()
    entries = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, text, *a: shown.append(text))
    dialog = SignInDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert not dialog.verify_button.isVisibleTo(dialog)
    _type(qtbot, dialog.fields["name"], "nurse")
    _type(qtbot, dialog.fields["password"], "demo")
    qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
    assert "holds an entry the app did not write" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.verify_button.isVisibleTo(dialog)
    # a nurse may not verify; the monitor may, and nothing is written
    _type(qtbot, dialog.fields["password"], "demo")
    dialog.verify_button.setFocus()
    qtbot.keyClick(dialog.verify_button, Qt.Key.Key_Space)
    assert "cannot read the audit trail" in dialog.error.text() and not shown
    dialog.fields["name"].clear()
    _type(qtbot, dialog.fields["name"], "monitor")
    dialog.fields["password"].clear()
    _type(qtbot, dialog.fields["password"], "demo")
    dialog.verify_button.setFocus()
    qtbot.keyClick(dialog.verify_button, Qt.Key.Key_Space)
    assert shown and f"entry {seq}" in shown[-1]
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries
    con.close()


def test_an_open_window_of_a_deactivated_account_cannot_save(qtbot, sqlite_demo_site):
    """Signed in, a dialog open; meanwhile an administrator deactivates the account on
    another workstation: the save is refused with that sentence, what was typed kept."""
    from db import open_database
    from ui.dialogs import ScreenFailDialog

    sqlite_db = sqlite_demo_site(TODAY, patients=2)
    signed = acc.sign_in(sqlite_db, "nurse", "demo", acc_now())
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: TODAY, signed=signed)
    dialog = ScreenFailDialog(ctx, 1)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.fields["screen_fail_reason"], "not eligible")
    other = open_database(sqlite_db.url)
    try:
        acc.sign_in(other, "admin", "demo", acc_now())
        acc.deactivate(other, "nurse", acc_now(), "left the site")
    finally:
        other.close()
    save_by_keys(qtbot, dialog)
    assert dialog.error.text() == ("Your account was deactivated after you signed in: nothing "
                                   "was done. Sign in with an active account")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields["screen_fail_reason"].text() == "not eligible"
