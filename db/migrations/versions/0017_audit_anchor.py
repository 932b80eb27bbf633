"""The audit chain's anchor on the server: the head as each write committed it.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 16:00:00

Append-only like the trail (the database refuses UPDATE and DELETE; the app role is given
INSERT and SELECT only, db/pg_roles.py), so a trail cut short or rewritten by whoever holds
the app role's password no longer reaches the heads the server recorded. Filled on
PostgreSQL; an SQLite file keeps its anchors outside itself (backups, this computer).
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchor")),
    )
    op.create_index(op.f("ix_audit_anchor_seq"), "audit_anchor", ["seq"])
    forbid("audit_anchor", update=True, message="the audit anchors are append-only")


def downgrade() -> None:
    drop_guard("audit_anchor", update=True)
    op.drop_index(op.f("ix_audit_anchor_seq"), table_name="audit_anchor")
    op.drop_table("audit_anchor")
