"""Accounts attacked from outside the app, on SQLite and PostgreSQL: a password hash, role,
active flag or lock-out written by plain SQL is named by `audit verify` and refused at
sign-in; a session is re-checked at every transaction; nobody signed in saves nothing; an
unknown name costs the same password check as a known one."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text

from app.services import accounts as acc
from app.services.database import verify_audit_trail
from db.accounts import AccessEvent, UserAccount
from db.errors import NobodySignedIn
from tests.conftest import SITE_ZONE, light_hash

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=SITE_ZONE)
GOOD = "violet staple 42"
ATTACKER = "the attacker's own"


def _site(db):
    """An administrator signed in, and a nurse account."""
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    acc.create_account(db, "nina", "Nina Nurse", "nurse", GOOD, must_change=False)


def _behind_the_back(db, statement, **values):
    """Plain SQL on the database (an SQLite file's owner, a server role with the rights)."""
    with db.engine.begin() as conn:
        conn.execute(text(statement), values)


def _nina_id(db):
    with db.reading(purpose=None) as s:
        return s.scalar(select(UserAccount.id).where(UserAccount.name == "nina"))


def test_the_trail_holds_accounts_and_verifies(db):
    _site(db)
    acc.sign_in(db, "nina", GOOD, NOW)
    with pytest.raises(acc.AccessDenied):
        acc.sign_in(db, "nina", "not the one", NOW)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    acc.reset_password(db, "nina", "temporary 2026", NOW, "forgot it")
    acc.set_role(db, "nina", "investigator", NOW, "appointed")
    acc.deactivate(db, "nina", NOW, "left")
    report = verify_audit_trail(db)
    assert report.intact, report.message


@pytest.mark.parametrize(("column", "value"), [
    ("password_hash", light_hash(ATTACKER)),
    ("role", "admin"),
    ("failed_logins", 0),
], ids=["password_hash", "role", "failed_logins"])  # a hash's salt differs per xdist worker
def test_an_account_written_behind_the_apps_back_is_named_and_refused(db, column, value):
    _site(db)
    if column == "failed_logins":  # a lock-out wiped: the failures were counted first
        with pytest.raises(acc.AccessDenied):
            acc.sign_in(db, "nina", "not the one", NOW)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    nina = _nina_id(db)
    _behind_the_back(db, f"UPDATE user_account SET {column} = :v WHERE id = :i",
                     v=value, i=nina)
    report = verify_audit_trail(db)
    assert not report.intact
    assert report.problem.startswith(f"user_account record {nina}: {column} ")
    password = ATTACKER if column == "password_hash" else GOOD
    with pytest.raises(acc.AccessDenied, match="changed outside Site Tracker"):
        acc.sign_in(db, "nina", password, NOW)
    with pytest.raises(acc.AccessDenied, match="changed outside Site Tracker"):
        acc.confirm_password(db, "nina", password, NOW)  # nor e-sign with it
    with db.reading(purpose=None) as s:
        assert s.scalar(select(AccessEvent.event).where(AccessEvent.account == "nina")
                        .order_by(AccessEvent.id.desc()).limit(1)) == "refused"
    # the administrator's reset (audited) makes the row and its trail agree again
    acc.sign_in(db, "root.admin", GOOD, NOW)
    if column == "role":
        acc.set_role(db, "nina", "nurse", NOW, "put back after the audit")
    acc.reset_password(db, "nina", "temporary 2026", NOW, "taken over")
    assert verify_audit_trail(db).intact
    assert acc.sign_in(db, "nina", "temporary 2026", NOW).must_change


def test_an_account_added_behind_the_apps_back_cannot_sign_in(db):
    _site(db)
    _behind_the_back(db, "INSERT INTO user_account (name, printed_name, role, password_hash, "
                     "active, must_change, failed_logins, version) VALUES ('mallory', 'M', "
                     "'admin', :h, true, false, 0, 1)", h=light_hash(ATTACKER))
    assert "added behind the app's back" in verify_audit_trail(db).message
    with pytest.raises(acc.AccessDenied, match="changed outside Site Tracker"):
        acc.sign_in(db, "mallory", ATTACKER, NOW)


def test_a_forged_trail_entry_does_not_vouch_for_an_account(sqlite_db):
    """An entry added to the trail without the key (its hash plain SHA-256) is not believed:
    the account's row is checked against its own keyed entries only."""
    from db.audit import entry_hash
    from db.models import AuditEntry, AuditHead

    db = sqlite_db
    _site(db)
    nina = _nina_id(db)
    forged = light_hash(ATTACKER)
    from db.base import audit_value

    digest = audit_value(UserAccount, "password_hash", forged)
    with db.engine.begin() as conn:
        seq, prev = conn.execute(select(AuditHead.seq, AuditHead.hash)).one()
        at = datetime(2026, 11, 25, 8, 0)
        digest_line = entry_hash(seq + 1, at, "nina", "update", "user_account", str(nina),
                                 "password_hash", None, digest, "forged", prev)
        conn.execute(AuditEntry.__table__.insert().values(
            seq=seq + 1, at=at, actor="nina", action="update", table_name="user_account",
            record_id=str(nina), field="password_hash", old_value=None, new_value=digest,
            reason="forged", prev_hash=prev, hash=digest_line))
        conn.execute(AuditHead.__table__.update().values(seq=seq + 1, hash=digest_line))
        conn.execute(text("UPDATE user_account SET password_hash = :h WHERE id = :i"),
                     {"h": forged, "i": nina})
    assert not verify_audit_trail(db).intact
    with pytest.raises(acc.AccessDenied, match="changed outside Site Tracker"):
        acc.sign_in(db, "nina", ATTACKER, NOW)


# --- sessions re-checked at every transaction (item 3) ------------------------------------

def _enrol(db, subject="101-001"):
    from app.rules.protocol import default_protocol
    from app.services.patients import EnrolmentForm, enrol

    return enrol(db, default_protocol(), EnrolmentForm(
        subject_id=subject, initials="AB", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2026, 1, 1)), date(2026, 11, 25))


