"""Queries: opened by a monitor (or an investigator) on a record of a patient or one field
of it, answered by the site, closed or re-opened by the one who opened it or a monitor.

Each step is a change of the query's row, made in a unit of work whose reason names the
step, so the audit trail says who did it, when, and with what text. Every refusal is kept:
the role's by the guard, the rules' (an empty text, a record that is not there, a close by
someone else) by `attempt`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.infra.clock import Clock
from app.rules.accounts import Action, Role, may
from app.rules.dates import fmt_datetime
from app.rules.queries import (
    QueryCounts,
    QueryState,
    StateStep,
    Target,
    TargetKind,
    age_days,
    check_answer,
    check_close,
    check_reopen,
    count_steps,
    parse_target,
    query_text,
)
from app.rules.site_time import in_zone
from app.services.attempts import account_role, attempt
from app.services.calendar import live
from app.services.conflicts import refuse_newer
from app.services.delegation_gate import delegated
from app.services.site_time import local, site_zone
from db import Database
from db.models import AdverseEvent, AuditEntry, Patient, PkSample, TumourAssessment, VisitRecord
from db.queries import DataQuery
from db.studies import Study

OPENED, ANSWERED, CLOSED, REOPENED = ("query opened", "query answered", "query closed",
                                      "query re-opened")


@dataclass(frozen=True)
class QueryRow:
    """One query as the screens and the command line show it, with what the signed-in
    account may do with it."""

    id: int
    patient_id: int
    study: str
    subject_id: str
    target: Target
    state: QueryState
    text: str
    answer: str | None
    comment: str | None
    opened_by: str
    opened_at: datetime
    answered_by: str | None
    answered_at: datetime | None
    closed_by: str | None
    closed_at: datetime | None
    age_days: int  # since it was opened, to today (or to its closing)
    version: int
    may_answer: bool
    may_close: bool
    may_reopen: bool

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "study": self.study, "subject": self.subject_id,
                "on": self.target.code, "about": self.target.words,
                "state": self.state.value, "text": self.text, "answer": self.answer,
                "comment": self.comment, "opened_by": self.opened_by,
                "opened_at": self.opened_at.isoformat(), "answered_by": self.answered_by,
                "closed_by": self.closed_by, "age_days": self.age_days}


def _check_guard(db: Database, action: Action) -> None:
    if db.guard is not None:
        db.guard(action.value)


def _target_exists(db: Database, patient_id: int, target: Target) -> bool:
    if target.kind is TargetKind.PATIENT:
        return True
    ref = target.ref or ""
    number = int(ref) if ref.isdigit() else 0
    if target.kind is TargetKind.VISIT:
        stmt = select(VisitRecord.id).where(VisitRecord.patient_id == patient_id,
                                            VisitRecord.code == ref, live(VisitRecord))
    elif target.kind is TargetKind.AE:
        stmt = select(AdverseEvent.id).where(AdverseEvent.patient_id == patient_id,
                                             AdverseEvent.id == number, live(AdverseEvent))
    elif target.kind is TargetKind.SCAN:
        stmt = select(TumourAssessment.id).where(TumourAssessment.patient_id == patient_id,
                                                 TumourAssessment.id == number,
                                                 live(TumourAssessment))
    else:
        stmt = select(PkSample.id).where(PkSample.patient_id == patient_id,
                                         PkSample.visit_code == ref, live(PkSample))
    with db.reading() as session:
        return session.scalar(stmt.limit(1)) is not None


@attempt("open a query on {subject}: {on}", audit_bad_input=True)
def open_query(db: Database, subject: str, on: str | Target, text: str,
               now: datetime | None = None, study: str | None = None) -> int:
    """A new query on a record of the patient `subject` (or one field of it); its id."""
    from app.services.patients import find_patient

    _check_guard(db, Action.QUERY)
    target = on if isinstance(on, Target) else parse_target(on)
    words = query_text(text)
    patient_id = find_patient(db, subject, study)
    if patient_id is None:
        raise NotFound("subject", "No patient with subject ID {subject}: nothing was saved",
                       subject=subject.strip().upper())
    if not _target_exists(db, patient_id, target):
        raise NotFound("on", "{subject} has no {record}: nothing was saved",
                       subject=subject.strip().upper(), record=target.record_words)
    with db.unit_of_work(reason=OPENED, purpose=Action.QUERY.value) as session:
        row = DataQuery(patient_id=patient_id, target=target.kind.value, ref=target.ref,
                        field=target.field, state=QueryState.OPEN.value, text=words,
                        opened_by=session.info.get("actor") or db.actor,
                        opened_at=now or Clock.utc_now())
        session.add(row)
        session.flush()
        return int(row.id)


def _load(session: Session, query_id: int, version: int | None) -> DataQuery:
    row = session.scalar(select(DataQuery).join(Patient, Patient.id == DataQuery.patient_id)
                         .where(DataQuery.id == query_id))
    if row is None:
        raise NotFound("query", "No query {id}: nothing was saved", id=query_id)
    refuse_newer(row, version, "state", "Someone else changed this query while you were "
                 "working on it: open it again")
    return row


def _is_monitor(db: Database) -> bool:
    return account_role(db) == Role.MONITOR


@attempt("answer query {query_id}", audit_bad_input=True)
@delegated("query_answers")
def answer_query(db: Database, query_id: int, text: str, now: datetime | None = None,
                 version: int | None = None) -> None:
    """The site's answer (a nurse or an investigator): the query becomes answered."""
    _check_guard(db, Action.ENTER)
    with db.unit_of_work(reason=ANSWERED, purpose=Action.ENTER.value) as session:
        row = _load(session, query_id, version)
        row.answer = check_answer(row.state, text)
        row.state = QueryState.ANSWERED.value
        row.answered_by = session.info.get("actor") or db.actor
        row.answered_at = now or Clock.utc_now()


