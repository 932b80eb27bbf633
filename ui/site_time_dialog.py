"""Tools ▸ Site time zone: the zone clock times at the site are typed and shown in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.rules.site_time import zone_names
from app.services.errors import InvalidEntry
from app.services.site_time import set_site_zone
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr


class SiteTimeDialog(FormDialog):
    """Type or pick an IANA zone (the list completes as you type); a reason is asked, since
    every clock time on screen and paper is then shown on the new zone's clock."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(tr("Site time zone"), parent)
        self.ctx = ctx
        current = str(ctx.zone())
        self.intro.setText(
            tr("Doses, PK tubes and SAE times are typed and shown on this clock (now "
               "{current}). Times already saved are instants: they do not move, they are "
               "shown on the new clock.").format(current=current))
        self.intro.show()
        box = QComboBox()
        box.setEditable(True)
        box.addItems(zone_names())
        box.setCurrentText(current)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(zone_names(), box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        box.setCompleter(completer)
        self.add("time_zone", tr("Time zone"), box)
        self.line("reason", tr("Reason for change"), placeholder=tr("e.g. set for this site"))

    def save(self) -> None:
        def act() -> None:
            box = self.fields["time_zone"]
            assert isinstance(box, QComboBox)
            name = box.currentText().strip()
            if not name:
                raise InvalidEntry("time_zone", tr("Give the site's time zone, e.g. Europe/Paris"))
            set_site_zone(self.ctx.db, name, self.read_text("reason") or None)

        if self.attempt(act):
            self.accept()
