"""The delegation log enforced: the services that change clinical data ask `gate` whether
the signed-in account is delegated for the task on the day (app/rules/delegation.py
decides); a refusal is NotAllowed naming the task, recorded as an AccessEvent by
`audited` once the refused transaction is rolled back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import local_now
from app.errors import NotAllowed, NotFound, Phrase
from app.protocol import Protocol
from app.rules.delegation import (
    Delegated,
    StudyFeatures,
    Task,
    Trained,
    delegated,
    refusal_of,
)
from app.site_time import utc
from db import Database
from db.accounts import AccessEvent
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


def gate(session: Session, task: Task, day: date, *, patient_id: int | None = None,
         study_id: int | None = None) -> tuple[Phrase, ...]:
    """Refuse (NotDelegated) unless the acting account is delegated for `task` on `day` on
    the study (of the patient); a study that does not enforce its log lets everyone pass.
    Returns the warnings the study lets pass (protocol training missing)."""
    if study_id is None:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise NotFound("patient", "No such patient")
        study_id = patient.study_id
    study = session.get(Study, study_id)
    if study is None or not study.delegation_enforced:
        return ()
    actor = str(session.info.get("actor"))
    verdict = delegated(task, delegations_of(session, study_id, actor),
                        trainings_of(session, actor, study_id), day,
                        version_in_force(session, study_id, day), study.training_rule)
    if verdict.refusal is not None:
        refused = refusal_of(task, study.code, verdict.refusal)
        raise NotDelegated("task", refused.template, **refused.values)
    return verdict.warnings


def audited(service: Callable[Concatenate[Database, P], R]
            ) -> Callable[Concatenate[Database, P], R]:
    """A service whose refusals for want of delegation are recorded in the audit trail
    (an AccessEvent in its own transaction, after the refused one is rolled back)."""

    @wraps(service)
    def run(db: Database, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(db, *args, **kwargs)
        except NotDelegated as refused:
            with db.unit_of_work(actor=db.actor, purpose=None) as session:
                session.add(AccessEvent(at=utc(local_now()), account=db.actor[:64],
                                        event="refused",
                                        detail=f"delegation: {refused.message}"))
            raise

    return run  # type: ignore[return-value]  # wraps' type, the same call
