"""Small widgets the forms share: a date field that takes a typed date or a picked one."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.infra.clock import Clock
from app.rules.dates import fmt_date, fmt_time, parse_user_date, parse_user_time
from app.rules.groups import GroupBy
from app.rules.partial_dates import PartialDate, parse_partial
from ui.i18n import QT_TR_NOOP, tr

if TYPE_CHECKING:
    from app.rules.protocol import Protocol
    from ui.context import Context



class DateField(QWidget):
    """DD-MMM-YYYY typed, or picked from a calendar; empty means not given. With `partial`,
    a date known only in part is taken too: UN-JAN-2026, UN-UNK-2026 (CDASH)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, partial: bool = False) -> None:
        super().__init__(parent)
        self.partial = partial
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(tr("DD-MMM-YYYY") + (tr(" or UN-MMM-YYYY") if partial else ""))
        if partial:
            self.edit.setToolTip(tr("Day unknown: UN-JAN-2026; month unknown too: UN-UNK-2026"))
        self.edit.setMaximumWidth(140)
        self.button = QToolButton(self)
        self.button.setText(tr("Pick…"))
        self.button.setToolTip(tr("Pick a date (Alt+Down or F4 in the date)"))
        # not a Tab stop: Tab goes from field to field; Alt+Down or F4 opens the calendar
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.textChanged.connect(self.changed)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        for keys in ("Alt+Down", "F4"):
            shortcut = QShortcut(QKeySequence(keys), self.edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.button.showMenu)

    def _sync_calendar(self) -> None:
        try:
            current = self.date()
        except ValueError:
            current = None
        d = current or Clock().today()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))

    def _picked(self, qd: QDate) -> None:
        self.set_date(date(qd.year(), qd.month(), qd.day()))
        self.button.menu().hide()
        self.changed.emit()

    def _tidy(self) -> None:
        try:
            d = self.value()
        except ValueError:
            return
        if isinstance(d, date):
            self.edit.setText(fmt_date(d))
        elif d is not None:
            self.edit.setText(d.text)

    def date(self) -> dt.date | None:
        """The date typed or picked; ValueError with a hint when the text is not a date
        (a partial one included: read those with `value`)."""
        value = self.value()
        if value is not None and not isinstance(value, date):
            raise ValueError(tr("'{text}' is a partial date: give the whole date here").format(
                    text=value.text))
        return value

    def value(self) -> dt.date | PartialDate | None:
        """The date, or (a field that takes them) the partial date typed."""
        if not self.partial:
            return parse_user_date(self.edit.text())
        return parse_partial(self.edit.text())

    def set_date(self, d: dt.date | None) -> None:
        self.edit.setText(fmt_date(d) if d else "")


class TimeField(QLineEdit):
    """24-hour HH:MM; empty means not given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("HH:MM"))
        self.setMaximumWidth(80)

    def time(self) -> dt.time | None:
        return parse_user_time(self.text())

    def set_time(self, t: dt.time | None) -> None:
        self.setText(fmt_time(t))


class EmptyState(QWidget):
    """What a place shows when it has nothing to list: what to do next."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(hint)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        self.button_row = QHBoxLayout()
        layout.addLayout(self.button_row)
        layout.addStretch(2)

    def add_button(self, text: str) -> QPushButton:
        """The first thing to do, as a button under the hint (centred)."""
        button = QPushButton(text)
        self.button_row.addStretch(1)
        self.button_row.addWidget(button)
        self.button_row.addStretch(1)
        return button


def subject_search() -> QLineEdit:
    """A place's search by subject ID: named for screen readers, cleared with one click."""
    search = QLineEdit()
    search.setAccessibleName(tr("Subject ID"))
    search.setPlaceholderText(tr("Subject ID"))
    search.setClearButtonEnabled(True)
    return search


class FilterBox(QComboBox):
    """A choice box of a place's bar: as wide as its longest choice where there is room,
    and able to shrink to a few letters where there is not (the list still shows every
    word), so that a bar never widens the window past a 1280x720 screen at 150 %."""

    SHORTEST = 72  # pixels: a few letters and the arrow

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.SHORTEST), hint.height())


class GroupingBox(FilterBox):
    """Results for the whole site, or by part, dose level (Part 1) or cohort (Part 2)."""

    CHOICES = ((QT_TR_NOOP("The whole site"), None), (QT_TR_NOOP("By part"), GroupBy.PART),
               (QT_TR_NOOP("By dose level (Part 1)"), GroupBy.DOSE_LEVEL),
               (QT_TR_NOOP("By cohort (Part 2)"), GroupBy.COHORT))

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        for text, by in self.CHOICES:
            self.addItem(tr(text), by)

    def group_by(self) -> GroupBy | None:
        data = self.currentData()  # Qt hands the enum back as its text
        return GroupBy(data) if data else None


class StudyBox(FilterBox):
    """Which study a place shows: every study (where a listing can mix them) or one. Hidden
    while the site runs a single study. Lists the codes only; a study's protocol is read
    when it is chosen."""

    def __init__(self, ctx: Context, everyone: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(tr("Study"))
        self.setToolTip(tr("Show one study, or every study of the site"))
        self.codes = ctx.study_codes()
        if everyone:
            self.addItem(tr("All studies"), None)
        for study_id, code in self.codes.items():
            self.addItem(code, study_id)
        if not everyone:  # the default study first: the one the app ships for
            self.setCurrentIndex(max(0, self.findText(ctx.protocol.code)))
        if not self.several:  # (shown with its place: shown here, without a parent yet, it
            self.hide()       # would open as a window of its own, 7 ms and maybe a flash)

    @property
    def several(self) -> bool:
        """Whether the site runs more than one study (else the box stays hidden)."""
        return len(self.codes) > 1

    def study_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def study(self) -> Protocol | None:
        """The chosen study's current protocol (None: every study)."""
        study_id = self.study_id()
        return self.ctx.study_protocol(study_id) if study_id is not None else None
