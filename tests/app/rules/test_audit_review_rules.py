"""The pure audit-review rules: one item per save of a record, late entries, corrections
with and without a query, withdrawals, and the access log's findings."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from app.rules.audit_review import (
    DoorLine,
    Finding,
    ReviewSettings,
    TrailLine,
    door_findings,
    outside_hours,
    trail_findings,
)
from tests.conftest import SITE_ZONE

AT = datetime(2026, 2, 2, 10, 0, tzinfo=SITE_ZONE)


def line(seq, action="update", field="comment", old=None, new=None, reason=None,
         table="visit_record", at=AT):
    return TrailLine(seq, at, "nina", action, table, "7", field, old, new, reason, "101-001")


def test_trail_findings():
    s = ReviewSettings(late_days=7)
    items = trail_findings([
        line(1, "insert", "actual_date", None, "2026-01-12"),  # 21 days late
        line(2, "insert", "comment", None, "x", at=AT.replace(hour=11)),
        line(3, field="comment", old="x", new="y", reason="typo", at=AT.replace(hour=12)),
        line(4, field="comment", old="y", new="z", reason="Query 3: the source says z",
             at=AT.replace(hour=13)),
        line(5, field="comment", old=None, new="filled", at=AT.replace(hour=14)),
        line(6, "delete", "deleted_at", None, "2026-02-02", reason="wrong patient",
             at=AT.replace(hour=15)),
    ], s, queries={3})
    got = [(i.key, i.finding, str(i.detail)) for i in items]
    assert got == [("audit:1", Finding.LATE, "Actual date 12-JAN-2026 entered 21 days after"),
                   ("audit:3", Finding.CORRECTION, "Comment: x -> y"),
                   ("audit:4", Finding.CHANGE, "Comment: y -> z"),
                   ("audit:6", Finding.IN_ERROR, "withdrawn")]
    # a reason naming a query that is not on file is no answer to one
    [unknown] = trail_findings([line(1, field="c", old="y", new="z", reason="Query 9: z")], s,
                               queries={3})
    assert unknown.finding is Finding.CORRECTION
    # one save of several fields is one item
    two = trail_findings([line(1, field="a", old="1", new="2", reason="r"),
                          line(2, field="b", old="1", new="3", reason="r")], s)
    assert len(two) == 1 and two[0].fields == ("a", "b")


@given(st.integers(0, 60), st.integers(1, 30))
def test_late_is_more_than_the_limit(days, limit):
    from datetime import timedelta

    event = (AT - timedelta(days=days)).date().isoformat()
    items = trail_findings([line(1, "insert", "onset_date", None, event,
                                 table="adverse_event")], ReviewSettings(late_days=limit))
    assert bool(items) is (days > limit)


def test_door_findings():
    s = ReviewSettings()
    sat = datetime(2026, 11, 28, 10, 0, tzinfo=SITE_ZONE)
    night = datetime(2026, 11, 25, 22, 0, tzinfo=SITE_ZONE)
    assert outside_hours(sat, s) and outside_hours(night, s) and not outside_hours(AT, s)
    items = door_findings([DoorLine(1, AT, "mona", "login", None),
                           DoorLine(2, night, "mona", "login", None),
                           DoorLine(3, AT, "mona", "failed", None),
                           DoorLine(4, AT, "mona", "denied", "enter"),
                           DoorLine(5, AT, "mona", "logout", None)], s)
    assert [(i.key, i.finding) for i in items] == [
        ("access:2", Finding.AFTER_HOURS), ("access:3", Finding.FAILED),
        ("access:4", Finding.REFUSAL)]
