"""The tray's reminders, pure (issue 38, item 5): PK timepoints in the next 15 minutes,
SAE reports due within hours or late, tomorrow's bookings with no nurse, visits to book;
each said once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.booking import Block
from app.rules.reminders import SaeDue, ToBook, notices, tray_shows

LOCAL = datetime(2026, 3, 5, 9, 20)
NOW = LOCAL.replace(tzinfo=UTC)
PK = Block("101-001", "C1D1", datetime(2026, 3, 5, 8, 0), 540, "Chair 1", "nina",
           tuple(datetime(2026, 3, 5, 8, 30) + timedelta(minutes=m)
                 for m in (0, 30, 60, 120, 240)))


def test_what_the_tray_says_and_says_once():
    tomorrow = Block("101-002", "C2D1", datetime(2026, 3, 6, 9, 0), 60, "Chair 2")
    found = notices(NOW, LOCAL, booked=[PK, tomorrow],
                    saes=[SaeDue("101-003", "Sepsis", NOW + timedelta(hours=2)),
                          SaeDue("101-004", "Fall", NOW + timedelta(hours=20)),
                          SaeDue("101-005", "Rash", NOW - timedelta(hours=1))],
                    to_book=[ToBook("101-006", "C3D1", date(2026, 3, 7)),
                             ToBook("101-007", "C3D1", date(2026, 3, 20))])
    assert [str(n.text) for n in found] == [
        "101-001 C1D1: PK sample at 09:30 (Chair 1)",
        "101-003 Sepsis: report to the sponsor due 05-MAR-2026 11:20",
        "101-005 Rash: report to the sponsor due 05-MAR-2026 08:20",
        "101-002 C2D1 tomorrow at 09:00 has no nurse yet",
        "101-006 C3D1: its window opens 07-MAR-2026, not booked yet"]
    assert [str(n.title) for n in found][1:3] == ["SAE report due", "SAE report late"]
    again = notices(NOW, LOCAL, booked=[PK, tomorrow], seen={n.key for n in found})
    assert again == []
    assert tray_shows(True, found) and not tray_shows(False, found)
    assert not tray_shows(True, [])


@given(minutes=st.integers(-120, 600))
def test_a_pk_tick_is_said_in_the_15_minutes_before_it(minutes):
    local = datetime(2026, 3, 5, 8, 0) + timedelta(minutes=minutes)
    found = notices(local.replace(tzinfo=UTC), local, booked=[PK])
    due = [t for t in PK.ticks if local < t <= local + timedelta(minutes=15)]
    assert len(found) == len(due)
