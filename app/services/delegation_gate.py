"""The delegation log enforced: each service that changes clinical data is `delegated` for
its task, so the signed-in account must be delegated for it on the call's day
(app/rules/delegation.py decides); a refusal is NotAllowed naming the task, recorded as an
AccessEvent, and nothing is saved."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotAllowed, Phrase
from app.infra.clock import local_now
from app.rules.delegation import (
    Delegated,
    StudyFeatures,
    Task,
    Trained,
    is_delegated,
    refusal_of,
)
from app.rules.protocol import Protocol
from app.rules.site_time import utc
from db import Database
from db.accounts import AccessEvent, UserAccount
from db.delegation import Delegation, TrainingRecord
from db.models import Patient
from db.studies import ProtocolVersion, Study

P = ParamSpec("P")
R = TypeVar("R")


class NotDelegated(NotAllowed):
    """The account is not delegated for the task that day (the task is named)."""


def features(protocol: Protocol) -> StudyFeatures:
    return StudyFeatures(
        has_pk=bool(protocol.pk_timepoints),
        has_scans=any(s.kind == "tumour_assessment" for s in protocol.series)
        or any(v.kind == "tumour_assessment" for v in protocol.visits),
        has_dosing=protocol.dosing is not None or protocol.cycles is not None)


def version_in_force(session: Session, study_id: int, day: date) -> str:
    """The label of the protocol version in force on `day` (the last one effective by then)."""
    rows = session.scalars(select(ProtocolVersion).where(
        ProtocolVersion.study_id == study_id).order_by(ProtocolVersion.id))
    label = ""
    for v in rows:
        if v.effective is None or v.effective <= day:
            label = v.label
    return label


def delegations_of(session: Session, study_id: int, account: str) -> list[Delegated]:
    return [Delegated(d.task, d.start_date, d.end_date, d.approved_at is not None)
            for d in session.scalars(select(Delegation).where(
                Delegation.study_id == study_id, Delegation.account == account,
                Delegation.deleted_at.is_(None)))]


def trainings_of(session: Session, account: str, study_id: int | None = None
                 ) -> list[Trained]:
    """The account's GCP records and its protocol training of the study."""
    return [Trained(t.kind, t.completed_on, t.expires_on, t.protocol_version, t.study_id)
            for t in session.scalars(select(TrainingRecord).where(
                TrainingRecord.account == account, TrainingRecord.deleted_at.is_(None)))
            if t.study_id is None or study_id is None or t.study_id == study_id]


def gate(session: Session, actor: str, task: Task, day: date, study_id: int
         ) -> tuple[Phrase, ...]:
    """Refuse (NotDelegated) unless `actor` is delegated for `task` on `day` on the study; a
    study that does not enforce its log lets everyone pass. Returns the warnings the study
    lets pass (protocol training missing)."""
    study = session.get(Study, study_id)
    if study is None or not study.delegation_enforced or not _a_person(session, actor):
        return ()
    verdict = is_delegated(task, delegations_of(session, study_id, actor),
                           trainings_of(session, actor, study_id), day,
                           version_in_force(session, study_id, day), study.training_rule)
    if verdict.refusal is not None:
        refused = refusal_of(task, study.code, verdict.refusal)
        raise NotDelegated("task", refused.template, **refused.values)
    return verdict.warnings


def _a_person(session: Session, actor: str) -> bool:
    """The log names people, each by their account: an actor that is no account (the app's
    own upgrade or demo fill, a test's harness) is nobody the log could delegate to. Every
    person acts signed in, as their account."""
    return session.scalar(select(UserAccount.id).where(UserAccount.name == actor)) is not None


def _study_of(session: Session, arguments: dict[str, Any]) -> int | None:
    """The study a service call acts on: its patient's (named, or the patient of the record
    signed or the query answered), or its protocol's (enrolment)."""
    if "kind" in arguments and "record_id" in arguments:  # a signature
        from app.services.signed_content import KIND_TABLES

        table = KIND_TABLES.get(arguments["kind"])
        row = None if table is None else session.get(table, arguments["record_id"])
        if row is None:
            return None  # the service says not found
        if getattr(row, "patient_id", None) is None:
            return getattr(row, "study_id", None)
        arguments = {"patient_id": row.patient_id}
    if "query_id" in arguments:
        from db.queries import DataQuery

        query = session.get(DataQuery, arguments["query_id"])
        if query is None:
            return None
        arguments = {"patient_id": query.patient_id}
    if "patient_id" in arguments:
        patient = session.get(Patient, arguments["patient_id"])
        return None if patient is None else patient.study_id  # the service says not found
    from app.services.studies import study_id_of

    return study_id_of(session, arguments["protocol"])


def _day(arguments: dict[str, Any]) -> date:
    """The call's day: its `today`, else the day of its `now` (a signature, an answer)."""
    if arguments.get("today") is not None:
        day: date = arguments["today"]
        return day
    now = arguments.get("now")
    return (now or local_now()).date()


def _record_refusal(db: Database, refused: NotDelegated) -> None:
    """The refusal in the audit trail (an AccessEvent, as the role's refusals are)."""
    with db.unit_of_work(actor=db.actor, purpose=None) as session:
        session.add(AccessEvent(at=utc(local_now()), account=db.actor[:64], event="refused",
                                detail=f"delegation: {refused.message}"))


def delegated(task: str) -> Callable[[Callable[Concatenate[Database, P], R]],
                                     Callable[Concatenate[Database, P], R]]:
    """A service that changes clinical data as `task` (a Task's key): before it runs, the
    signed-in account must be delegated for the task on the call's `today`, on the study of
    its `patient_id` (or `protocol`); a refusal is NotDelegated, recorded in the audit
    trail, and nothing is saved."""
    needed = Task(task)

    def wrap(service: Callable[Concatenate[Database, P], R]
             ) -> Callable[Concatenate[Database, P], R]:
        signature = inspect.signature(service)

        @wraps(service)
        def run(db: Database, *args: P.args, **kwargs: P.kwargs) -> R:
            arguments = signature.bind(db, *args, **kwargs).arguments
            try:
                with db.reading(purpose=None) as session:
                    study_id = _study_of(session, arguments)
                    if study_id is not None:
                        gate(session, db.actor, needed, _day(arguments), study_id)
            except NotDelegated as refused:
                _record_refusal(db, refused)
                raise
            return service(db, *args, **kwargs)

        return run  # type: ignore[return-value]  # wraps' type, the same call

    return wrap
