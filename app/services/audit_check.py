"""`audit verify` as an administrator or a monitor, on a database opened read-only.

Nothing is written to the database verified: not the sign-in, not a failed password, not
the anchor. So a trail someone broke (a forged entry that stops every save and sign-in)
can still be looked at. The password is checked against the stored hash as at sign-in;
a refusal is one sentence and goes to the app's log, not to the database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.infra.logs import logger
from app.rules.accounts import Action, Role, may, refusal
from app.services.accounts import WRONG, AccessDenied, SignedIn, password_refusal
from db import Database
from db.accounts import UserAccount
from db.audit import chain_key
from db.read_only import open_read_only

__all__ = ["check_auditor", "open_for_audit"]


def open_for_audit(url: str | None) -> Database:
    """The database, opened so that nothing can be written to it."""
    return open_read_only(url)


def check_auditor(db: Database, name: str, password: str, now: datetime) -> SignedIn:
    """The account may read the audit trail (administrator or monitor) and `password` is
    its own; AccessDenied with one sentence otherwise. Reads only."""
    clean = name.strip().lower()
    with db.reading(purpose=None) as session:
        account = session.scalar(select(UserAccount).where(UserAccount.name == clean))
        problem = _problem(account, password, now)
        signed = (SignedIn(account.name, account.printed_name, Role(account.role),
                           account.must_change) if account is not None else None)
    if problem is not None or signed is None:
        logger("access").info("audit verify refused (nothing written): %s", clean or "unknown")
        raise AccessDenied("password", problem or WRONG)
    if not may(signed.role, Action.AUDIT):
        raise AccessDenied("role", refusal(signed.role, Action.AUDIT).replace(
            ": nothing was saved", ": an administrator or a monitor verifies it"))
    logger("access").info("audit verify (read-only) by %s", signed.name)
    with db.core_reading() as conn:  # KeyMissing: nothing can be checked on this computer
        chain_key(conn)
    return signed


def _problem(account: UserAccount | None, password: str, now: datetime) -> str | None:
    refused = password_refusal(account, password, now)
    if refused is not None:
        return refused[1]
    if account is not None and account.must_change:
        return (f"Your password was reset: choose your own first with `sitetrack --user "
                f"{account.name} password`")
    return None
