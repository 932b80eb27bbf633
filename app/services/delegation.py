"""The delegation of authority log of each study: tasks delegated to accounts with their
dates, ended with a reason, approved by the principal investigator's e-signature (the
password again, as every signature); the study's own settings (its PI, whether the log is
enforced, what missing protocol training does). Enforcement itself: delegation_gate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.errors import NotAllowed, NotFound
from app.rules.delegation import (
    Delegated,
    Task,
    check_approver,
    check_end,
    check_enforced,
    check_new,
    check_principal,
    check_training_rule,
    parse_tasks,
    study_tasks,
)
from app.rules.site_time import utc
from app.services.delegation_gate import features
from app.services.studies import _protocol, study_named, versions_of
from db import Database
from db.accounts import UserAccount
from db.delegation import Delegation
from db.studies import Study


@dataclass(frozen=True)
class DelegationRow:
    id: int
    study: str
    account: str
    printed_name: str
    role: str
    task: str  # the Task's key
    start: date
    end: date | None
    approved_name: str | None
    approved_by: str | None
    approved_at: datetime | None

    @property
    def task_word(self) -> str:
        return Task(self.task).word

    def current(self, today: date) -> bool:
        return self.start <= today and (self.end is None or today <= self.end)


@dataclass(frozen=True)
class StudyLog:
    """One study's log as the window shows it, with what the signed-in account may do."""

    study_id: int
    code: str
    title: str
    principal: str | None
    principal_name: str | None
    enforced: bool
    training_rule: str
    tasks: tuple[Task, ...]
    rows: tuple[DelegationRow, ...]
    may_manage: bool  # an administrator or the study's PI: add and end tasks
    may_approve: bool  # the study's PI


def _study(session: Session, db: Database, code: str) -> Study:
    study = session.get(Study, study_named(db, code))
    if study is None:  # pragma: no cover - study_named found it
        raise NotFound("study", "No study {code}", code=code)
    return study


def _tasks_of(session: Session, study_id: int) -> tuple[Task, ...]:
    return study_tasks(features(_protocol(versions_of(session, study_id)[-1])))


def _account(session: Session, name: str) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.name == name.strip().lower()))


def _may_manage(session: Session, actor: str, study: Study) -> bool:
    me = _account(session, actor)
    return me is not None and me.active and (me.role == "admin"
                                              or study.principal_investigator == me.name)


def _manager(session: Session, actor: str, study: Study) -> None:
    if not _may_manage(session, actor, study):
        raise NotAllowed("account", "Only an administrator or the principal investigator of "
                                    "{study} keeps its delegation log", study=study.code)


def _live(study_id: int, account: str | None = None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Delegation.study_id == study_id,
                                        Delegation.deleted_at.is_(None)]
    if account is not None:
        where.append(Delegation.account == account)
    return where


def _rows(session: Session, studies: Iterable[Study]) -> list[DelegationRow]:
    accounts = {a.name: a for a in session.scalars(select(UserAccount))}
    out = []
    for study in studies:
        for d in session.scalars(select(Delegation).where(*_live(study.id)).order_by(
                Delegation.account, Delegation.start_date, Delegation.id)):
            a = accounts.get(d.account)
            out.append(DelegationRow(
                d.id, study.code, d.account, a.printed_name if a else d.account,
                a.role if a else "", d.task, d.start_date, d.end_date, d.approved_name,
                d.approved_by, utc(d.approved_at) if d.approved_at else None))
    return out


def delegation_list(db: Database, code: str | None = None) -> list[DelegationRow]:
    """Every delegation of the studies the account sees (or of one), by study, person,
    start."""
    with db.reading(purpose=None) as session:
        if code is not None:
            studies = [_study(session, db, code)]
        else:
            ids = db.studies
            studies = [s for s in session.scalars(select(Study).order_by(Study.code))
                       if ids is None or s.id in ids]
        return _rows(session, studies)


def study_logs(db: Database) -> list[StudyLog]:
    """Each visible study's log, its settings and what the signed-in account may do."""
    with db.reading(purpose=None) as session:
        ids = db.studies
        out = []
        for s in session.scalars(select(Study).order_by(Study.code)):
            if ids is not None and s.id not in ids:
                continue
            pi = _account(session, s.principal_investigator or "")
            out.append(StudyLog(
                s.id, s.code, s.title, s.principal_investigator,
                pi.printed_name if pi else None, s.delegation_enforced, s.training_rule,
                _tasks_of(session, s.id), tuple(_rows(session, [s])),
                _may_manage(session, db.actor, s), s.principal_investigator == db.actor))
        return out


def add_delegation(db: Database, account: str, code: str, tasks: str | Iterable[str],
                   start: date | None, end: date | None = None) -> list[int]:
    """Delegate tasks to an active account from `start` (to `end`, or open); waiting for
    the PI's approval. Done by an administrator or the study's PI."""
    name = account.strip().lower()
    with db.unit_of_work(reason="delegation log", purpose=None) as session:
        study = _study(session, db, code)
        _manager(session, db.actor, study)
        chosen = parse_tasks(tasks, _tasks_of(session, study.id))
        found = _account(session, name)
        already = [Delegated(d.task, d.start_date, d.end_date, d.approved_at is not None)
                   for d in session.scalars(select(Delegation).where(*_live(study.id, name)))]
        check_new(None if found is None else found.active, name, start, end, already, chosen)
        assert start is not None
        added = [Delegation(study_id=study.id, account=name, task=t.value, start_date=start,
                            end_date=end) for t in chosen]
        session.add_all(added)
        session.flush()
        return [d.id for d in added]


