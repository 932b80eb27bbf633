"""PostgreSQL with two roles: the owner migrates; the app role works but cannot drop a
trigger, rewrite the audit trail, or delete a clinical row."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

import main
from tests.conftest import PG_URL, empty_pg_url

OWNER, APP, DB = "st_owner", "st_app", "sitetrack_roles"
#: databases and roles made and dropped on the server, demo sites filled through them
pytestmark = pytest.mark.slow


@pytest.fixture
def urls():
    empty_pg_url()  # skipped without PostgreSQL, a failure in CI
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"))
        for role in (OWNER, APP):
            if not c.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                             {"r": role}).scalar():
                c.execute(text(f"CREATE ROLE {role} LOGIN"))
        c.execute(text(f"CREATE DATABASE {DB} OWNER {OWNER}"))
    admin.dispose()
    base = make_url(PG_URL).set(database=DB)
    yield (base.set(username=OWNER).render_as_string(hide_password=False),
           base.set(username=APP).render_as_string(hide_password=False))
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"))
    admin.dispose()


def test_the_app_role_works_but_cannot_rewrite_or_delete(urls, capsys):
    owner, app = urls
    assert main.main(["--db", owner, "pg-roles", "--app", APP]) == 0
    assert "GRANT SELECT, INSERT ON audit_log TO st_app" in capsys.readouterr().out
    # the app role fills the demo (sign-in, patients, audit entries) and verifies the trail
    assert main.main(["--db", app, "demo", "--patients", "3", "--today", "2026-11-25"]) == 0
    from app.rules.protocol import default_protocol  # noqa: F401 - the app imports cleanly
    from app.services.database import open_site_database, verify_audit_trail

    db = open_site_database(app, today=date(2026, 11, 25))
    assert verify_audit_trail(db).intact
    db.close()
    engine = create_engine(app)
    with engine.connect() as conn:  # the app role added the server's anchors as it worked
        assert conn.execute(text("SELECT count(*) FROM audit_anchor")).scalar() > 0
    for statement in ("DROP TRIGGER audit_log_guard ON audit_log",
                      "UPDATE audit_anchor SET seq = 0",
                      "DELETE FROM audit_anchor",
                      "DROP TRIGGER audit_anchor_guard ON audit_anchor",
                      "UPDATE audit_log SET actor = 'x'",
                      "DELETE FROM audit_log",
                      "DELETE FROM patient",
                      "ALTER TABLE patient DROP COLUMN initials"):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(statement))
    engine.dispose()


def test_only_the_owner_upgrades(urls, capsys):
    owner, app = urls
    from db.engine import create
    from db.migrate import upgrade

    assert main.main(["--db", app, "demo"]) == 2  # no rights yet
    assert "this role has no rights on it yet" in capsys.readouterr().err
    engine = create(owner)
    upgrade(engine, "0010")
    from db.pg_roles import grant_app_role

    with engine.begin() as conn:
        grant_app_role(conn, APP)
    engine.dispose()
    assert main.main(["--db", app, "demo"]) == 2
    assert "only its owner role can upgrade it" in capsys.readouterr().err


def test_the_app_role_changes_accounts_only_through_the_audited_function(urls, capsys):
    """The app role's password is on every workstation: with it, a password hash (or role,
    or active flag) cannot be written into an account; the app's own changes go through the
    owner's function, which takes only what the keyed trail has just recorded."""
    owner, app = urls
    assert main.main(["--db", owner, "pg-roles", "--app", APP]) == 0
    out = capsys.readouterr().out
    assert "GRANT SELECT, INSERT ON user_account TO st_app" in out
    assert "GRANT EXECUTE ON FUNCTION st_update_account(integer, integer, jsonb)" in out
    assert main.main(["--db", app, "demo", "--patients", "2", "--today", "2026-11-25"]) == 0
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from app.services import accounts as acc
    from app.services.database import open_site_database, verify_audit_trail

    now = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    db = open_site_database(app, today=date(2026, 11, 25))
    try:  # the services work through the function: failures, sign-in, reset, role, deactivate
        with pytest.raises(acc.AccessDenied):
            acc.sign_in(db, "nurse", "not the one", now)
        acc.sign_in(db, "admin", acc.DEMO_PASSWORD, now)
        acc.reset_password(db, "nurse", "temporary 2026", now, "forgot it")
        acc.set_role(db, "monitor", "investigator", now, "appointed")
        acc.deactivate(db, "investigator", now, "left")
        assert verify_audit_trail(db).intact
    finally:
        db.close()
    engine = create_engine(app)
    with pytest.raises(DBAPIError, match="permission denied"), engine.begin() as conn:
        conn.execute(text("UPDATE user_account SET password_hash = 'x' WHERE name = 'nurse'"))
    with pytest.raises(DBAPIError, match="not in the audit trail"), engine.begin() as conn:
        conn.execute(text("SELECT st_update_account(id, version, "
                          "'{\"password_hash\": \"x\", \"role\": \"admin\"}') "
                          "FROM user_account WHERE name = 'nurse'"))
    with pytest.raises(DBAPIError, match="not in the audit trail"), engine.begin() as conn:
        conn.execute(text("SELECT st_update_account(id, version, '{\"active\": \"true\"}') "
                          "FROM user_account WHERE name = 'investigator'"))
    engine.dispose()
