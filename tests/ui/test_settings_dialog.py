"""Tools > Settings by keyboard: the workstation's paper and worklist horizon (QSettings) and
the site's settings (the database); a bad folder is said on its field, nothing saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.site_settings import site_settings
from tests.ui.test_dialogs_by_keyboard import _open, here, press, save, tab_to, type_
from ui.settings_dialog import SettingsDialog
from ui.workstation import paper_size, worklist_days, workstation

CTRL = Qt.KeyboardModifier.ControlModifier


def test_settings_by_keyboard(qtbot, ctx, tmp_path):
    workstation().clear()
    dialog = _open(qtbot, SettingsDialog(ctx))
    tab_to(qtbot, dialog.fields["paper_size"])
    type_(qtbot, "L")                                            # "Letter"
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["language"]                  # kept as it was
    press(qtbot, Qt.Key.Key_Tab)
    assert here() is dialog.fields["worklist_days"].lineEdit() or \
        here() is dialog.fields["worklist_days"]
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "21")
    tab_to(qtbot, dialog.fields["site_name"])
    type_(qtbot, "Centre Leon Berard")
    tab_to(qtbot, dialog.fields["backup_folder"])
    type_(qtbot, "relative")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "full path" in dialog.error.text()
    assert here() is dialog.fields["backup_folder"]
    assert site_settings(ctx.db).site_name == ""                 # nothing saved
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, str(tmp_path / "backups"))
    save(qtbot, dialog)
    assert (paper_size(), worklist_days()) == ("Letter", 21)
    saved = site_settings(ctx.db)
    assert (saved.site_name, saved.backup_folder) == ("Centre Leon Berard",
                                                      str(tmp_path / "backups"))
    workstation().clear()


def test_a_nurse_sees_the_site_settings_but_cannot_change_them(qtbot, ctx):
    from dataclasses import replace

    from app.rules.accounts import Role
    from app.services.accounts import SignedIn

    nurse = replace(ctx, signed=SignedIn("nina", "Nina Nurse", Role("nurse"), False))
    dialog = _open(qtbot, SettingsDialog(nurse))
    assert not dialog.fields["site_name"].isEnabled()
    assert "changed by an administrator" in dialog.intro.text()


def test_a_new_horizon_reaches_an_open_worklist_and_builds_no_other(qtbot, ctx, monkeypatch):
    """Saving Settings sets the horizon of a worklist already open; a worklist not opened
    yet is not built for it (it reads the horizon when it is)."""
    from ui.main_menu import open_settings
    from ui.main_window import MainWindow
    from ui.places.numbers import WORKLIST

    def saved(_dialog) -> int:  # the dialog itself is driven by keys above
        workstation().setValue("worklist_days", 30)
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", saved)
    workstation().clear()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    open_settings(window)
    assert window.built(WORKLIST) is None
    window.worklist.days.setValue(14)
    open_settings(window)
    assert window.built(WORKLIST).days.value() == 30
    workstation().clear()


def test_the_calendar_reminder_is_chosen_by_keyboard(qtbot, ctx):
    from app.exchange.ical import Reminder

    dialog = _open(qtbot, SettingsDialog(ctx))
    tab_to(qtbot, dialog.fields["calendar_reminder"])
    press(qtbot, Qt.Key.Key_Down)                                # the day before
    save(qtbot, dialog)
    assert site_settings(ctx.db).calendar_reminder is Reminder.DAY_BEFORE


def test_the_sites_country_for_sdtm_by_keyboard(qtbot, ctx):
    workstation().clear()
    dialog = _open(qtbot, SettingsDialog(ctx))
    tab_to(qtbot, dialog.fields["country"])
    type_(qtbot, "France")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "three-letter ISO 3166-1 code" in dialog.error.text()
    assert here() is dialog.fields["country"] and site_settings(ctx.db).country == ""
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_(qtbot, "fra")
    save(qtbot, dialog)
    assert site_settings(ctx.db).country == "FRA"
    workstation().clear()
