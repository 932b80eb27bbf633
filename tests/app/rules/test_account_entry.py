"""An account's entry rules without a database: names, roles, passwords, reasons."""

from __future__ import annotations

import pytest

from app.errors import InvalidEntry
from app.rules.account_entry import (
    RESERVED,
    account_name,
    check_change_of_role,
    check_deactivation,
    check_leaving_reason,
    check_name_unused,
    check_new_account,
    check_not_assigned,
    check_password_change,
    study_role,
)
from app.rules.accounts import Role

GOOD = "a long enough passphrase"


def _refusal(call, *args) -> InvalidEntry:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value


def test_a_name_is_stored_trimmed_and_lower_case_from_its_own_letters():
    assert account_name("  J.Smith-2 ") == "j.smith-2"
    for bad in ("", "   ", "a b", "x" * 65, "anne@site"):
        error = _refusal(account_name, bad)
        assert error.field == "name" and error.template == "An account name is 1 to 64 {NAME_PATTERN}"


def test_a_new_account_has_a_printed_name_a_role_and_a_good_password():
    assert check_new_account("Anne", "Anne Smith", "nurse", GOOD) == ("anne", Role.NURSE)
    assert _refusal(check_new_account, "anne", " ", "nurse", GOOD).field == "printed_name"
    assert _refusal(check_new_account, "anne", "Anne", "chief", GOOD).message.startswith("Role: ")
    assert _refusal(check_new_account, "anne", "Anne", "nurse", "short").field == "password"


def test_no_account_takes_a_name_the_trail_gives_the_app_itself():
    """An account called "system" would pass for the app's own changes in the audit trail
    (and would be taken for nobody signed in)."""
    from db import audit

    actors = {audit.SYSTEM_ACTOR, audit.UPGRADE_ACTOR, audit.DEMO_ACTOR,
              audit.FIRST_RUN_ACTOR, "self-test"}
    spellable = {a for a in actors if all(c.isalnum() or c in "._-" for c in a)}
    assert spellable == set(RESERVED)
    for name in (" System", "UPGRADE", "self-test"):
        error = _refusal(check_new_account, name, "Anne Smith", "nurse", GOOD)
        assert error.field == "name" and "audit trail" in error.message
    assert account_name("System") == "system"  # an old account so named is still managed


def test_names_are_never_reused_and_no_one_deactivates_themself():
    check_name_unused("anne", False)
    assert "never shared nor reused" in _refusal(check_name_unused, "anne", True).message
    check_deactivation("anne", "admin")
    assert _refusal(check_deactivation, "admin", "admin").field == "name"


def test_a_changed_password_is_good_and_new():
    check_password_change("anne", "old password 1", GOOD)
    assert _refusal(check_password_change, "anne", GOOD, GOOD).field == "new_password"
    assert _refusal(check_password_change, "anne", "x", "short").field == "new_password"


def test_a_change_of_role_names_a_role_and_gives_a_reason():
    assert check_change_of_role("monitor", "moved to monitoring") == Role.MONITOR
    assert _refusal(check_change_of_role, "monitor", "  ").field == "reason"
    assert _refusal(check_change_of_role, "boss", "why").field == "role"


def test_an_account_joins_a_study_once_in_a_role_and_leaves_it_with_a_reason():
    assert study_role(" Investigator ") == "investigator"
    assert _refusal(study_role, "boss").message.startswith("No role 'boss': ")
    check_not_assigned("anne", "imp7068-101", None)
    assert _refusal(check_not_assigned, "anne", "imp7068-101", "nurse").message == (
        "anne is already assigned to IMP7068-101 (as nurse)")
    check_leaving_reason("moved on")
    assert _refusal(check_leaving_reason, " ").field == "reason"
