"""Patients, never hard-deleted.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.String(length=32), nullable=False),
        sa.Column("initials", sa.String(length=4), nullable=False),
        sa.Column("year_of_birth", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("dose_level", sa.String(length=32), nullable=True),
        sa.Column("cohort", sa.String(length=32), nullable=True),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("screening_date", sa.Date(), nullable=True),
        sa.Column("planned_first_dose", sa.Date(), nullable=True),
        sa.Column("screen_fail_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.Column("delete_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
        sa.UniqueConstraint("subject_id", name=op.f("uq_patient_subject_id")),
    )
    forbid("patient", update=False, message="clinical records are never deleted")


def downgrade() -> None:
    drop_guard("patient", update=False)
    op.drop_table("patient")
