"""The administrator's Resources tab by keyboard (issue 38, item 1): a chair and a room
added, a holiday closed, the opening hours and a nurse's working days typed; bad input
shown on its field, nothing saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.site_resources import resources
from tests.ui.conftest import activate
from tests.ui.test_dialogs_by_keyboard import CTRL, _open, here, press, save, tab_to, type_
from ui.context import Context
from ui.resources_admin import ResourcesTab


def _tab(qtbot, ctx: Context) -> ResourcesTab:  # type: ignore[no-untyped-def]
    tab = ResourcesTab(ctx)
    qtbot.addWidget(tab)
    activate(tab)
    return tab


def test_resources_kept_by_keyboard(qtbot, ctx):
    from tests.ui.test_booking_ui import _accounts_for

    _accounts_for(ctx)
    tab = _tab(qtbot, ctx)
    dialog = _open(qtbot, tab.add_place_dialog())
    assert here() is dialog.fields["name"]
    type_(qtbot, "Chair 1")
    save(qtbot, dialog)
    dialog = _open(qtbot, tab.add_place_dialog())
    type_(qtbot, "Room B")
    tab_to(qtbot, dialog.fields["kind"])
    press(qtbot, Qt.Key.Key_Down)
    save(qtbot, dialog)
    dialog = _open(qtbot, tab.add_place_dialog())
    type_(qtbot, "chair 1")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text() == "The site already has 'chair 1'"
    dialog = _open(qtbot, tab.closure_dialog())
    type_(qtbot, "25-DEC-2026")
    press(qtbot, Qt.Key.Key_Tab)
    type_(qtbot, "Christmas")
    save(qtbot, dialog)
    dialog = _open(qtbot, tab.hours_dialog())
    dialog.fields["hours"].selectAll()
    type_(qtbot, "19:00-07:00")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "closes after it opens" in dialog.error.text()
    dialog.fields["hours"].selectAll()
    type_(qtbot, "07:30-19:00 Mon-Sat")
    save(qtbot, dialog)
    dialog = _open(qtbot, tab.working_days_dialog())
    tab_to(qtbot, dialog.fields["days"])
    type_(qtbot, "Mon Wed")
    save(qtbot, dialog)
    tab.refresh()
    res = resources(ctx.db)
    assert [(p.name, p.kind) for p in res.places] == [("Chair 1", "chair"), ("Room B", "room")]
    assert [(c.day, c.label) for c in res.closures] == [(date(2026, 12, 25), "Christmas")]
    assert res.opening_hours == "07:30-19:00 Mon Tue Wed Thu Fri Sat"
    assert [(s.account, s.days) for s in res.staff] == [("anna", "Mon Wed"),
                                                     ("bea", "Mon Tue Wed Thu Fri Sat")]
    assert tab.hours.text() == "Opening hours: 07:30-19:00 Mon Tue Wed Thu Fri Sat"
