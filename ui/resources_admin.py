"""The administrator's Resources tab: the site's chairs and rooms, its closures, its
opening hours and each nurse's working days, which the appointment book books against.
Each change is a dialog; a chair is retired and a closure withdrawn with a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.rules.dates import fmt_date
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel


class ResourceDialog(FormDialog):
    """One change of the resources: its fields, then the service called on Save."""

    help_page = "settings"

    def __init__(self, title: str, act: Callable[[ResourceDialog], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._act = act

    def save(self) -> None:
        if self.attempt(lambda: self._act(self)):
            self.accept()


def _reason(dialog: ResourceDialog) -> str:
    reason = dialog.read_text("reason")
    if not reason:
        raise InvalidEntry("reason", tr("Give the reason (kept in the audit trail)"))
    return reason


class ResourcesTab(QWidget):
    """Chairs and rooms, closures, opening hours and staff days, with their buttons."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.hours = QLabel()
        layout.addWidget(self.hours)
        self.places = RowTableModel([Column(tr("Chair or room"), lambda p: p.name),
                                     Column(tr("Kind"), lambda p: tr(p.kind))])
        self.closures = RowTableModel([Column(tr("Closed on"), lambda c: fmt_date(c.day)),
                                       Column(tr("What"), lambda c: c.label)])
        self.staff = RowTableModel([Column(tr("Account"), lambda s: s.account),
                                    Column(tr("Works"), lambda s: s.days)])
        self.tables: dict[str, RowTable] = {}
        lists = QHBoxLayout()
        for key, model in (("places", self.places), ("closures", self.closures),
                           ("staff", self.staff)):
            self.tables[key] = RowTable(model)
            lists.addWidget(self.tables[key])
        layout.addLayout(lists, 1)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
                ("add", tr("Add a chair or room…"), self.add_place),
                ("retire", tr("Retire…"), self.retire_place),
                ("close", tr("Close a day…"), self.add_closure),
                ("withdraw", tr("Withdraw a closure…"), self.withdraw_closure),
                ("hours", tr("Opening hours…"), self.opening_hours),
                ("works", tr("Working days…"), self.working_days)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        from app.services.site_resources import resources

        res = resources(self.ctx.db)
        self.places.set_rows(res.places)
        self.closures.set_rows(res.closures)
        self.staff.set_rows(res.staff)
        self.hours.setText(tr("Opening hours: {hours}").format(hours=res.opening_hours))

    def _run(self, dialog: ResourceDialog) -> bool:
        if dialog.exec():
            self.refresh()
            return True
        return False

    def _selected(self, key: str) -> object | None:
        rows = self.tables[key].selectionModel().selectedRows()
        model = self.tables[key].model()
        if not rows or not isinstance(model, RowTableModel):
            return None
        row: object = model.row_at(rows[0].row())
        return row

    def add_place_dialog(self) -> ResourceDialog:
        from app.services.site_resources import add_place

        dialog = ResourceDialog(tr("Add a chair or room"), lambda d: add_place(
            self.ctx.db, d.read_text("name"), d.read_choice("kind") or "chair"), self)
        dialog.line("name", tr("Name"), placeholder=tr("Chair 4, Bed 2, Room B"))
        dialog.choice("kind", tr("Kind"), [(tr("chair"), "chair"), (tr("room"), "room")])
        return dialog

    def add_place(self) -> None:
        self._run(self.add_place_dialog())

    def retire_place(self) -> None:
        from app.services.site_resources import retire_place

        place = self._selected("places")
        if place is None:
            return
        dialog = ResourceDialog(tr("Retire {name}").format(name=getattr(place, "name", "")),
                                lambda d: retire_place(self.ctx.db, getattr(place, "id", 0),
                                                       _reason(d)), self)
        dialog.line("reason", tr("Reason"))
        self._run(dialog)

    def closure_dialog(self) -> ResourceDialog:
        from app.services.site_resources import add_closure

        dialog = ResourceDialog(tr("Close the site on a day"), lambda d: add_closure(
            self.ctx.db, d.read_date("day", tr("Day")), d.read_text("label"),
            self.ctx.today()), self)
        dialog.date_field("day", tr("Day"))
        dialog.line("label", tr("What"), placeholder=tr("a public holiday"))
        return dialog

    def add_closure(self) -> None:
        self._run(self.closure_dialog())

    def withdraw_closure(self) -> None:
        from app.services.site_resources import withdraw_closure

        closure = self._selected("closures")
        if closure is None:
            return
        dialog = ResourceDialog(tr("Withdraw a closure"), lambda d: withdraw_closure(
            self.ctx.db, getattr(closure, "id", 0), _reason(d)), self)
        dialog.line("reason", tr("Reason"))
        self._run(dialog)

    def hours_dialog(self) -> ResourceDialog:
        from app.services.site_resources import set_opening_hours

        dialog = ResourceDialog(tr("Opening hours"), lambda d: set_opening_hours(
            self.ctx.db, d.read_text("hours")), self)
        dialog.line("hours", tr("Opening hours"), self.hours.text().split(": ", 1)[-1],
                    placeholder="08:00-18:00 Mon-Fri")
        return dialog

    def opening_hours(self) -> None:
        self._run(self.hours_dialog())

    def working_days_dialog(self) -> ResourceDialog:
        from app.services.site_resources import set_working_days

        dialog = ResourceDialog(tr("Working days"), lambda d: set_working_days(
            self.ctx.db, d.read_choice("account") or "", d.read_text("days")), self)
        dialog.choice("account", tr("Account"), [(s.account, s.account)
                                                 for s in self.staff.rows])
        dialog.line("days", tr("Works on"), placeholder="Mon Tue Thu")
        return dialog

    def working_days(self) -> None:
        self._run(self.working_days_dialog())


__all__ = ["ResourceDialog", "ResourcesTab"]
