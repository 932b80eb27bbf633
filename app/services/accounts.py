"""Named accounts: sign in and out, passwords, lock-out, and what an admin does to accounts.

Signing in installs the account as the database's actor (what the audit trail records) and
its role as the guard every transaction passes (`Database.guard`); the guard reads the
account again each time, so a window signed in before its account was deactivated, demoted
or given a temporary password can do nothing more. Sign-in refuses an account whose row
does not match its keyed audit trail (a password hash or role written behind the app's
back). Every attempt at the door, and every refusal of a role, is an audited AccessEvent.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotAllowed, NotFound
from app.infra.beside import beside
from app.infra.clock import local_now
from app.infra.logs import logger
from app.rules.account_entry import (
    account_name,
    check_change_of_role,
    check_deactivation,
    check_name_unused,
    check_new_account,
    check_password,
    check_password_change,
)
from app.rules.accounts import Role, locked_until, may, refusal
from app.rules.dates import fmt_datetime
from app.rules.site_time import utc
from app.services.attempts import refused_detail
from db import Database
from db.accounts import AccessEvent, UserAccount, update_account
from db.audit import FIRST_RUN_ACTOR, SYSTEM_ACTOR

HASHER = PasswordHasher()  # argon2id with the library's current parameters
#: checked for unknown names: the hash of a random password nobody knows, with the hasher's
#: parameters (made again once, at first need, if the library's parameters ever change)
_DUMMY = ["$argon2id$v=19$m=65536,t=3,p=4$sld8SFRNhCokH1VhujKOUA$"
          "LW7ABcqAM74heq/nH2AALy87ufRCuFuZQhZQff5AIeM"]
WRONG = "Wrong account name or password"


class AccessDenied(NotAllowed):
    """A wrong password, a locked or deactivated account, or a role without the right."""


@dataclass(frozen=True)
class SignedIn:
    name: str
    printed_name: str
    role: Role
    must_change: bool  # a reset password: change it before anything else

    @property
    def status_text(self) -> str:
        return f"{self.printed_name} ({self.name}) · {self.role.word}"


@dataclass(frozen=True)
class AccountRow:
    name: str
    printed_name: str
    role: Role
    active: bool
    must_change: bool
    locked_until: datetime | None
    last_login_at: datetime | None


def _event(db: Database, account: str, event: str, now: datetime,
           detail: str | None = None) -> None:
    """An audited entry of what happened at the door (its own transaction: it stays when
    what it records is refused)."""
    with db.unit_of_work(actor=account or "unknown", purpose=None) as session:
        session.add(AccessEvent(at=utc(now), account=account[:64], event=event,
                                detail=detail))


def has_accounts(db: Database) -> bool:
    with db.reading(purpose=None) as session:
        return bool(session.scalar(select(func.count()).select_from(UserAccount)))


def create_account(db: Database, name: str, printed_name: str, role: str, password: str,
                   *, must_change: bool = True, reason: str | None = None) -> str:
    """A new named account (admins only, once one exists). The first password is set by
    whoever creates it; `must_change` has the user choose their own at first sign-in."""
    clean, chosen = check_new_account(name, printed_name, role, password)
    first = db.actor == SYSTEM_ACTOR  # nobody signed in: only the first account, by its name
    with db.unit_of_work(reason=reason or "account created", purpose="accounts",
                         actor=FIRST_RUN_ACTOR if first else None) as session:
        if first and session.scalar(select(func.count()).select_from(UserAccount)):
            raise AccessDenied("role", "Sign in first")
        check_name_unused(clean, session.scalar(
            select(UserAccount.id).where(UserAccount.name == clean)) is not None)
        session.add(UserAccount(name=clean, printed_name=printed_name.strip(), role=chosen,
                                password_hash=HASHER.hash(password), active=True,
                                must_change=must_change, failed_logins=0))
    return clean


def sign_in(db: Database, name: str, password: str, now: datetime) -> SignedIn:
    """Check the password; on success the account becomes the actor and its role the
    guard. Five failures in a row lock the account for 15 minutes. One sentence for every
    refusal, which never says whether the name exists."""
    def welcome(session: Session, account: UserAccount) -> None:
        values: dict[str, Any] = {"failed_logins": 0, "locked_until": None,
                                  "last_login_at": utc(now)}
        if HASHER.check_needs_rehash(account.password_hash):
            values["password_hash"] = HASHER.hash(password)
        update_account(session, account, "signed in", **values)

    signed = _at_the_door(db, name.strip().lower(), password, now, "login", then=welcome)
    install(db, signed)
    return signed


def _at_the_door(db: Database, name: str, password: str, now: datetime, event: str | None,
                 *, detail: str | None = None, reason: str | None = None,
                 then: Callable[[Session, UserAccount], None] | None = None,
                 wrong: str | None = None) -> SignedIn:
    """Check `name`'s password in one transaction that also records what happened: `event`
    (after `then` made the success's changes; None records no success), or the refusal
    (failures counted towards the lock-out). AccessDenied when refused, `wrong` replacing
    the message of a wrong password when given."""
    with db.unit_of_work(actor=name or "unknown", purpose=None, reason=reason) as session:
        account = session.scalar(select(UserAccount).where(UserAccount.name == name))
        refused = _refusal(session, account, password, now)
        if refused is None and account is not None:
            if then is not None:
                then(session, account)
            signed = SignedIn(account.name, account.printed_name, Role(account.role),
                              account.must_change)
        happened = refused[0] if refused else event
        if happened is not None:
            session.add(AccessEvent(at=utc(now), account=name[:64], event=happened,
                                    detail=detail if refused else None))
    if happened is not None:  # account names and what happened: never a password
        logger("access").info("%s: %s", happened, name or "unknown")
    if refused is not None:
        message = refused[1]
        if wrong is not None:
            message = message.replace(WRONG, wrong)
        raise AccessDenied("password", message)
    return signed


def _refusal(session: Session, account: UserAccount | None, password: str, now: datetime
             ) -> tuple[str, str] | None:
    """(event, message) when the sign-in is refused; counts failures on the account."""
    from db.replay import record_mismatches

    # the password's check (argon2, outside the interpreter's lock) runs beside the trail's
    # replay; the answers are the same as one after the other
    stored = None if account is None else account.password_hash
    holds = None if _closed(account, now) else beside(
        lambda: _holds(stored, password), "password-check")
    if account is not None and record_mismatches(session, account):
        if holds is not None:
            holds()  # its work finished before the answer, as a refused password's is
        return "refused", TAMPERED
    refused = password_refusal(account, password, now, holds)
    if refused is None or refused[0] != "failed" or account is None:
        return refused
    failures = (account.failed_logins or 0) + 1
    lock = locked_until(failures, utc(now))
    values: dict[str, Any] = {"failed_logins": failures}
    if lock is not None:
        values["locked_until"] = lock
    update_account(session, account, "wrong password", **values)
    if lock is not None:
        return "locked", "Wrong password, five times: the account is locked for 15 minutes"
    return refused


def password_refusal(account: UserAccount | None, password: str, now: datetime,
                     holds: Callable[[], bool] | None = None) -> tuple[str, str] | None:
    """(event, message) when this account may not come in with `password`, reading only
    (`audit verify` writes nothing): unknown, deactivated, locked, or a wrong password. An
    unknown name costs a password check too, so the time taken does not tell it apart.
    `holds`: the password's check already started (`_holds`'s answer when called)."""
    if closed := _closed(account, now):
        return closed
    stored = None if account is None else account.password_hash
    return None if (holds() if holds else _holds(stored, password)) else ("failed", WRONG)


def _closed(account: UserAccount | None, now: datetime) -> tuple[str, str] | None:
    """(event, message) when the account may not come in whatever the password (an unknown
    name may not either, but only after a password's check)."""
    if account is None:
        return None
    if not account.active:
        return "refused", "This account is deactivated: ask your administrator"
    if account.locked_until is not None and utc(now) < utc(account.locked_until):
        until = account.locked_until.astimezone(now.tzinfo)
        return "refused", ("This account is locked after 5 wrong passwords, until "
                           f"{fmt_datetime(until)}")
    return None


def _holds(stored: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash; for an unknown name (None), the same
    argon2 work on a hash nobody's password matches, and False."""
    if stored is None:
        _check_dummy(password)
        return False
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    return True


#: sign-in's answer for an account whose row differs from its audit trail
TAMPERED = ("This account was changed outside Site Tracker (it no longer matches the audit "
            "trail), so it cannot sign in: an administrator checks it with `sitetrack audit "
            "verify` and resets its password")


def _check_dummy(password: str) -> None:
    """The same argon2 work as a known name's check, on a hash nobody's password matches."""
    if HASHER.check_needs_rehash(_DUMMY[0]):
        _DUMMY[0] = HASHER.hash(secrets.token_hex(16))
    with suppress(VerificationError, InvalidHashError):
        HASHER.verify(_DUMMY[0], password)


def confirm_password(db: Database, name: str, password: str, now: datetime,
                     what: str = "signature") -> str:
    """The signer's password entered again (a signature is the person, not the session);
    failures count towards the lock-out like sign-in failures. Returns the printed name."""
    return _at_the_door(db, name, password, now, None, detail=what,
                        wrong="Wrong password: nothing was signed").printed_name


def install(db: Database, signed: SignedIn) -> None:
    """The account acts from now on: the audit trail's actor, the role's guard, and the
    studies it is assigned to (with its role in each; none assigned: every study)."""
    from db.studies import StudyMember

    db.actor, db.role = signed.name, signed.role.value
    db.studies = None
    with db.reading(purpose=None) as session:
        assigned = {sid: role for sid, role in session.execute(
            select(StudyMember.study_id, StudyMember.role).where(
                StudyMember.account == signed.name, StudyMember.deleted_at.is_(None)))}
    db.studies = assigned or None

    def guard(action: str) -> None:
        changed = session_problem(db, signed)
        if changed is not None:
            refused = AccessDenied("role", SESSION_CHANGED[changed[0]], **changed[1])
            if action != "read":  # what was refused, not every refresh of a list
                _event(db, signed.name, "refused", local_now(), f"{action}: {refused}")
            raise refused
        if not may(signed.role, action):
            _event(db, signed.name, "denied", local_now(), refused_detail(action, signed.role))
            raise AccessDenied("role", refusal(signed.role, action))

    db.guard = guard


#: why a signed-in account may no longer act (session_problem), as templates
SESSION_CHANGED = {
    "deactivated": ("Your account was deactivated after you signed in: nothing was done. "
                    "Sign in with an active account"),
    "role": ("Your role was changed to {role} after you signed in: nothing was done. Sign in "
             "again to go on"),
    "reset": ("Your password was reset: choose your own (sitetrack password, or sign in "
              "again) before anything else"),
}


def session_problem(db: Database, signed: SignedIn) -> tuple[str, dict[str, str]] | None:
    """Why the signed-in account may no longer act (None: it may), as a key of
    SESSION_CHANGED and its values: deactivated, its role changed or its password reset
    since it signed in. One look-up by the account's unique name."""
    with db.core_reading() as conn:
        now_is = conn.execute(select(UserAccount.active, UserAccount.role,
                                     UserAccount.must_change)
                              .where(UserAccount.name == signed.name)).first()
    if now_is is None or not now_is.active:
        return "deactivated", {}
    if now_is.role != signed.role:
        return "role", {"role": Role(now_is.role).word}
    if now_is.must_change:
        return "reset", {}
    return None


def sign_out(db: Database, now: datetime) -> None:
    _event(db, db.actor, "logout", now)
    db.guard, db.role = _nobody, None
    db.actor = SYSTEM_ACTOR  # nobody acts until the next sign-in


def _nobody(action: str) -> None:
    raise AccessDenied("role", "Sign in first")


def change_password(db: Database, name: str, old: str, new: str, now: datetime) -> None:
    """The user's own change (asked at the first sign-in after a reset)."""
    clean = name.strip().lower()
    check_password_change(clean, old, new)

    def change(session: Session, account: UserAccount) -> None:
        update_account(session, account, "password changed", password_hash=HASHER.hash(new),
                       must_change=False)

    _at_the_door(db, clean, old, now, "password changed", detail="password change",
                 reason="password changed", then=change)


def reset_password(db: Database, name: str, temporary: str, now: datetime,
                   reason: str | None = None) -> None:
    """An admin sets a temporary password; the user must change it at the next sign-in.
    A reset also lifts a lock-out."""
    clean = account_name(name)
    check_password(temporary, clean)
    with db.unit_of_work(reason=reason or "password reset", purpose="accounts") as session:
        account = _account(session, clean)
        update_account(session, account, reason or "password reset",
                       restate=True, password_hash=HASHER.hash(temporary),
                       must_change=True, failed_logins=0, locked_until=None)
    _event(db, clean, "reset", now, f"by {db.actor}")


def deactivate(db: Database, name: str, now: datetime, reason: str | None = None) -> None:
    """Never deleted: an account is deactivated, and its name is never reused."""
    clean = account_name(name)
    with db.unit_of_work(reason=reason or "account deactivated", purpose="accounts") as session:
        account = _account(session, clean)
        check_deactivation(clean, db.actor)
        update_account(session, account, reason or "account deactivated", restate=True,
                       active=False)
    _event(db, clean, "deactivated", now, f"by {db.actor}")


def set_role(db: Database, name: str, role: str, now: datetime, reason: str) -> None:
    clean = account_name(name)
    chosen = check_change_of_role(role, reason)
    with db.unit_of_work(reason=reason, purpose="accounts") as session:
        account = _account(session, clean)
        old = account.role
        update_account(session, account, reason, restate=True, role=chosen.value)
    _event(db, clean, "role changed", now, f"{old} -> {chosen.value} by {db.actor}")


def _account(session: Session, name: str) -> UserAccount:
    account = session.scalar(select(UserAccount).where(UserAccount.name == name))
    if account is None:
        raise NotFound("name", "No account named {name}",
                                   name=name)
    return account


def list_accounts(db: Database) -> list[AccountRow]:
    with db.reading(purpose="accounts") as session:
        return [AccountRow(a.name, a.printed_name, Role(a.role), a.active, a.must_change,
                           a.locked_until, a.last_login_at)
                for a in session.scalars(select(UserAccount).order_by(UserAccount.name))]


#: the demo database's fictional accounts, one per role, all with the password "demo"
DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = (("nurse", "Nina Nurse (demo)", Role.NURSE),
                 ("investigator", "Dr Ivan Investigator (demo)", Role.INVESTIGATOR),
                 ("monitor", "Mona Monitor (demo)", Role.MONITOR),
                 ("admin", "Adam Admin (demo)", Role.ADMIN))


def add_demo_accounts(session: Session) -> None:
    """The fictional accounts of the demo database (only ever called for the demo, in its
    filling transaction). Their password is too short for a real account: it is set here,
    not through the rules."""
    for name, printed, role in DEMO_ACCOUNTS:
        if session.scalar(select(UserAccount.id).where(UserAccount.name == name)) is None:
            session.add(UserAccount(name=name, printed_name=printed, role=role,
                                    password_hash=HASHER.hash(DEMO_PASSWORD), active=True,
                                    must_change=False, failed_logins=0))


def real_accounts(session: Session) -> int:
    """Accounts other than the demo's fictional ones."""
    demo = [name for name, _, _ in DEMO_ACCOUNTS]
    return session.scalar(select(func.count()).select_from(UserAccount)
                          .where(UserAccount.name.not_in(demo))) or 0