def end_delegation(db: Database, account: str, code: str, tasks: str | Iterable[str],
                   on: date | None, reason: str) -> int:
    """End the account's current delegation of each task on `on` (its last day), with the
    reason in the audit trail. Returns how many ended."""
    name = account.strip().lower()
    with db.unit_of_work(reason=reason.strip() or None, purpose=None) as session:
        study = _study(session, db, code)
        _manager(session, db.actor, study)
        chosen = parse_tasks(tasks, _tasks_of(session, study.id))
        rows = list(session.scalars(select(Delegation).where(*_live(study.id, name))))
        ended = 0
        for task in chosen:
            open_ = [d for d in rows if d.task == task and d.end_date is None]
            last = open_[-1] if open_ else next((d for d in reversed(rows) if d.task == task),
                                                None)
            if last is None:
                raise NotFound("tasks", "{account} is not delegated {task} on {study}",
                                   account=name, task=task.word, study=study.code)
            check_end(last.start_date, on, last.end_date, reason)
            last.end_date = on
            ended += 1
        return ended


def approve_delegations(db: Database, account: str, code: str, password: str,
                        now: datetime) -> int:
    """The principal investigator approves (e-signs) the account's delegations awaiting
    approval: the password again, the printed name and the UTC instant on each. Returns
    how many were approved."""
    from app.services.accounts import confirm_password

    name = account.strip().lower()
    with db.reading(purpose=None) as session:
        study = _study(session, db, code)
        check_approver(db.actor, study.principal_investigator, study.code)
    if db.guard is not None:
        db.guard("sign")
    printed = confirm_password(db, db.actor, password, now, what="delegation approval")
    with db.unit_of_work(reason="delegation approved by the principal investigator",
                         purpose="sign") as session:
        study = _study(session, db, code)
        check_approver(db.actor, study.principal_investigator, study.code)
        waiting = [d for d in session.scalars(select(Delegation).where(*_live(study.id, name)))
                   if d.approved_at is None]
        if not waiting:
            raise NotFound("account", "Nothing of {account} awaits approval on {study}",
                               account=name, study=study.code)
        for d in waiting:
            d.approved_by, d.approved_name, d.approved_at = db.actor, printed, utc(now)
        return len(waiting)


def set_study_rules(db: Database, code: str, *, principal: str | None = None,
                    enforced: bool | None = None, training_rule: str | None = None) -> None:
    """An administrator names the study's PI (an active investigator), turns enforcement
    on or off, chooses what missing protocol training does (warn or block)."""
    with db.unit_of_work(reason="delegation settings", purpose="studies") as session:
        study = _study(session, db, code)
        if principal is not None:
            found = _account(session, principal)
            check_principal(principal, None if found is None else (found.active, found.role))
            assert found is not None
            study.principal_investigator = found.name
        if enforced is not None:
            check_enforced(enforced, study.principal_investigator, study.code)
            study.delegation_enforced = enforced
        if training_rule is not None:
            study.training_rule = check_training_rule(training_rule)


def demo_log(session: Session, study_id: int, today: date) -> None:
    """The demo's log of a study, in the demo's filling transaction: its investigator is
    the PI and approved every task of the nurse and their own from two years back; GCP for
    both; the nurse's protocol training on the version in force; the investigator's
    protocol training expires in three weeks (Today warns, the study only warns)."""
    from datetime import UTC, timedelta

    from db.delegation import TrainingRecord

    study = session.get(Study, study_id)
    assert study is not None
    study.principal_investigator, study.delegation_enforced = "investigator", True
    study.training_rule = "warn"
    since = today - timedelta(days=730)
    signed = datetime.combine(since, datetime.min.time(), tzinfo=UTC)
    tasks = _tasks_of(session, study_id)
    for name in ("nurse", "investigator"):
        for task in tasks:
            if task is Task.SIGNING and name == "nurse":
                continue
            session.add(Delegation(study_id=study_id, account=name, task=task.value,
                                   start_date=since, approved_by="investigator",
                                   approved_name="Dr Ivan Investigator (demo)",
                                   approved_at=signed))
    label = versions_of(session, study_id)[-1].label
    for name, expires in (("nurse", today + timedelta(days=400)),
                          ("investigator", today + timedelta(days=21))):
        if not session.scalar(select(TrainingRecord.id).where(
                TrainingRecord.account == name, TrainingRecord.kind == "gcp")):
            session.add(TrainingRecord(account=name, kind="gcp", completed_on=since,
                                       expires_on=today + timedelta(days=700)))
        session.add(TrainingRecord(account=name, kind="protocol", study_id=study_id,
                                   protocol_version=label, completed_on=since,
                                   expires_on=expires))


def principals(db: Database, code: str | None = None) -> dict[str, str]:
    """Each visible study's PI by printed name (the printed log's signature line)."""
    return {log.code: log.principal_name or log.principal or "" for log in study_logs(db)
            if code is None or log.code.upper() == code.strip().upper()}
