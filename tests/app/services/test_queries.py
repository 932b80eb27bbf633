"""Queries through the services, on SQLite and PostgreSQL: the monitor opens, the site
answers, the monitor closes; every refusal says one thing, saves nothing and is kept."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import NotAllowed, NotFound
from app.services import accounts as acc
from app.services.errors import InvalidEntry
from app.services.queries import (
    answer_query,
    close_query,
    list_queries,
    open_queries,
    open_query,
    query_counts,
    reopen_query,
)
from db.accounts import AccessEvent
from db.models import AuditEntry
from db.queries import DataQuery
from tests.app.services.conftest import TODAY
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=SITE_ZONE)
GOOD = "violet staple 42"


@pytest.fixture
def people(db, dosed):
    """The site's accounts: an administrator, a nurse, an investigator, two monitors."""
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    for name, role in (("nina", "nurse"), ("ivan", "investigator"), ("mona", "monitor"),
                       ("max", "monitor")):
        acc.create_account(db, name, name.capitalize(), role, GOOD, must_change=False)
    return dosed


def _as(db, name):
    acc.sign_in(db, name, GOOD, NOW)


def _events(db, event):
    with db.reading(purpose=None) as s:
        return [d for e, d in s.execute(select(AccessEvent.event, AccessEvent.detail)
                                        .order_by(AccessEvent.id)) if e == event]


def _count(db):
    with db.reading(purpose=None) as s:
        return len(s.scalars(select(DataQuery.id)).all())


def test_monitor_opens_nurse_answers_monitor_closes(db, people):
    _as(db, "mona")
    qid = open_query(db, "101-001", "C1D1.actual_date", "Source says 13-JAN-2026", NOW)
    [row] = open_queries(db, TODAY)
    assert row.target.words == "visit C1D1: Actual date" and row.may_close
    assert not row.may_answer  # a monitor does not answer

    _as(db, "nina")
    [row] = list_queries(db, TODAY)
    assert row.may_answer and not row.may_close
    with pytest.raises(NotAllowed, match="cannot open, close or re-open queries"):
        close_query(db, qid, "done", NOW)
    assert any("refused: close query" in (d or "") and "(nurse)" in d
               for d in _events(db, "denied"))
    answer_query(db, qid, "Corrected: the date was 13-JAN-2026", NOW + timedelta(hours=1))

    _as(db, "mona")
    with pytest.raises(NotAllowed):
        answer_query(db, qid, "I answer myself", NOW)
    close_query(db, qid, "Thank you", NOW + timedelta(hours=2))
    [row] = list_queries(db, TODAY)
    assert (row.state, row.answered_by, row.closed_by, row.comment) == (
        "closed", "nina", "mona", "Thank you")
    assert row.may_reopen and not row.may_close

    with db.reading(purpose=None) as s:
        steps = [(a, r, n) for a, r, n in s.execute(
            select(AuditEntry.actor, AuditEntry.reason, AuditEntry.new_value)
            .where(AuditEntry.table_name == "data_query", AuditEntry.field == "state")
            .order_by(AuditEntry.seq))]
    assert steps == [("mona", "query opened", "open"), ("nina", "query answered", "answered"),
                     ("mona", "query closed", "closed")]


def test_only_the_opener_or_a_monitor_closes_and_reopens(db, people):
    _as(db, "ivan")
    qid = open_query(db, "101-001", "PATIENT.consent_date", "Consent form dated?", NOW)
    answer_query(db, qid, "01-DEC-2025, filed", NOW)
    _as(db, "max")  # another monitor may
    reopen_query(db, qid, "Which version of the form?", NOW)
    _as(db, "mona")
    close_query(db, qid, None, NOW)
    reopen_query(db, qid, "Still the version", NOW)
    _as(db, "ivan")
    close_query(db, qid, None, NOW)  # the one who opened it

    _as(db, "mona")
    mine = open_query(db, "101-001", "C1D1", "Vital signs missing", NOW)
    _as(db, "ivan")  # an investigator who did not open it may not
    with pytest.raises(InvalidEntry, match="Only mona, who opened this query"):
        close_query(db, mine, None, NOW)
    assert any("refused: close query" in d and "Only mona" in d
               for d in _events(db, "refused"))


@pytest.mark.parametrize(("on", "text", "error", "message"), [
    ("C9D9", "Why?", NotFound, "101-001 has no visit C9D9: nothing was saved"),
    ("AE:99", "Why?", NotFound, "101-001 has no AE 99"),
    ("C1D1.shoe_size", "Why?", InvalidEntry, "can name one of its fields: actual_date"),
    ("C1D1", "   ", InvalidEntry, "The query needs a text: nothing was saved"),
    ("BLOOD:1", "Why?", InvalidEntry, "'BLOOD:1' is not a query target"),
])
def test_bad_queries_are_refused_saved_nowhere_and_kept(db, people, on, text, error,
                                                        message):
    _as(db, "mona")
    with pytest.raises(error, match=message):
        open_query(db, "101-001", on, text, NOW)
    assert _count(db) == 0
    assert any(d.startswith("refused: open a query on 101-001") and "(monitor)" in d
               for d in _events(db, "refused"))


def test_unknown_subject_and_empty_answer(db, people):
    _as(db, "mona")
    with pytest.raises(NotFound, match="No patient with subject ID 999-999"):
        open_query(db, "999-999", "C1D1", "Why?", NOW)
    qid = open_query(db, "101-001", "C1D1", "Why?", NOW)
    _as(db, "nina")
    with pytest.raises(InvalidEntry, match="An answer needs a text"):
        answer_query(db, qid, "", NOW)
    [row] = list_queries(db, TODAY)
    assert row.state == "open" and row.answer is None
    with pytest.raises(NotFound, match="No query 77"):
        answer_query(db, 77, "text", NOW)


def test_the_period_counts_read_the_trail(db, people):
    _as(db, "mona")
    first = open_query(db, "101-001", "C1D1", "One", NOW)
    second = open_query(db, "101-001", "LI", "Two", NOW)
    _as(db, "nina")
    answer_query(db, first, "Done", NOW)
    _as(db, "mona")
    close_query(db, first, None, NOW)
    today = date.today()
    counts = query_counts(db, "IMP7068-101", today - timedelta(days=1), today)
    assert (counts.opened, counts.answered, counts.closed, counts.open_now) == (2, 1, 1, 1)
    assert counts.oldest_open_days == 0
    assert query_counts(db, "imp7068-101", today + timedelta(days=1),
                        today + timedelta(days=10)).opened == 0
    assert query_counts(db, None, today - timedelta(days=30), today - timedelta(days=2)
                        ) == query_counts(db, "ABC-2201", today, today)
    assert second


def test_a_correction_answers_the_query_its_reason_names(db, people, protocol):
    from app.services.queries import linked_changes, reason_for
    from app.services.visits import VisitEntry, record_visit
    from tests.app.services.conftest import TODAY as DAY

    _as(db, "mona")
    qid = open_query(db, "101-001", "C1D1.actual_date", "Source says 13-JAN-2026", NOW)
    _as(db, "nina")
    record_visit(db, protocol, people, "C1D1",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 13)), DAY,
                 reason=reason_for(qid) + "date from the source note")
    answer_query(db, qid, "Corrected", NOW)
    [change] = linked_changes(db, qid)
    assert (change.record, change.field, change.old, change.new, change.who) == (
        "Visit", "Actual date", "12-JAN-2026", "13-JAN-2026", "nina")
    assert linked_changes(db, qid + 1) == []
