"""History times on the site's clock, with the UTC time the trail keeps on hover."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from app.services.history import HistoryRow, patient_history
from app.services.site_time import set_site_zone
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY, enrolled
from ui.main_window import MainWindow

TOKYO, NEW_YORK = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")


def _row(at: datetime) -> HistoryRow:
    return HistoryRow(at, "nurse", "A Nurse", "update", "visit_record", "1", "Visit LI",
                      "actual_date", None, None, None)


def test_a_moment_is_shown_on_the_site_s_clock_across_midnight():
    late = _row(datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    assert late.when_text == "01-MAR-2026 23:30"                 # as the trail keeps it
    assert late.when_in(TOKYO) == "02-MAR-2026 08:30"            # the day after, in Tokyo
    assert late.when_in(NEW_YORK) == "01-MAR-2026 18:30"         # the same day
    early = _row(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    assert early.when_in(NEW_YORK) == "01-MAR-2026 21:00"        # the day before
    assert _row(datetime(2026, 3, 1, 23, 30)).when_in(TOKYO) == "02-MAR-2026 08:30"  # naive: UTC
    summer = _row(datetime(2026, 7, 1, 12, 0, tzinfo=UTC))
    assert summer.when_in(NEW_YORK) == "01-JUL-2026 08:00"       # daylight saving time


def test_the_history_tab_shows_site_time_and_utc_on_hover(qtbot, ctx):
    set_site_zone(ctx.db, "Asia/Tokyo")
    pid = enrolled(ctx)
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_patient(pid)
    view = window.patient_view
    view.tabs.setCurrentWidget(view.history_tab)
    model = view.history_tab.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "When (Asia/Tokyo)"
    assert model.rowCount() > 0
    shown = {model.index(r, 0).data() for r in range(model.rowCount())}
    hover = {model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
             for r in range(model.rowCount())}
    rows = patient_history(ctx.db, pid)
    local = {f"{h.at.astimezone(TOKYO):%d-%b-%Y %H:%M}".upper() for h in rows}
    utc = {f"{h.at.astimezone(UTC):%d-%b-%Y %H:%M}".upper() + " UTC" for h in rows}
    assert shown == local and hover == utc
