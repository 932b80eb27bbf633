"""Tools ▸ Site time zone, by keyboard: an unknown zone is refused on the field; a zone
typed and saved changes the clock every time is shown on, and the change is audited."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.site_time import site_zone
from db.models import AuditEntry
from tests.ui.conftest import click_save
from ui.site_time_dialog import SiteTimeDialog


def test_site_zone_by_keyboard(qtbot, ctx):
    dialog = SiteTimeDialog(ctx)
    qtbot.addWidget(dialog)
    assert "Europe/Paris" in dialog.intro.text()  # the workstation's (TZ) by default
    box = dialog.fields["time_zone"]
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "Mars/Olympus")
    qtbot.keyClick(dialog.fields["reason"], Qt.Key.Key_Tab)
    click_save(qtbot, dialog)
    assert "'Mars/Olympus' is not a time zone" in dialog.error.text()
    assert str(site_zone(ctx.db)) == "Europe/Paris"
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "America/New_York")
    qtbot.keyClicks(dialog.fields["reason"], "site is in New York")
    click_save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert str(site_zone(ctx.db)) == "America/New_York"
    with ctx.db.reading() as session:
        entry = session.query(AuditEntry).filter_by(table_name="site_setting",
                                                    field="value").one()
    assert (entry.new_value, entry.reason) == ("America/New_York", "site is in New York")
