"""Accounts wholly in the audit trail: password hash (as its SHA-256), failed sign-ins,
lock-out and last sign-in join the role, active flag and names already there.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 16:00:00

The values every account holds now enter the trail as the upgrade's own work, so that
`audit verify` and sign-in compare the whole row from here on. On PostgreSQL the owner's
SECURITY DEFINER function `st_update_account` becomes the only way the app role changes an
account (`pg-roles` takes its UPDATE right away and gives it EXECUTE): it changes a row
only to values the keyed trail has just recorded for it, in the same transaction.
"""

import sqlalchemy as sa
from alembic import op

from db.types import UtcDateTime

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

UPGRADE = "schema upgrade 0018: account passwords and lock-outs enter the audit trail"
NEWLY_AUDITED = ("password_hash", "failed_logins", "locked_until", "last_login_at")

#: changes one account to the values of p_values (column -> text as the trail records it),
#: after checking that the newest trail entry of each of those columns gives that value
FUNCTION = """
CREATE OR REPLACE FUNCTION st_update_account(p_id integer, p_version integer, p_values jsonb)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    k text;
    v text;
    recorded text;
    changed integer;
BEGIN
    FOR k, v IN SELECT key, value FROM jsonb_each_text(p_values) LOOP
        IF k NOT IN ('printed_name', 'role', 'password_hash', 'active', 'must_change',
                     'failed_logins', 'locked_until', 'last_login_at') THEN
            RAISE EXCEPTION 'user_account.% is not changed through st_update_account', k;
        END IF;
        IF k = 'password_hash' AND v IS NOT NULL THEN
            v := 'sha256:' || encode(sha256(convert_to(v, 'UTF8')), 'hex');
        END IF;
        SELECT new_value INTO recorded FROM audit_log
            WHERE table_name = 'user_account' AND record_id = p_id::text AND field = k
            ORDER BY seq DESC LIMIT 1;
        IF recorded IS DISTINCT FROM v THEN
            RAISE EXCEPTION 'account %: the new % is not in the audit trail', p_id, k;
        END IF;
    END LOOP;
    UPDATE user_account SET
        printed_name = CASE WHEN p_values ? 'printed_name'
                            THEN p_values->>'printed_name' ELSE printed_name END,
        role = CASE WHEN p_values ? 'role' THEN p_values->>'role' ELSE role END,
        password_hash = CASE WHEN p_values ? 'password_hash'
                             THEN p_values->>'password_hash' ELSE password_hash END,
        active = CASE WHEN p_values ? 'active'
                      THEN (p_values->>'active')::boolean ELSE active END,
        must_change = CASE WHEN p_values ? 'must_change'
                           THEN (p_values->>'must_change')::boolean ELSE must_change END,
        failed_logins = CASE WHEN p_values ? 'failed_logins'
                             THEN (p_values->>'failed_logins')::integer ELSE failed_logins END,
        locked_until = CASE WHEN p_values ? 'locked_until'
                            THEN (p_values->>'locked_until')::timestamptz AT TIME ZONE 'UTC'
                            ELSE locked_until END,
        last_login_at = CASE WHEN p_values ? 'last_login_at'
                             THEN (p_values->>'last_login_at')::timestamptz AT TIME ZONE 'UTC'
                             ELSE last_login_at END,
        version = version + 1
    WHERE id = p_id AND version = p_version;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$$
"""


def upgrade() -> None:
    from db import audit
    from db.accounts import UserAccount
    from db.base import audit_value

    conn = op.get_bind()
    accounts = sa.table("user_account", sa.column("id", sa.Integer),
                        sa.column("password_hash", sa.String),
                        sa.column("failed_logins", sa.Integer),
                        sa.column("locked_until", UtcDateTime),
                        sa.column("last_login_at", UtcDateTime))
    lines = []
    for row in conn.execute(sa.select(accounts).order_by(accounts.c.id)):
        for field in NEWLY_AUDITED:
            value = audit_value(UserAccount, field, getattr(row, field))
            if value is not None:
                lines.append(("update", "user_account", str(row.id), field, None, value))
    audit.append(conn, audit.UPGRADE_ACTOR, UPGRADE, lines)
    if conn.dialect.name == "postgresql":
        op.execute(FUNCTION)
        op.execute("REVOKE ALL ON FUNCTION st_update_account(integer, integer, jsonb) "
                   "FROM PUBLIC")


def downgrade() -> None:  # pragma: no cover - the app only upgrades
    raise NotImplementedError("Site Tracker databases are only upgraded")
