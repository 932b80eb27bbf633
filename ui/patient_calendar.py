"""A patient's calendar as a tree: visits grouped by cycle (screening and lead-in, Cycle N,
follow-up), each row with its window, booking, actual date, status and protocol version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QTreeWidgetItemIterator

from app.rules.calendar_groups import cycle_starts, heading_of
from app.rules.dates import fmt_date, fmt_time
from app.rules.protocol import Protocol
from app.services import patients as pat
from app.services.corrections import Removed
from ui.i18n import tr, window_text
from ui.style import status_colours, status_word

#: the item data role holding a row's visit code (None for an unscheduled visit)
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3  # an unscheduled visit's stored record


class _Styles:
    """Each status's brushes, made once per filling: the palette is asked once, not per row."""

    def __init__(self) -> None:
        self.brushes: dict[str, tuple[QBrush, QBrush] | None] = {}
        self.struck = QFont()
        self.struck.setStrikeOut(True)

    def apply(self, item: QTreeWidgetItem, status: str) -> None:
        """A calendar row in its status's colours; a cancelled one struck through."""
        if status not in self.brushes:
            colours = status_colours(status)
            self.brushes[status] = (QBrush(colours[0]), QBrush(colours[1])) if colours else None
        brushes = self.brushes[status]
        if brushes:
            item.setForeground(5, brushes[0])
            item.setBackground(5, brushes[1])
        if status == "cancelled":
            for col in range(6):
                item.setFont(col, self.struck)


def fill_calendar(tree: QTreeWidget, page: pat.PatientPage, protocol: Protocol,
                  show_cancelled: bool, removed: Sequence[Removed] = ()
                  ) -> tuple[int, QTreeWidgetItem | None]:
    """Fill `tree` with the page's calendar and unscheduled visits (and the unscheduled
    visits entered in error, `removed`, struck through); returns how many cancelled visits
    were left out and the first visit still to do (where the page opens)."""
    rows = page.calendar
    day1s = cycle_starts(protocol, ((r.code, r.cycle, r.actual or r.target,
                                     r.status == "cancelled") for r in rows))
    groups: dict[str, QTreeWidgetItem] = {}
    now: QTreeWidgetItem | None = None
    hidden = 0
    bold = QFont()
    bold.setBold(True)
    styles = _Styles()
    entries: list[tuple[date, object]] = [(r.target, r) for r in rows] + [
        (u.actual_date, u) for u in page.unscheduled] + [
        (x.day or date.min, x) for x in removed if x.kind == "unscheduled"]
    entries.sort(key=lambda e: (e[0], getattr(e[1], "code", "")))
    for _, r in entries:
        record_id = None
        if isinstance(r, Removed):
            group = heading_of(protocol, r.what.split()[0], None, r.day, day1s)
            values = [tr("{what} (entered in error: {removed_reason})").format(
                    what=r.what, removed_reason=r.removed_reason), "", "", "",
                      fmt_date(r.day), tr("Entered in error")]
            status, code = "cancelled", None
        elif isinstance(r, pat.RecordView):
            group = heading_of(protocol, r.code, None, r.actual_date, day1s)
            values = [tr("{code}  Unscheduled: {unscheduled_reason}").format(
                    code=r.code, unscheduled_reason=r.unscheduled_reason), "", "", "",
                      f"{fmt_date(r.actual_date)} {fmt_time(r.actual_time)}".strip(),
                      tr("Done")]
            status, code, record_id = "done", None, r.id
        else:
            if r.status == "cancelled" and not show_cancelled:
                hidden += 1
                continue
            group = heading_of(protocol, r.code, r.cycle, r.target, day1s)
            rec = page.records.get(r.code)
            booked = (f"{fmt_date(r.booked_date)} {fmt_time(r.booked_time)}".strip()
                      if r.booked_date else "")
            actual = fmt_date(r.actual)
            if rec and rec.actual_time and r.actual:
                actual += f" {fmt_time(rec.actual_time)}"
            word = status_word(r.status)
            if r.reason:
                word += f" ({r.reason})"
            if rec and rec.delay_days:
                word += tr(" · delayed {delay_days} d ({delay_reason})").format(
                        delay_days=rec.delay_days, delay_reason=rec.delay_reason)
            values = [f"{r.code}  {r.label}", fmt_date(r.target),
                      window_text(r.earliest, r.latest, r.target), booked, actual, word,
                      r.protocol_version or ""]
            status, code = r.status, r.code
        parent = groups.get(group)
        if parent is None:
            parent = QTreeWidgetItem(tree, [group])
            parent.setFont(0, bold)
            parent.setExpanded(True)
            groups[group] = parent
        item = QTreeWidgetItem(parent, values)
        item.setData(0, CODE_ROLE, code)
        item.setData(0, RECORD_ROLE, record_id)  # an unscheduled visit's, to mark in error
        if now is None and status in ("open", "overdue", "planned"):
            now = item  # the first visit still to do: where the page opens
        styles.apply(item, status)
    for parent in groups.values():  # after the rows: each span lays the whole tree out again
        parent.setFirstColumnSpanned(True)
    for col in range(tree.columnCount() - 1):  # each column as wide as it needs
        tree.resizeColumnToContents(col)
    return hidden, now


def selected_key(tree: QTreeWidget) -> tuple[object, object] | None:
    """The calendar row selected now: its visit code, or its unscheduled visit's record."""
    item = tree.currentItem()
    if item is None or item.parent() is None:
        return None
    return item.data(0, CODE_ROLE), item.data(0, RECORD_ROLE)


def select_key(tree: QTreeWidget, key: tuple[object, object] | None) -> None:
    """Select again the row `selected_key` named (the tree was filled anew: after a save
    the nurse's place is kept)."""
    if key is None or key == (None, None):
        return
    found = QTreeWidgetItemIterator(tree)
    while found.value():
        item = found.value()
        if (item.data(0, CODE_ROLE), item.data(0, RECORD_ROLE)) == key:
            tree.setCurrentItem(item)
            tree.scrollToItem(item)
            return
        found += 1
