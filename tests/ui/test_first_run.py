"""The first run of a new database, by keyboard: the first administrator, the site, a study's
protocol file, the CTCAE workbook and the backups; a file of the wrong shape or a folder
that cannot be written keeps the wizard on its page with the reason."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from app.services import accounts as acc
from app.services.dictionary import dictionary_info
from app.services.site_settings import site_settings
from app.services.studies import list_studies
from tests.ui.conftest import activate
from tests.ui.test_dialogs_by_keyboard import press, type_
from ui.first_run import FirstRunWizard

CTRL = Qt.KeyboardModifier.ControlModifier


def _clear_and_type(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Delete)
    type_(qtbot, text)


def _first_page_typed(qtbot, db, *texts: str):  # type: ignore[no-untyped-def]
    """The wizard on a new database, its administrator's page typed by keys (account,
    printed name, password, again), then Enter for Next."""
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    activate(wizard)
    admin = wizard.currentPage()
    admin.fields["name"].setFocus()
    for text in texts:
        type_(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    return wizard, admin


def test_a_new_database_is_set_up_by_keyboard(qtbot, sqlite_db, tmp_path):
    from tests.app.services.test_adverse_events import HEADER, TERMS

    wizard, admin = _first_page_typed(qtbot, sqlite_db, "rita", "Rita Admin",
                                      "a long enough secret 1", "a different one 22")
    # Next: refused, stays
    assert wizard.currentPage() is admin and "passwords differ" in admin.error.text()
    assert QApplication.focusWidget() is admin.fields["again"]
    _clear_and_type(qtbot, "a long enough secret 1")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.signed is not None and wizard.signed.role == "admin"
    site = wizard.currentPage()
    site.fields["site_name"].setFocus()
    type_(qtbot, "Hopital Saint-Louis")
    press(qtbot, Qt.Key.Key_Return)                              # no number: refused, stays
    assert wizard.currentPage() is site and "no number yet" in site.error.text()
    assert QApplication.focusWidget() is site.fields["site_number"]
    type_(qtbot, "101")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is not site, site.error.text()
    protocol = wizard.currentPage()
    broken = tmp_path / "broken.toml"
    broken.write_text("[study]\ncode = 'X'\n", encoding="utf-8")
    protocol.fields["protocol"].setFocus()
    type_(qtbot, str(broken))
    press(qtbot, Qt.Key.Key_Return)                              # a protocol of the wrong shape
    assert wizard.currentPage() is protocol and "broken.toml" in protocol.error.text()
    _clear_and_type(qtbot, "")
    press(qtbot, Qt.Key.Key_Return)                              # none: the shipped study
    ctcae = wizard.currentPage()
    wrong = tmp_path / "not-ctcae.csv"
    wrong.write_text("name,age\nx,1\n", encoding="utf-8")
    ctcae.fields["ctcae"].setFocus()
    type_(qtbot, str(wrong))
    press(qtbot, Qt.Key.Key_Return)                              # read off the GUI thread
    qtbot.waitUntil(lambda: ctcae.error.isVisibleTo(ctcae), timeout=10_000)
    assert wizard.currentPage() is ctcae
    good = tmp_path / "ctcae.csv"
    with good.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *TERMS])
    _clear_and_type(qtbot, str(good))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is not ctcae, timeout=10_000)  # loaded: on
    assert dictionary_info(sqlite_db) is not None
    backups = wizard.currentPage()
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    backups.fields["backup_folder"].setFocus()
    type_(qtbot, str(blocker / "backups"))
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is backups and "cannot be written" in backups.error.text()
    _clear_and_type(qtbot, str(tmp_path / "backups"))
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "30")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)                              # Finish
    assert wizard.result() == QWizard.DialogCode.Accepted
    saved = site_settings(sqlite_db)
    assert (saved.site_name, saved.site_number, saved.backup_folder, saved.backups_kept) == (
        "Hopital Saint-Louis", "101", str(tmp_path / "backups"), 30)
    assert acc.has_accounts(sqlite_db) and [s.code for s in list_studies(sqlite_db)] == [
        "IMP7068-101"]


def test_a_common_password_keeps_the_wizard_on_its_first_page(qtbot, sqlite_db):
    wizard, admin = _first_page_typed(qtbot, sqlite_db, "r.admin", "Rita Admin", "password",
                                      "password")
    assert wizard.currentPage() is admin and "most common" in admin.error.text()
    assert wizard.signed is None and not acc.has_accounts(sqlite_db)
