"""Who works on which study: accounts assigned to studies, with their role in each."""

from __future__ import annotations

from sqlalchemy import select

from app.services.errors import InvalidEntry
from app.services.studies import study_named
from db import Database
from db.studies import StudyMember


def assign_account(db: Database, account: str, code: str, role: str) -> None:
    """An account works on a study, in a role there; once assigned to any study it sees
    only the studies it is assigned to."""
    from app.rules.accounts import Role
    from db.accounts import UserAccount

    study_id = study_named(db, code)
    try:
        role = Role(role.strip().lower()).value
    except ValueError:
        raise InvalidEntry("role", "No role '{role}': {roles}",
                                   role=role, roles=', '.join(r.value for r in Role)) from None
    with db.unit_of_work(purpose="studies") as session:
        name = account.strip().lower()
        if session.scalar(select(UserAccount.id).where(UserAccount.name == name)) is None:
            raise InvalidEntry("account", "No account {name}",
                                          name=name)
        member = session.scalar(select(StudyMember).where(
            StudyMember.account == name, StudyMember.study_id == study_id,
            StudyMember.deleted_at.is_(None)))
        if member is not None:
            raise InvalidEntry("account", "{name} is already assigned to {study} (as {role})",
                                          name=name, study=code.upper(), role=member.role)
        session.add(StudyMember(account=name, study_id=study_id, role=role))


def unassign_account(db: Database, account: str, code: str, reason: str) -> None:
    """The account no longer works on the study (kept on record, marked withdrawn)."""
    from app.services.changes import withdraw

    if not reason.strip():
        raise InvalidEntry("reason", "Give the reason the account leaves the study")
    study_id = study_named(db, code)
    with db.unit_of_work(reason=reason, purpose="studies") as session:
        member = session.scalar(select(StudyMember).where(
            StudyMember.account == account.strip().lower(), StudyMember.study_id == study_id,
            StudyMember.deleted_at.is_(None)))
        if member is None:
            raise InvalidEntry("account", "{account} is not assigned to {study}",
                                          account=account, study=code.upper())
        withdraw(member, session.info.get("actor"), reason)


def members(db: Database) -> dict[int, list[tuple[str, str]]]:
    """Each study's assigned accounts and their roles there."""
    with db.reading(purpose=None) as session:
        out: dict[int, list[tuple[str, str]]] = {}
        for sid, name, role in session.execute(select(
                StudyMember.study_id, StudyMember.account, StudyMember.role).where(
                StudyMember.deleted_at.is_(None)).order_by(StudyMember.account)):
            out.setdefault(sid, []).append((name, role))
        return out
