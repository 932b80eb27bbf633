"""The audit-trail review on SQLite and PostgreSQL: a late entry, a correction without a
query, a change answering one, failed sign-ins and refusals; the reviewer's marks."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from app.rules.audit_review import Finding
from app.services import accounts as acc
from app.services.audit_review import audit_review, mark_reviewed, set_review_settings
from app.services.errors import InvalidEntry
from app.services.visits import VisitEntry, record_visit
from db.models import AuditEntry
from tests.app.services.conftest import C1D1, TODAY
from tests.conftest import SITE_ZONE

WIDE = (date(2026, 1, 1), date(2199, 12, 31))  # the trail's instants are the real clock's
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=SITE_ZONE)


def test_late_entries_and_corrections_are_listed(db, protocol, dosed):
    record_visit(db, protocol, dosed, "C1D1", VisitEntry(outcome="done", actual_date=C1D1,
                                                         comment="first"), TODAY)
    record_visit(db, protocol, dosed, "C1D1", VisitEntry(outcome="done", actual_date=C1D1,
                                                         comment="second"), TODAY,
                 reason="typing error")
    record_visit(db, protocol, dosed, "C1D1", VisitEntry(outcome="done", actual_date=C1D1,
                                                         comment="third"), TODAY,
                 reason="Query 4: the source says third")
    rows = audit_review(db, *WIDE)
    found = {(r.item.finding, str(r.item.detail)) for r in rows}
    late = [r for r in rows if r.item.finding is Finding.LATE]
    assert late and late[0].item.subject == "101-001"
    assert "entered" in str(late[0].item.detail) and "days after" in str(late[0].item.detail)
    assert (Finding.CORRECTION, "Comment: first -> second") in found
    # no query 4 on file: a correction without a query all the same
    assert (Finding.CORRECTION, "Comment: second -> third") in found
    # a correction naming a query on file answers it: a change after entry
    from app.services.queries import open_query, reason_for

    query = open_query(db, "101-001", "C1D1.comment", "The source says 'fourth'", NOW)
    record_visit(db, protocol, dosed, "C1D1", VisitEntry(outcome="done", actual_date=C1D1,
                                                         comment="fourth"), TODAY,
                 reason=reason_for(query) + "corrected from the source")
    answered = {(r.item.finding, str(r.item.detail)) for r in audit_review(db, *WIDE)}
    assert (Finding.CHANGE, "Comment: third -> fourth") in answered
    correction = next(r for r in rows if r.item.finding is Finding.CORRECTION)
    assert correction.item.reason == "typing error" and correction.reviewed_by is None
    # another study's review does not list this patient's
    assert not [r for r in audit_review(db, *WIDE, study_id=999)
                if r.item.key.startswith("audit:")]
    # a long limit: nothing late
    set_review_settings(db, 365, time(7), time(19), "sponsor's limit")
    assert not [r for r in audit_review(db, *WIDE) if r.item.finding is Finding.LATE]


def test_the_reviewer_marks_a_line_and_the_mark_is_audited(db, protocol, dosed):
    record_visit(db, protocol, dosed, "C1D1", VisitEntry(outcome="done", actual_date=C1D1,
                                                         comment="first"), TODAY)
    record_visit(db, protocol, dosed, "C1D1", VisitEntry(outcome="done", actual_date=C1D1,
                                                         comment="second"), TODAY,
                 reason="typing error")
    row = next(r for r in audit_review(db, *WIDE) if r.item.finding is Finding.CORRECTION)
    with pytest.raises(InvalidEntry, match="Comment"):
        mark_reviewed(db, [row.item.key], "  ", NOW)
    mark_reviewed(db, [row.item.key], "source checked: typo", NOW)
    again = next(r for r in audit_review(db, *WIDE) if r.item.key == row.item.key)
    assert (again.reviewed_by, again.comment) == ("tester", "source checked: typo")
    assert again.as_json()["comment"] == "source checked: typo"
    with db.reading(purpose=None) as s:
        trail = s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "audit_review_mark")).all()
    assert any(e.new_value == "source checked: typo" and e.reason == "audit trail reviewed"
               for e in trail)


def test_failed_sign_ins_refusals_and_sign_ins_out_of_hours(db):
    acc.create_account(db, "admin1", "Ada Admin", "admin", "correct horse battery",
                       must_change=False)
    acc.create_account(db, "mona", "Mona Monitor", "monitor", "correct horse battery",
                       must_change=False)
    with pytest.raises(acc.AccessDenied):
        acc.sign_in(db, "mona", "wrong one", NOW)
    acc.sign_in(db, "mona", "correct horse battery", datetime(2026, 11, 28, 23, 5,
                                                             tzinfo=SITE_ZONE))  # Saturday
    with pytest.raises(acc.AccessDenied):
        db.guard("enter")  # type: ignore[misc]
    rows = audit_review(db, date(2026, 11, 1), date(2026, 11, 30))
    findings = {(r.item.finding, r.item.actor) for r in rows}
    assert {(Finding.FAILED, "mona"), (Finding.AFTER_HOURS, "mona")} <= findings
    # the refusal is logged at the clock's own time
    assert (Finding.REFUSAL, "mona") in {(r.item.finding, r.item.actor)
                                         for r in audit_review(db, *WIDE)}
    with pytest.raises(InvalidEntry, match="ends before it starts"):
        audit_review(db, date(2026, 11, 30), date(2026, 11, 1))
