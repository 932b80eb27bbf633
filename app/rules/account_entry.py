"""What an administrator (or a user changing a password) may enter for an account: its name,
its role, a password strong enough (SP 800-63B, app/accounts.py), a reason for a change of
role; and what no one may do to an account (reuse a name, deactivate one's own)."""

from __future__ import annotations

from app.errors import InvalidEntry
from app.rules.accounts import Role, password_problem

NAME_PATTERN = "letters, digits, '.', '_' or '-'"
#: the names the audit trail gives the app's own changes (db/audit.py's actors that an
#: account name could spell): an account so named would pass for the app in the trail
RESERVED = ("system", "upgrade", "self-test")


def account_name(name: str) -> str:
    """The account's name as stored (lower case, trimmed): 1 to 64 of NAME_PATTERN."""
    clean = name.strip().lower()
    if not clean or len(clean) > 64 or not all(c.isalnum() or c in "._-" for c in clean):
        raise InvalidEntry("name", "An account name is 1 to 64 {NAME_PATTERN}",
                                   NAME_PATTERN=NAME_PATTERN)
    return clean


def role_named(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InvalidEntry("role", "Role: {roles}",
                                   roles=', '.join(r.value for r in Role)) from None


def check_password(password: str, name: str, field: str = "password") -> None:
    """A password a user may choose (length and commonness only)."""
    problem = password_problem(password, name)
    if problem:
        raise InvalidEntry(field, problem)


def check_new_account(name: str, printed_name: str, role: str, password: str
                      ) -> tuple[str, Role]:
    """A new account's form: (its name as stored, its role)."""
    clean = account_name(name)
    if clean in RESERVED:
        raise InvalidEntry("name", "'{clean}' is how the audit trail names the app's own "
                                   "changes: choose another account name", clean=clean)
    if not printed_name.strip():
        raise InvalidEntry("printed_name", "Give the person's name as it is printed on "
                           "signatures")
    chosen = role_named(role)
    check_password(password, clean)
    return clean, chosen


def check_name_unused(clean: str, taken: bool) -> None:
    """An account name is never given twice, even after its account is deactivated."""
    if taken:
        raise InvalidEntry("name", "There is already an account named {clean}: accounts are "
                                   "never shared nor reused",
                                   clean=clean)


def check_password_change(name: str, old: str, new: str) -> None:
    """The user's own change: a good password, not the old one again."""
    check_password(new, name.strip().lower(), "new_password")
    if new == old:
        raise InvalidEntry("new_password", "Choose a password different from the old one")


def check_deactivation(clean: str, actor: str) -> None:
    if clean == actor:
        raise InvalidEntry("name", "You cannot deactivate your own account")


def check_change_of_role(role: str, reason: str | None) -> Role:
    """The new role, given with the reason for the change."""
    chosen = role_named(role)
    if not (reason or "").strip():
        raise InvalidEntry("reason", "Give the reason for the change of role")
    return chosen


def study_role(role: str) -> str:
    """An account's role in one study, as stored."""
    try:
        return Role(role.strip().lower()).value
    except ValueError:
        raise InvalidEntry("role", "No role '{role}': {roles}",
                                   role=role, roles=', '.join(r.value for r in Role)) from None


def check_not_assigned(name: str, study: str, assigned_as: str | None) -> None:
    """An account is assigned to a study once (`assigned_as`: its role there already)."""
    if assigned_as is not None:
        raise InvalidEntry("account", "{name} is already assigned to {study} (as {role})",
                                      name=name, study=study.upper(), role=assigned_as)


def check_leaving_reason(reason: str) -> None:
    if not reason.strip():
        raise InvalidEntry("reason", "Give the reason the account leaves the study")


__all__ = [
    "NAME_PATTERN",
    "account_name",
    "check_change_of_role",
    "check_deactivation",
    "check_leaving_reason",
    "check_name_unused",
    "check_new_account",
    "check_not_assigned",
    "check_password",
    "check_password_change",
    "role_named",
    "study_role",
]
