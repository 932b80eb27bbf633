"""A clinic day's worksheets read together (one query per table for the day's patients)
give exactly what each visit's worksheet read alone gives, on each backend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.services.errors import NotFound
from app.services.worksheets import clinic_day, day_worksheets, worksheet_data
from db.models import CalendarVisit

TODAY = date(2026, 11, 25)


def _statements(db, read):
    said: list[str] = []

    def seen(_c, _cur, sql, *_a):
        said.append(sql)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        result = read()
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    return result, said


def _visits(db) -> list[tuple[int, str]]:
    """Visits of every kind: a fortnight of clinic days (PK days, dosing, scans, follow-up),
    and each patient's visits done (samples taken, dosing recorded, readings, labs)."""
    days = [v for n in range(-7, 8) for v in clinic_day(db, TODAY + timedelta(days=n))]
    with db.reading() as session:
        done = session.execute(select(CalendarVisit.patient_id, CalendarVisit.code)
                               .where(CalendarVisit.state == "done")
                               .order_by(CalendarVisit.patient_id, CalendarVisit.target))
        recorded = [(pid, code) for pid, code in done][::7]
    return list(dict.fromkeys(days + recorded))


def test_a_day_read_together_is_each_visit_read_alone(demo_site):
    db = demo_site(TODAY, patients=16)
    visits = _visits(db)
    assert len({pid for pid, _c in visits}) >= 10 and len(visits) >= 30
    alone, one_by_one = _statements(db, lambda: [worksheet_data(db, None, pid, code, TODAY)
                                                 for pid, code in visits])
    together, day = _statements(db, lambda: day_worksheets(db, visits, TODAY))
    assert together == alone
    # what the day prints has all its parts somewhere
    assert any(s.pk for s in alone) and any(s.open_aes for s in alone)
    assert any(s.labs for s in alone) and any(s.dosing_notes for s in alone)
    assert any(s.last_vitals for s in alone) and any(s.conmeds for s in alone)
    # one query per table, however many visits: not one per visit
    assert len(day) <= 30 < len(one_by_one)
    half, fewer = _statements(db, lambda: day_worksheets(db, visits[:10], TODAY))
    assert half == alone[:10] and len(fewer) <= len(day)


def test_a_day_with_an_unknown_visit_says_which(demo_site):
    db = demo_site(TODAY, patients=16)
    visits = clinic_day(db, TODAY)[:3]
    pid = visits[0][0]
    with pytest.raises(NotFound) as alone:
        worksheet_data(db, None, pid, "C99D1", TODAY)
    with pytest.raises(NotFound) as together:
        day_worksheets(db, [*visits, (pid, "C99D1")], TODAY)
    assert str(together.value) == str(alone.value)
    assert day_worksheets(db, [], TODAY) == []
