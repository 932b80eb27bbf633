"""The audit chain is keyed: HMAC-SHA-256 under a per-database key kept outside it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 20:00:00

The head gets the database's identity; a key is made for it (keyring, else an owner-only
file: db/keys.py) and every entry is re-linked under it, after the chain as it stands was
verified. A chain that does not verify is not re-keyed: the upgrade stops, naming the entry.
The new account tables are guarded like the clinical ones: accounts are never deleted,
access events never changed nor deleted.
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from db import audit, keys

    conn = op.get_bind()
    with Session(bind=conn) as session:
        report = audit.verify(session, anchor_check=False)
    if not report.intact:
        raise RuntimeError(f"the audit trail does not hold, it is not re-keyed: {report.problem}")
    op.add_column("audit_head", sa.Column("database_id", sa.String(length=32), nullable=True))
    database_id = keys.new_database_id()
    key = keys.new_key(database_id)
    drop_guard("audit_log", update=True)
    prev = audit.GENESIS
    rows = conn.execute(sa.text(
        "SELECT seq, at, actor, action, table_name, record_id, field, old_value, new_value, "
        "reason FROM audit_log ORDER BY seq")).all()
    for r in rows:
        at = datetime.fromisoformat(r.at) if isinstance(r.at, str) else r.at
        digest = audit.entry_hash(r.seq, at, r.actor, r.action, r.table_name, r.record_id,
                                  r.field, r.old_value, r.new_value, r.reason, prev, key)
        conn.execute(sa.text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :s"),
                     {"p": prev, "h": digest, "s": r.seq})
        prev = digest
    forbid("audit_log", update=True, message="the audit trail is append-only")
    conn.execute(sa.text("UPDATE audit_head SET hash = :h, database_id = :d WHERE id = 1"),
                 {"h": prev, "d": database_id})
    forbid("user_account", update=False, message="accounts are never deleted")
    forbid("access_event", update=True, message="the access log is append-only")


def downgrade() -> None:
    drop_guard("access_event", update=True)
    drop_guard("user_account", update=False)
    op.drop_column("audit_head", "database_id")