@attempt("close query {query_id}", audit_bad_input=True)
def close_query(db: Database, query_id: int, text: str | None = None,
                now: datetime | None = None, version: int | None = None) -> None:
    """The query closed by the one who opened it, or another monitor."""
    _check_guard(db, Action.QUERY)
    monitor = _is_monitor(db)
    with db.unit_of_work(reason=CLOSED, purpose=Action.QUERY.value) as session:
        row = _load(session, query_id, version)
        actor = session.info.get("actor") or db.actor
        check_close(row.state, actor, monitor, row.opened_by)
        row.state = QueryState.CLOSED.value
        row.comment = (text or "").strip() or None
        row.closed_by, row.closed_at = actor, now or Clock.utc_now()


@attempt("re-open query {query_id}", audit_bad_input=True)
def reopen_query(db: Database, query_id: int, text: str, now: datetime | None = None,
                 version: int | None = None) -> None:
    """An answered or closed query open again, with what is still to be done."""
    _check_guard(db, Action.QUERY)
    monitor = _is_monitor(db)
    with db.unit_of_work(reason=REOPENED, purpose=Action.QUERY.value) as session:
        row = _load(session, query_id, version)
        actor = session.info.get("actor") or db.actor
        row.text = check_reopen(row.state, actor, monitor, row.opened_by, text)
        row.state = QueryState.OPEN.value
        row.closed_by = row.closed_at = None


def _row(q: DataQuery, study: str, subject: str, today: date, actor: str,
         role: str | None, zone: tzinfo) -> QueryRow:
    """The query on the site's clock, with the steps the account may take."""
    state = QueryState(q.state)
    opened = in_zone(q.opened_at, zone)
    answered, closed = local(q.answered_at, zone), local(q.closed_at, zone)
    queries = role is None or may(role, Action.QUERY)
    own = q.opened_by == actor or role == Role.MONITOR or role is None
    return QueryRow(
        q.id, q.patient_id, study, subject, Target(TargetKind(q.target), q.ref, q.field),
        state, q.text, q.answer, q.comment, q.opened_by, opened, q.answered_by, answered,
        q.closed_by, closed, age_days(opened.date(), closed.date() if closed else today),
        q.version,
        may_answer=state is QueryState.OPEN and (role is None or may(role, Action.ENTER)),
        may_close=queries and own and state is not QueryState.CLOSED,
        may_reopen=queries and own and state is not QueryState.OPEN)


def list_queries(db: Database, today: date, *, study_id: int | None = None,
                 patient_id: int | None = None, state: str | None = None) -> list[QueryRow]:
    """The queries of a study, a patient, a state (None: all), oldest first."""
    stmt = (select(DataQuery, Study.code, Patient.subject_id)
            .join(Patient, Patient.id == DataQuery.patient_id)
            .join(Study, Study.id == Patient.study_id).where(live(Patient))
            .order_by(DataQuery.opened_at, DataQuery.id))
    if study_id is not None:
        stmt = stmt.where(Patient.study_id == study_id)
    if patient_id is not None:
        stmt = stmt.where(DataQuery.patient_id == patient_id)
    if state:
        stmt = stmt.where(DataQuery.state == QueryState(state).value)
    role, zone = account_role(db), site_zone(db)
    with db.reading() as session:
        found = session.execute(stmt).all()
    return [_row(q, code, subject, today, db.actor, role, zone) for q, code, subject in found]


def open_queries(db: Database, today: date, patient_id: int | None = None) -> list[QueryRow]:
    """What waits for the site: open queries, oldest first (Today, the patient's page)."""
    return list_queries(db, today, patient_id=patient_id, state=QueryState.OPEN.value)


