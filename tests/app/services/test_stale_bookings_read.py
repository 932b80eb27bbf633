"""Today's bookings to rebook read only the bookings that may be stale (issue 32: the
Today place took 0.6 s to 1.9 s at 7,000 patients reading every future booking): the list
is the rule's over every future booking, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update

from app.rules.booking_plan import Held, stale_bookings
from app.services.planner import stale_list
from db.models import CalendarVisit, Patient, VisitRecord
from tests.app.services.conftest import TODAY


def _every_future_booking(db) -> list[Held]:
    """The rule's input as it was read before: every booking from today on."""
    with db.reading() as session:
        held = [Held(*r) for r in session.execute(
            select(Patient.subject_id, CalendarVisit.code, CalendarVisit.booked_date,
                   CalendarVisit.booked_time, CalendarVisit.earliest, CalendarVisit.latest,
                   CalendarVisit.target, CalendarVisit.state, CalendarVisit.patient_id)
            .join(Patient, Patient.id == CalendarVisit.patient_id)
            .where(CalendarVisit.booked_date >= TODAY))]
        known = {(h.key, h.code) for h in held}
        for subject, code, booked, pid in session.execute(
                select(Patient.subject_id, VisitRecord.code, VisitRecord.booked_date,
                       VisitRecord.patient_id)
                .join(Patient, Patient.id == VisitRecord.patient_id)
                .where(VisitRecord.booked_date >= TODAY, VisitRecord.outcome.is_(None))):
            if (pid, code) not in known:
                held.append(Held(subject, code, booked, None, booked, booked, booked,
                                 "cancelled", pid))
    return held


def test_only_the_stale_bookings_are_read_and_listed_as_the_rule_says(db, dosed):
    with db.reading() as session:
        ahead = session.execute(
            select(CalendarVisit.id, CalendarVisit.code, CalendarVisit.earliest,
                   CalendarVisit.latest)
            .where(CalendarVisit.patient_id == dosed, CalendarVisit.target > TODAY)
            .order_by(CalendarVisit.target)).all()
    (in_window, outside, cancelled, done, kept) = ahead[:5]
    day = timedelta(days=1)
    with db.engine.begin() as conn:  # the bookings as a rebuilt calendar leaves them
        for row, values in ((in_window, {"booked_date": in_window.earliest}),
                            (outside, {"booked_date": outside.latest + 2 * day}),
                            (cancelled, {"booked_date": cancelled.earliest,
                                         "state": "cancelled"}),
                            (done, {"booked_date": done.latest + day, "state": "done"}),
                            (kept, {"booked_date": kept.latest})):
            conn.execute(update(CalendarVisit).where(CalendarVisit.id == row.id)
                         .values(**values))
        conn.execute(insert(VisitRecord), [  # a booking whose visit left the calendar,
            {"patient_id": dosed, "code": "GONE", "unscheduled": False,  # one still in it
             "booked_date": TODAY + 3 * day},
            {"patient_id": dosed, "code": in_window.code, "unscheduled": False,
             "booked_date": in_window.earliest}])
    listed = stale_list(db, TODAY)
    assert [(s.held.code, s.held.booked) for s in listed] == sorted(
        [(outside.code, outside.latest + 2 * day), (cancelled.code, cancelled.earliest),
         ("GONE", TODAY + 3 * day)], key=lambda x: (x[1], x[0]))
    assert [(s.held, str(s.why)) for s in listed] == [
        (s.held, str(s.why)) for s in stale_bookings(_every_future_booking(db), TODAY)]


def test_the_stale_bookings_are_read_through_their_partial_indexes(sqlite_db):
    """Each of the two readings goes through the partial index that holds only what it looks
    for (db/partial_indexes.py; migration 0026), not through every booking of the site's patients:
    at 70,000 patients on PostgreSQL, 55 ms and 42 ms walking 7,000 patients' rows."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []
    event.listen(sqlite_db.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, parameters, *_: seen.append((statement,
                                                                         parameters)))
    stale_list(sqlite_db, TODAY)
    plans = []
    with sqlite_db.engine.connect() as conn:
        for statement, parameters in seen:
            if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                plans.append(" ".join(str(row[-1]) for row in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, parameters)))
    assert len(plans) == 2
    assert "USING INDEX ix_calendar_visit_stale" in plans[0], plans[0]
    assert "USING INDEX ix_visit_record_open_booking" in plans[1], plans[1]
