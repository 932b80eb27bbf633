"""A date and a 24-hour time typed side by side (an SAE's clock: aware, reported)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.services.errors import InvalidEntry
from ui.i18n import labelled, tr
from ui.widgets import DateField, TimeField


class DateTimeField(QWidget):
    """A date and a 24-hour time side by side; both empty means not given."""

    def __init__(self, value: datetime | None = None) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.day = DateField()
        self.clock = TimeField()
        layout.addWidget(self.day)
        layout.addWidget(self.clock)
        layout.addStretch(1)
        self.edit = self.day.edit  # where an error is shown
        self.setFocusProxy(self.day)
        if value:
            self.day.set_date(value.date())
            self.clock.set_time(value.time())

    def value(self, label: str, name: str) -> datetime | None:
        try:
            day, clock = self.day.date(), self.clock.time()
        except ValueError as exc:
            raise InvalidEntry(name, labelled(label, exc)) from None
        if day is None and clock is None:
            return None
        if day is None or clock is None:
            raise InvalidEntry(name, tr("{label}: give both the date and the time").format(
                    label=label))
        return datetime.combine(day, clock)
