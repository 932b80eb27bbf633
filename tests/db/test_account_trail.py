"""Accounts in the keyed audit trail on SQLite and PostgreSQL: the upgrade brings the
accounts of an older database into it, and `update_account` writes the trail first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from db import audit
from db.accounts import UserAccount, update_account
from db.errors import EditConflict
from db.models import AuditEntry
from db.replay import record_mismatches, replay
from tests.conftest import light_hash

PASSWORD = "violet staple 42"


def test_accounts_made_before_0017_enter_the_trail(db_url):
    from app.services import accounts as acc
    from app.services.database import open_site_database, verify_audit_trail
    from db.engine import create
    from db.migrate import upgrade
    from db.sqlite_file import APPLICATION_ID

    engine = create(db_url)
    if db_url.startswith("sqlite"):
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    upgrade(engine, "0016")
    # an account as the app of 0016 made it: its hash and lock-out were outside the trail
    row = {"id": 1, "name": "nina", "printed_name": "Nina Nurse", "role": "monitor",
           "active": True, "must_change": False}
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO user_account (id, name, printed_name, role, "
                          "password_hash, active, must_change, failed_logins, last_login_at, "
                          "version) VALUES (1, 'nina', 'Nina Nurse', 'monitor', :h, true, "
                          "false, 2, :t, 1)"),
                     {"h": light_hash(PASSWORD), "t": datetime(2026, 11, 1, 8)})
        audit.append(conn, "root.admin", "account created",
                     [("insert", "user_account", "1", k, None, v) for k, v in row.items()])
    engine.dispose()
    db = open_site_database(db_url)
    try:
        assert verify_audit_trail(db).intact
        with db.reading(purpose=None) as s:
            upgraded = {e.field: e.actor for e in s.scalars(select(AuditEntry).where(
                AuditEntry.table_name == "user_account", AuditEntry.reason.like("%0018%")))}
        assert upgraded == dict.fromkeys(
            ("password_hash", "failed_logins", "last_login_at"), "upgrade")
        from tests.conftest import SITE_ZONE

        acc.sign_in(db, "nina", PASSWORD, datetime(2026, 11, 25, 9, tzinfo=SITE_ZONE))
        assert verify_audit_trail(db).intact
    finally:
        db.close()


def _account(db):
    with db.unit_of_work(reason="account created", purpose=None) as s:
        s.add(UserAccount(name="nina", printed_name="Nina Nurse", role="nurse",
                          password_hash=light_hash(PASSWORD), active=True,
                          must_change=False, failed_logins=0))


def test_update_account_writes_the_trail_first(db):
    _account(db)
    when = datetime(2026, 11, 25, 8, 30, 15, 120000, tzinfo=UTC)
    with db.unit_of_work(purpose=None) as s:
        nina = s.scalar(select(UserAccount).where(UserAccount.name == "nina"))
        update_account(s, nina, "wrong password", failed_logins=5, locked_until=when)
        assert (nina.failed_logins, nina.locked_until, nina.version) == (5, when, 2)
    with db.reading(purpose=None) as s:
        nina = s.scalar(select(UserAccount).where(UserAccount.name == "nina"))
        assert (nina.failed_logins, nina.locked_until, nina.version) == (5, when, 2)
        assert record_mismatches(s, nina) == []
        assert replay(s) == []
    with pytest.raises(EditConflict), db.unit_of_work(purpose=None) as s:
        nina = s.scalar(select(UserAccount).where(UserAccount.name == "nina"))
        # another workstation saved after this copy was read
        s.connection().execute(text("UPDATE user_account SET version = version + 1"))
        update_account(s, nina, "signed in", failed_logins=0)


def test_a_hash_written_by_sql_is_a_mismatch(db):
    _account(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE user_account SET password_hash = :h"),
                     {"h": light_hash("the attacker's own")})
    with db.reading(purpose=None) as s:
        nina = s.scalar(select(UserAccount).where(UserAccount.name == "nina"))
        found = record_mismatches(s, nina)
    assert [m.field for m in found] == ["password_hash"]
    assert "changed behind the app's back" in str(found[0])
