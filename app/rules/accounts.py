"""Accounts and roles, pure: who may do what, and which passwords are acceptable.

Roles follow the work: nurses and coordinators enter and correct clinical data;
investigators do the same and sign; monitors read everything, the audit trail included, and
export, changing nothing; admins keep accounts and settings and touch no clinical data. The
services check the role (Database.guard), the screens only grey out what it would refuse.

Passwords follow NIST SP 800-63B: at least 8 characters, not a common password, no
composition rules; they are hashed with argon2id (argon2-cffi) and never stored or logged.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache

MIN_PASSWORD = 8
MAX_PASSWORD = 128
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


class Role(StrEnum):
    NURSE = "nurse"
    INVESTIGATOR = "investigator"
    MONITOR = "monitor"
    ADMIN = "admin"

    @property
    def word(self) -> str:
        return ROLE_WORDS[self]


ROLE_WORDS = {Role.NURSE: "Study nurse / coordinator", Role.INVESTIGATOR: "Investigator",
              Role.MONITOR: "Monitor (read only)", Role.ADMIN: "Administrator"}


class Action(StrEnum):
    """What the services are asked to do (Database.unit_of_work's purpose, reads too)."""

    READ = "read"  # patients, visits, AEs, scans, PK: the clinical record
    AUDIT = "audit"  # read the audit trail, verify it
    EXPORT = "export"  # listings, summaries, worksheets, backups
    ENTER = "enter"  # enter and correct clinical data
    SIGN = "sign"  # e-sign as investigator
    REFERENCE = "reference"  # the CTCAE dictionary
    SETTINGS = "settings"  # site settings: time zone, backups kept
    ACCOUNTS = "accounts"  # create, deactivate, reset, change roles
    STUDIES = "studies"  # add a study, amend its protocol, assign accounts to it


ACTION_WORDS = {
    Action.READ: "read patient data", Action.AUDIT: "read the audit trail",
    Action.EXPORT: "export or print", Action.ENTER: "enter or correct clinical data",
    Action.SIGN: "sign as investigator", Action.REFERENCE: "load the CTCAE dictionary",
    Action.SETTINGS: "change site settings", Action.ACCOUNTS: "manage accounts",
    Action.STUDIES: "add studies or amend their protocols",
}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.NURSE: frozenset({Action.READ, Action.EXPORT, Action.ENTER, Action.REFERENCE}),
    Role.INVESTIGATOR: frozenset({Action.READ, Action.EXPORT, Action.ENTER, Action.SIGN,
                                  Action.REFERENCE}),
    Role.MONITOR: frozenset({Action.READ, Action.AUDIT, Action.EXPORT}),
    Role.ADMIN: frozenset({Action.AUDIT, Action.SETTINGS, Action.ACCOUNTS,
                           Action.REFERENCE, Action.STUDIES}),
}


def may(role: str, action: str) -> bool:
    try:
        return Action(action) in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def refusal(role: str, action: str) -> str:
    """The one sentence a refused action gets."""
    try:
        who = Role(role).word
    except ValueError:
        who = role
    what = ACTION_WORDS.get(Action(action), action) if action in set(Action) else action
    article = "An" if who[:1].lower() in "aeiou" else "A"
    return f"{article} {who.lower()} account cannot {what}: nothing was saved"


@cache
def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, name: str = "") -> str | None:
    """Why a new password is refused, or None. Length and commonness only (SP 800-63B)."""
    if len(password) < MIN_PASSWORD:
        return f"A password needs at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"A password has at most {MAX_PASSWORD} characters"
    lowered = password.lower()
    if lowered in _common() or lowered.strip("0123456789!") in _common():
        return "That password is one of the most common ones: choose another"
    if name and name.lower() in lowered:
        return "A password cannot contain the account name"
    return None


def locked_until(failures: int, last_failure: datetime) -> datetime | None:
    """Five failures in a row lock the account for 15 minutes from the last one."""
    return last_failure + LOCKOUT if failures >= MAX_FAILURES else None