def _other_workstation(db):
    """The same database opened elsewhere, where the administrator is signed in."""
    from db import open_database

    other = open_database(db.url)
    acc.sign_in(other, "root.admin", GOOD, NOW)
    return other


@pytest.mark.parametrize(("change", "message"), [
    (lambda o: acc.deactivate(o, "nina", NOW, "left the site"), "deactivated after you"),
    (lambda o: acc.set_role(o, "nina", "monitor", NOW, "now monitors"),
     "role was changed to Monitor"),
    (lambda o: acc.reset_password(o, "nina", "temporary 2026", NOW, "lost"),
     "password was reset"),
])
def test_a_session_is_refused_once_its_account_changed(db, change, message):
    _site(db)
    acc.sign_in(db, "nina", GOOD, NOW)
    _enrol(db)
    other = _other_workstation(db)
    try:
        change(other)
    finally:
        other.close()
    with pytest.raises(acc.AccessDenied, match=message):
        _enrol(db, "101-002")
    with db.reading(purpose=None) as s:
        events = [(a, e) for a, e in s.execute(select(AccessEvent.account, AccessEvent.event))]
    assert ("nina", "refused") in events


def test_a_temporary_password_allows_only_its_change(db):
    """Through the services, not only the window: signed in with a reset password, nothing
    but the password change is done."""
    _site(db)
    acc.reset_password(db, "nina", "temporary 2026", NOW, "forgot it")
    assert acc.sign_in(db, "nina", "temporary 2026", NOW).must_change
    with pytest.raises(acc.AccessDenied, match="password was reset"):
        _enrol(db)
    with pytest.raises(acc.AccessDenied, match="password was reset"):
        from app.services.patients import list_patients

        list_patients(db)
    acc.change_password(db, "nina", "temporary 2026", "my own 2026 words", NOW)
    _enrol(db)  # the same session goes on once the password is the user's own


# --- nobody signed in (item 4) -------------------------------------------------------------

def test_nobody_signed_in_saves_nothing(db_url):
    from app.services.database import open_site_database
    from app.services.patients import list_patients
    from db.models import AuditEntry

    db = open_site_database(db_url)
    try:
        with pytest.raises(NobodySignedIn, match="Nobody is signed in"):
            _enrol(db)
        # the first administrator is made without an account, in the first run's name
        acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
        with pytest.raises(acc.AccessDenied, match="Sign in first"):  # never a second one
            acc.create_account(db, "mallory", "M", "admin", GOOD, must_change=False)
        acc.sign_in(db, "root.admin", GOOD, NOW)
        acc.create_account(db, "nina", "Nina Nurse", "nurse", GOOD, must_change=False)
        acc.sign_in(db, "nina", GOOD, NOW)
        _enrol(db)
        acc.sign_out(db, NOW)
        with pytest.raises(acc.AccessDenied, match="Sign in first"):
            _enrol(db, "101-002")
        with db.reading(purpose=None) as s:
            actors = set(s.scalars(select(AuditEntry.actor)))
        assert "system" not in actors
        assert {"first run", "root.admin", "nina"} <= actors
        acc.sign_in(db, "nina", GOOD, NOW)
        assert len(list_patients(db)) == 1
    finally:
        db.close()


# --- an unknown name costs what a known one does (item 9) --------------------------------

def test_unknown_and_known_names_both_check_a_password(db, monkeypatch):
    _site(db)
    checked: list[str] = []

    class Counting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:
            checked.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(acc, "HASHER", Counting(time_cost=1, memory_cost=1024, parallelism=1))
    for name in ("nina", "nobody.here"):
        with pytest.raises(acc.AccessDenied, match="Wrong account name or password"):
            acc.sign_in(db, name, "not the one", NOW)
    assert len(checked) == 2  # one argon2 check each, the unknown name's on a dummy hash
    assert checked[0] != checked[1] and all(h.startswith("$argon2") for h in checked)