def flags(rows: list[QueryRow], kind: TargetKind, ref: str | None = None
          ) -> dict[str | None, list[QueryRow]]:
    """The open queries on one record, by field (None: on the whole record): a dialog's
    flags beside its fields."""
    out: dict[str | None, list[QueryRow]] = {}
    for r in rows:
        if r.state is QueryState.OPEN and r.target.kind is kind and r.target.ref == ref:
            out.setdefault(r.target.field, []).append(r)
    return out


def query_counts(db: Database, study_code: str | None, start: date, end: date
                 ) -> QueryCounts:
    """A period's queries (site days, `start` to `end` included): opened, answered and
    closed in it, and at its end how many were open and the oldest's age in days. Read
    from the audit trail, which keeps every step."""
    stmt = (select(DataQuery.id).join(Patient, Patient.id == DataQuery.patient_id)
            .join(Study, Study.id == Patient.study_id))
    if study_code:
        stmt = stmt.where(func.upper(Study.code) == study_code.strip().upper())
    zone = site_zone(db)
    with db.reading() as session:
        ids = {str(qid) for qid in session.scalars(stmt)}
        trail = session.execute(
            select(AuditEntry.record_id, AuditEntry.at, AuditEntry.action,
                   AuditEntry.new_value)
            .where(AuditEntry.table_name == DataQuery.__tablename__,
                   AuditEntry.field == "state")
            .order_by(AuditEntry.seq)).all()
    steps = [StateStep(int(rid), at.astimezone(zone).date(), str(new), action == "insert")
             for rid, at, action, new in trail if rid in ids]
    return count_steps(steps, start, end)


def reason_for(query_id: int) -> str:
    """How a correction's reason names the query it answers: "Query 3: ..."."""
    return f"Query {query_id}: "


@dataclass(frozen=True)
class LinkedChange:
    """A change of the record whose reason names the query (the correction answering it)."""

    record: str
    field: str
    old: str
    new: str
    who: str
    at: datetime
    reason: str


def linked_changes(db: Database, query_id: int) -> list[LinkedChange]:
    """The corrections whose reason names query `query_id` ("Query 3: ..."), oldest first,
    from the audit trail: the link between a query and the correction that answered it."""
    from app.wording.records import field_word, record_word, value_words

    prefix = reason_for(query_id).strip().lower()
    with db.reading() as session:
        found = session.execute(
            select(AuditEntry.table_name, AuditEntry.field, AuditEntry.old_value,
                   AuditEntry.new_value, AuditEntry.actor, AuditEntry.at, AuditEntry.reason)
            .where(func.lower(AuditEntry.reason).like(f"{prefix}%"),
                   AuditEntry.table_name != DataQuery.__tablename__)
            .order_by(AuditEntry.seq)).all()
    return [LinkedChange(record_word(t), field_word(f), value_words(f, o), value_words(f, n),
                         who, at, reason or "") for t, f, o, n, who, at, reason in found]


#: the listing's columns, as the Queries place shows them and every export writes them
LISTING_COLUMNS: tuple[tuple[str, Callable[[QueryRow], str]], ...] = (
    ("Query", lambda r: str(r.id)), ("Study", lambda r: r.study),
    ("Subject", lambda r: r.subject_id), ("On", lambda r: r.target.words),
    ("State", lambda r: r.state.word), ("Question", lambda r: r.text),
    ("Opened by", lambda r: r.opened_by), ("Opened", lambda r: fmt_datetime(r.opened_at)),
    ("Answer", lambda r: r.answer or ""), ("Answered by", lambda r: r.answered_by or ""),
    ("Answered", lambda r: fmt_datetime(r.answered_at)),
    ("Closed by", lambda r: r.closed_by or ""), ("Closed", lambda r: fmt_datetime(r.closed_at)),
    ("Comment", lambda r: r.comment or ""), ("Days open", lambda r: str(r.age_days)),
)


def export_queries(db: Database, path: Path | str, rows: list[QueryRow], study: str,
                   user: str) -> int:
    """The queries listing to CSV or XLSX, with the listings' header; the rows written."""
    from app.services.exports import export_listing

    return export_listing(db, path, "Queries", study, user,
                          [name for name, _ in LISTING_COLUMNS],
                          [[cell(r) for _, cell in LISTING_COLUMNS] for r in rows])


__all__ = ["ANSWERED", "CLOSED", "LISTING_COLUMNS", "OPENED", "REOPENED", "LinkedChange",
           "QueryCounts", "QueryRow", "answer_query", "close_query", "export_queries", "flags",
           "linked_changes", "list_queries", "open_queries", "open_query",
           "query_counts", "reason_for", "reopen_query"]
