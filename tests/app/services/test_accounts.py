"""Named accounts on SQLite and PostgreSQL: sign-in, lock-out, resets, and every role x
action cell checked in the services, not only on screen."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.rules.accounts import PERMISSIONS, Action, Role, may, password_problem
from app.services import accounts as acc
from app.services.errors import InvalidEntry
from db.accounts import AccessEvent, UserAccount
from db.models import AuditEntry
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=SITE_ZONE)
GOOD = "violet staple 42"


def _admin(db):
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)


def _events(db, name=None):
    with db.reading(purpose=None) as s:
        stmt = select(AccessEvent.account, AccessEvent.event).order_by(AccessEvent.id)
        return [tuple(r) for r in s.execute(stmt) if name is None or r[0] == name]


@pytest.mark.parametrize(("password", "ok"), [
    ("short7!", False), ("eightch8", True), ("password1", False), ("12345678", False),
    ("correct horse", True), ("x" * 129, False)])
def test_password_rules_are_length_and_commonness_only(password, ok):
    assert (password_problem(password) is None) is ok


def test_passwords_are_hashed_with_argon2id_at_owasp_strength():
    """The app's own hasher (the tests use a light one): argon2id, at least OWASP's 19 MiB
    and 2 passes."""
    from argon2 import Type

    from tests import conftest

    real = conftest.REAL_HASHER or acc.HASHER
    assert real.type is Type.ID
    assert real.memory_cost >= 19 * 1024 and real.time_cost >= 2
    assert real.hash("x").startswith("$argon2id$")


def test_sign_in_installs_the_actor_and_is_audited(db):
    _admin(db)
    assert db.actor == "root.admin"
    acc.create_account(db, "nina", "Nina Nurse", "nurse", GOOD)
    signed = acc.sign_in(db, "nina", GOOD, NOW)
    assert (signed.role, signed.must_change) == (Role.NURSE, True)
    assert db.actor == "nina"
    assert ("nina", "login") in _events(db)
    acc.sign_out(db, NOW)
    assert ("nina", "logout") in _events(db)
    with pytest.raises(acc.AccessDenied, match="Sign in first"), db.reading():
        pass


def test_five_wrong_passwords_lock_for_15_minutes(db):
    _admin(db)
    acc.create_account(db, "nina", "Nina Nurse", "nurse", GOOD)
    for _ in range(4):
        with pytest.raises(acc.AccessDenied, match="Wrong account name or password"):
            acc.sign_in(db, "nina", "not the one", NOW)
    with pytest.raises(acc.AccessDenied, match="locked for 15 minutes"):
        acc.sign_in(db, "nina", "not the one", NOW)
    with pytest.raises(acc.AccessDenied, match="locked after 5 wrong passwords, until "
                                               "25-NOV-2026 09:15"):
        acc.sign_in(db, "nina", GOOD, NOW + timedelta(minutes=14))
    acc.sign_in(db, "nina", GOOD, NOW + timedelta(minutes=15))  # the 15th minute: open again
    assert [e for _, e in _events(db, "nina")] == ["failed"] * 4 + ["locked", "refused",
                                                                     "login"]


def test_unknown_and_deactivated_accounts(db):
    _admin(db)
    acc.create_account(db, "old.nurse", "Olga Nurse", "nurse", GOOD)
    acc.deactivate(db, "old.nurse", NOW, "left the site")
    with pytest.raises(acc.AccessDenied, match="deactivated"):
        acc.sign_in(db, "old.nurse", GOOD, NOW)
    with pytest.raises(acc.AccessDenied, match="Wrong account name or password"):
        acc.sign_in(db, "nobody", GOOD, NOW)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    with pytest.raises(InvalidEntry, match="never shared nor reused"):
        acc.create_account(db, "old.nurse", "Someone Else", "nurse", GOOD)
    rows = {r.name: r for r in acc.list_accounts(db)}
    assert not rows["old.nurse"].active  # kept, never deleted


def test_reset_forces_a_change_and_lifts_a_lock(db):
    _admin(db)
    acc.create_account(db, "nina", "Nina Nurse", "nurse", GOOD, must_change=False)
    for _ in range(5):
        with pytest.raises(acc.AccessDenied):
            acc.sign_in(db, "nina", "wrong wrong", NOW)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    acc.reset_password(db, "nina", "temporary 2026", NOW, "forgot it")
    signed = acc.sign_in(db, "nina", "temporary 2026", NOW)
    assert signed.must_change
    with pytest.raises(InvalidEntry, match="most common"):
        acc.change_password(db, "nina", "temporary 2026", "password", NOW)
    acc.change_password(db, "nina", "temporary 2026", "my own 2026 words", NOW)
    assert not acc.sign_in(db, "nina", "my own 2026 words", NOW).must_change
    with db.reading(purpose=None) as s:
        hashes = [e.new_value for e in s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "user_account", AuditEntry.field == "password_hash"))]
        stored = s.scalar(select(UserAccount.password_hash).where(UserAccount.name == "nina"))
    # the trail follows every password change, as a digest: never the argon2 hash itself
    assert hashes and all(h.startswith("sha256:") and "argon2" not in h for h in hashes)
    assert stored not in hashes


def test_role_change_needs_a_reason_and_is_audited(db):
    _admin(db)
    acc.create_account(db, "ivan", "Ivan Investigator", "nurse", GOOD)
    with pytest.raises(InvalidEntry, match="reason"):
        acc.set_role(db, "ivan", "investigator", NOW, "")
    acc.set_role(db, "ivan", "investigator", NOW, "appointed sub-investigator")
    assert ("ivan", "role changed") in _events(db)
    with db.reading(purpose=None) as s:
        stored = s.scalar(select(UserAccount.role).where(UserAccount.name == "ivan"))
    assert stored == "investigator"


# --- every role x action cell, through the services -------------------------------------

def _attempt(db, action, tmp_path):
    """Do one thing of each kind through the real services."""
    from app.rules.protocol import default_protocol
    from app.services.database import verify_audit_trail
    from app.services.patients import EnrolmentForm, enrol, list_patients
    from app.services.site_time import set_site_zone

    protocol = default_protocol()
    if action == Action.READ:
        list_patients(db)
    elif action == Action.AUDIT:
        verify_audit_trail(db)
    elif action == Action.EXPORT:
        from app.services.site_results import site_results

        db.guard("export")
        site_results(db, protocol, date(2026, 11, 25))
    elif action == Action.ENTER:
        enrol(db, protocol, EnrolmentForm(
            subject_id="101-001", initials="AB", year_of_birth=1960, sex="F", part=1,
            dose_level="DL1", consent_date=date(2026, 1, 1)), date(2026, 11, 25))
    elif action == Action.SIGN:
        db.guard("sign")  # the signature service calls the same guard
    elif action == Action.REFERENCE:
        path = tmp_path / "ctcae.csv"
        path.write_text("MedDRA Code,MedDRA SOC,CTCAE Term,Grade 1,Grade 2,Grade 3,Grade 4,"
                        "Grade 5,Definition,Navigational Note\n10028813,Gastrointestinal "
                        "disorders,Nausea,a,b,c,,,,\n")
        from app.services.dictionary import import_dictionary

        import_dictionary(db, path)
    elif action == Action.SETTINGS:
        set_site_zone(db, "Europe/Paris", "check")
    elif action == Action.ACCOUNTS:
        acc.create_account(db, f"x{len(tmp_path.name)}", "New Person", "nurse", GOOD)
    elif action == Action.STUDIES:
        from app.rules.protocol import shipped_protocol_path
        from app.services.studies import add_study

        add_study(db, shipped_protocol_path("abc2201.toml"))
    elif action == Action.QUERY:
        from app.errors import NotFound
        from app.services.queries import open_query

        with pytest.raises(NotFound, match="No patient with subject ID 101-001"):
            open_query(db, "101-001", "C1D1", "Source differs", NOW)
    elif action == Action.VERIFY:
        from app.services.sdv import verify

        verify(db, [], NOW)  # the guard comes first, whatever is marked


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_every_role_and_action(sqlite_db, tmp_path, role, action):
    db = sqlite_db
    _admin(db)
    acc.create_account(db, "who", "Who Ever", role, GOOD, must_change=False)
    acc.sign_in(db, "who", GOOD, NOW)
    allowed = action in PERMISSIONS[role]
    assert may(role, action) is allowed
    if allowed:
        _attempt(db, action, tmp_path)
    else:
        with pytest.raises(acc.AccessDenied, match="cannot"):
            _attempt(db, action, tmp_path)
        assert ("who", "denied") in _events(db)
