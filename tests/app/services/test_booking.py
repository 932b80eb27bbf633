"""The appointment book on SQLite and PostgreSQL (issue 38): four PK days in three chairs,
a nurse not delegated for PK, a booking moved and cancelled with its reason (audited),
a cycle proposed and confirmed, a holiday named; bad input saves nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.errors import InvalidEntry
from app.services.booking import (
    Choice,
    book_choices,
    book_visit,
    cancel_booking,
    choices_of,
    cycle_proposal,
)
from app.services.patients import patient_page
from app.services.site_resources import (
    add_closure,
    add_place,
    resources,
    retire_place,
    set_opening_hours,
    set_working_days,
)
from app.services.visits import VisitEntry, record_visit
from db.accounts import UserAccount
from db.delegation import Delegation
from db.models import VisitRecord
from db.studies import Study
from tests.app.services.conftest import FD, form
from tests.conftest import light_hash

TODAY = date(2026, 1, 6)  # the day after the lead-in dose
C1D1 = date(2026, 1, 12)  # a Monday; window 11-JAN to 13-JAN
AT8 = datetime(2026, 1, 12, 8, 0)


def _enrol(db, protocol, n: int) -> list[int]:
    from app.services.patients import enrol

    out = []
    for i in range(1, n + 1):
        pid = enrol(db, protocol, form(subject_id=f"101-00{i}"), TODAY)
        record_visit(db, protocol, pid, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
        out.append(pid)
    return out


def _accounts(db, *names: tuple[str, str]) -> None:
    hashed = light_hash("a long pass phrase")
    with db.unit_of_work(reason="test accounts", purpose=None, actor="test setup") as s:
        for name, role in names:
            s.add(UserAccount(name=name, printed_name=name.title(), role=role,
                              password_hash=hashed, active=True, must_change=False,
                              failed_logins=0))


@pytest.fixture
def unit(db):
    for i in (1, 2, 3):
        add_place(db, f"Chair {i}", "chair")
    add_place(db, "Room A", "room")
    _accounts(db, ("nina", "nurse"), ("olga", "nurse"))
    return db


def _record(db, pid: int, code: str) -> VisitRecord:
    with db.reading() as s:
        return s.scalar(select(VisitRecord).where(VisitRecord.patient_id == pid,
                                                  VisitRecord.code == code))


def test_the_fourth_pk_day_in_three_chairs_is_refused(unit, protocol):
    pids = _enrol(unit, protocol, 4)
    for i, pid in enumerate(pids[:3], start=1):
        block = book_visit(unit, protocol, pid, "C1D1", Choice("C1D1", AT8), TODAY)
        assert block.place == f"Chair {i}" and block.minutes == 540
    with pytest.raises(InvalidEntry) as info:
        book_visit(unit, protocol, pids[3], "C1D1", Choice("C1D1", AT8), TODAY)
    assert info.value.field == "chair"
    assert "No chair is free on 12-JAN-2026 from 08:00 to 17:00 (all 3 are booked); free " \
        "days in the window: 13-JAN-2026" in info.value.message
    assert _record(unit, pids[3], "C1D1") is None  # nothing saved
    row = _record(unit, pids[0], "C1D1")
    assert (row.booked_date, row.booked_time, row.booked_nurse) == (C1D1, time(8, 0), None)
    page = patient_page(unit, protocol, pids[0], TODAY)
    assert next(r for r in page.calendar if r.code == "C1D1").booked_date == C1D1


def test_a_nurse_must_be_delegated_for_pk_on_the_study(unit, protocol):
    (pid,) = _enrol(unit, protocol, 1)
    with unit.unit_of_work(reason="enforce", purpose=None, actor="test setup") as s:
        study = s.scalar(select(Study))
        study.delegation_enforced = True
        s.add(Delegation(study_id=study.id, account="olga", task="pk_sampling",
                         start_date=date(2025, 1, 1), approved_by="pi", approved_name="PI",
                         approved_at=datetime(2025, 1, 1, 9, 0).astimezone()))
    with pytest.raises(InvalidEntry) as info:
        book_visit(unit, protocol, pid, "C1D1", Choice("C1D1", AT8, nurse="nina"), TODAY)
    assert info.value.field == "nurse"
    assert "nina is not delegated for PK sampling on this study on 12-JAN-2026" in \
        info.value.message
    assert _record(unit, pid, "C1D1") is None


@pytest.mark.parametrize(("choice", "field", "words"), [
    (Choice("C1D1", datetime(2026, 1, 12, 6, 0)), "when", "outside the opening hours"),
    (Choice("C1D1", AT8, place="Chair 9"), "chair", "There is no chair named 'Chair 9'"),
    (Choice("C1D1", datetime(2026, 1, 5, 9, 0)), "when", "is in the past"),
    (Choice("C1D1", AT8, nurse="zoe"), "nurse", "There is no nurse account 'zoe'"),
])
def test_bad_input_saves_nothing(unit, protocol, choice, field, words):
    (pid,) = _enrol(unit, protocol, 1)
    with pytest.raises(InvalidEntry) as info:
        book_visit(unit, protocol, pid, "C1D1", choice, TODAY)
    assert (info.value.field, words in info.value.message) == (field, True)
    assert _record(unit, pid, "C1D1") is None


def test_a_booking_moved_with_a_reason_then_cancelled_with_one(unit, protocol):
    (pid,) = _enrol(unit, protocol, 1)
    book_visit(unit, protocol, pid, "C1D1", Choice("C1D1", AT8, "Chair 2", "nina"), TODAY)
    with pytest.raises(InvalidEntry) as info:  # a change of a saved booking needs its reason
        book_visit(unit, protocol, pid, "C1D1", Choice("C1D1", datetime(2026, 1, 13, 8, 0)),
                   TODAY)
    assert info.value.field == "reason"
    book_visit(unit, protocol, pid, "C1D1", Choice("C1D1", datetime(2026, 1, 13, 8, 0)),
               TODAY, reason="patient asked")
    row = _record(unit, pid, "C1D1")
    assert (row.booked_date, row.booked_nurse) == (date(2026, 1, 13), None)
    with pytest.raises(InvalidEntry) as info:
        cancel_booking(unit, protocol, pid, "C1D1", TODAY, " ")
    assert info.value.field == "reason"
    cancel_booking(unit, protocol, pid, "C1D1", TODAY, "patient in hospital")
    row = _record(unit, pid, "C1D1")
    assert (row.booked_date, row.booked_time, row.booked_place_id) == (None, None, None)
    from app.services.history import patient_history

    said = " ".join(str(e) for e in patient_history(unit, pid))
    assert "patient asked" in said and "patient in hospital" in said


def test_a_cycle_proposed_lands_in_its_windows_and_a_holiday_is_named(unit, protocol):
    pids = _enrol(unit, protocol, 2)
    add_closure(unit, date(2026, 1, 19), "Site holiday", TODAY)  # C1D8's target
    book_visit(unit, protocol, pids[1], "C1D1", Choice("C1D1", AT8, "Chair 1"), TODAY)
    proposal = cycle_proposal(unit, protocol, pids[0], 1, time(8, 0), TODAY)
    got = {p.code: (p.start, p.place) for p in proposal}
    assert got["C1D1"] == (AT8, "Chair 2")
    assert got["C1D2"] == (datetime(2026, 1, 13, 8, 0), "Chair 1")
    assert got["C1D8"][0].date() == date(2026, 1, 20)  # the holiday is named, not silent
    note = next(p.note for p in proposal if p.code == "C1D8")
    assert "not its target 19-JAN-2026: The site is closed on 19-JAN-2026 (Site holiday)" \
        in note
    assert all(p.earliest <= p.start.date() <= p.latest for p in proposal)
    blocks = book_choices(unit, protocol, pids[0], choices_of(proposal, "nina"), TODAY)
    assert {b.code for b in blocks} == {"C1D1", "C1D2", "C1D8", "C1D15"}
    assert _record(unit, pids[0], "C1D15").booked_nurse == "nina"
    with pytest.raises(InvalidEntry):  # nothing left to book in cycle 1
        cycle_proposal(unit, protocol, pids[0], 1, None, TODAY)


def test_resources_as_data(unit):
    set_opening_hours(unit, "07:30-19:00 Mon-Fri")
    set_working_days(unit, "nina", "Mon Tue Wed")
    r = resources(unit)
    assert r.to_json()["chairs"] == ["Chair 1", "Chair 2", "Chair 3"]
    assert r.to_json()["rooms"] == ["Room A"]
    assert r.opening_hours == "07:30-19:00 Mon Tue Wed Thu Fri"
    assert [(s.account, s.days) for s in r.staff] == [("nina", "Mon Tue Wed"),
                                                     ("olga", "Mon Tue Wed Thu Fri")]
    retire_place(unit, r.places[2].id, "broken")
    assert [p.name for p in resources(unit).places] == ["Chair 1", "Chair 2", "Room A"]
    with pytest.raises(InvalidEntry) as info:
        add_place(unit, "chair 1", "chair")
    assert info.value.message == "The site already has 'chair 1'"
    with pytest.raises(InvalidEntry):
        set_opening_hours(unit, "19:00-07:00")


def test_the_calendar_feed_carries_the_booking_its_chair_and_alarm(unit, protocol, tmp_path):
    from icalendar import Calendar

    from app.exchange.ical import Reminder
    from app.services.ical_export import export_ical

    (pid,) = _enrol(unit, protocol, 1)
    book_visit(unit, protocol, pid, "C1D1", Choice("C1D1", AT8, "Chair 2", "nina"), TODAY)
    target = tmp_path / "visits.ics"
    export_ical(unit, target, TODAY, reminder=Reminder.HOUR_BEFORE)
    events = {str(e["summary"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    event = events["101-001 C1D1"]
    assert str(event["location"]) == "Chair 2"
    assert event["dtend"].dt - event["dtstart"].dt == timedelta(hours=9)
    assert "Chair 2, nurse nina" in str(event["description"])
    alarm = event.subcomponents[0]
    assert alarm.name == "VALARM" and alarm["trigger"].dt == -timedelta(hours=1)
