"""What the signed-in account was trying to do, in words, for the refusals the audit trail
keeps: "refused: record visit C1D2 of 101-001 (monitor)" rather than "denied: enter".

A service is wrapped in `attempt("record visit {code} of {subject}")`: the words are made
only when a refusal is recorded (the subject is read then, from the `patient_id`
argument). With `audit_bad_input` every other refusal of the service (a rule's, a record
not found) is kept as well, as a "refused" sign-in event with its message.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select

from app.errors import InvalidEntry
from db import Database
from db.accounts import AccessEvent, UserAccount
from db.audit import SYSTEM_ACTOR
from db.models import Patient
from db.types import utc_now

P = ParamSpec("P")
R = TypeVar("R")

_DOING: ContextVar[Callable[[], str] | None] = ContextVar("doing", default=None)


def account_role(db: Database, study_id: int | None = None) -> str | None:
    """The signed-in account's role (in `study_id`, where it is assigned a role there);
    None when no account acts (the app's own bookkeeping, tests without sign-in). A role
    changed since the sign-in is the guard's to refuse (app/services/accounts.py); an actor
    set without signing in (a command's own bookkeeping) has its role read."""
    if db.studies is not None and study_id is not None and study_id in db.studies:
        return db.studies[study_id]
    if db.role is not None or db.actor == SYSTEM_ACTOR:  # signed in, or nobody: nothing to read
        return db.role
    with db.reading(purpose=None) as session:  # a screen's one_reading, when inside one
        roles: dict[str, object] = {} if session.info.get("writing") \
            else session.info.setdefault("account_roles", {})  # read once: a page asks twice
        if db.actor not in roles:
            roles[db.actor] = session.execute(select(UserAccount.role).where(
                UserAccount.name == db.actor)).scalar()
        role = roles[db.actor]
    return None if role is None else str(role)


def refused_detail(action: str, role: str) -> str:
    """The detail a refusal of the guard records: the attempt in words when one is known."""
    words = _DOING.get()
    return action if words is None else f"refused: {words()} ({role})"


def record_refusal(db: Database, words: str, message: str) -> None:
    """A refused attempt, kept in its own transaction (it stays when the attempt is not)."""
    if db.actor == SYSTEM_ACTOR:
        return
    role = account_role(db) or "no account"
    with db.unit_of_work(actor=db.actor, purpose=None) as session:
        session.add(AccessEvent(at=utc_now(), account=db.actor[:64], event="refused",
                                detail=f"refused: {words} ({role}): {message}"))


def subject_of(db: Database, patient_id: object) -> str:
    if not isinstance(patient_id, int):
        return "?"
    with db.core_reading() as conn:
        subject = conn.execute(select(Patient.subject_id).where(
            Patient.id == patient_id)).scalar()
    return str(subject) if subject is not None else f"patient {patient_id}"


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def attempt(template: str, *, audit_bad_input: bool = False
            ) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Name what the wrapped service does, for its refusals (see the module's words)."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind_partial(*args, **kwargs).arguments
            db = bound.get("db")

            def words() -> str:
                values = _Values(bound)
                if "subject" not in values and isinstance(db, Database):
                    values["subject"] = subject_of(db, bound.get("patient_id"))
                return template.format_map(values)

            token = _DOING.set(words)
            try:
                return fn(*args, **kwargs)
            except InvalidEntry as exc:
                from app.services.accounts import AccessDenied

                if audit_bad_input and isinstance(db, Database) \
                        and not isinstance(exc, AccessDenied):
                    record_refusal(db, words(), exc.message)
                raise
            finally:
                _DOING.reset(token)

        return run

    return wrap


__all__ = ["account_role", "attempt", "record_refusal", "refused_detail", "subject_of"]
