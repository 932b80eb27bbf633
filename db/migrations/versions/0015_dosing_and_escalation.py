"""Dosing and dose escalation: cohort slots, dose modifications and holds, dispensing and
returns, the SMC's decisions, the investigator's DLT review.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26 02:40:00

All five are clinical records: audited, versioned, never deleted (the database refuses a
DELETE); the four a site can enter in error carry the soft-delete columns.
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

TABLES = ("cohort_slot", "dose_modification", "dispensing", "smc_decision", "dlt_review")


def _kept() -> list[sa.Column]:
    """Soft delete and version, as db.base's mixins declare them."""
    return [sa.Column('deleted_at', UtcDateTime(), nullable=True),
            sa.Column('deleted_by', sa.String(length=120), nullable=True),
            sa.Column('delete_reason', sa.Text(), nullable=True),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False)]


def _fk(table: str, column: str, other: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{other}.id'],
                                   name=op.f(f'fk_{table}_{column}_{other}'))


def upgrade() -> None:
    op.create_table('cohort_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('dose_level', sa.String(length=32), nullable=False),
    sa.Column('slots', sa.Integer(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=True),
    *_kept(),
    _fk('cohort_slot', 'study_id', 'study'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cohort_slot')))
    op.create_table('dose_modification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('from_level', sa.String(length=32), nullable=True),
    sa.Column('to_level', sa.String(length=32), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('ae_id', sa.Integer(), nullable=True),
    *_kept(),
    _fk('dose_modification', 'patient_id', 'patient'),
    _fk('dose_modification', 'ae_id', 'adverse_event'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dose_modification')))
    op.create_table('dispensing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('dispensed_on', sa.Date(), nullable=False),
    sa.Column('lot', sa.String(length=40), nullable=False),
    sa.Column('dispensed', sa.Integer(), nullable=False),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('returned', sa.Integer(), nullable=True),
    sa.Column('missed_doses', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    *_kept(),
    _fk('dispensing', 'patient_id', 'patient'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispensing')))
    op.create_table('smc_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('dose_level', sa.String(length=32), nullable=False),
    sa.Column('minutes_ref', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    *_kept(),
    _fk('smc_decision', 'study_id', 'study'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_smc_decision')))
    op.create_table('dlt_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('evaluable', sa.Boolean(), nullable=False),
    sa.Column('dlt', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=120), nullable=False),
    sa.Column('reviewed_at', UtcDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    _fk('dlt_review', 'patient_id', 'patient'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dlt_review')),
    sa.UniqueConstraint('patient_id', name=op.f('uq_dlt_review_patient_id')))
    for table, column in (("cohort_slot", "study_id"), ("dose_modification", "patient_id"),
                          ("dose_modification", "ae_id"), ("dispensing", "patient_id"),
                          ("smc_decision", "study_id"), ("dlt_review", "patient_id")):
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)
    for table in TABLES:
        forbid(table, update=False, message="clinical records are never deleted")


def downgrade() -> None:
    for table in reversed(TABLES):
        drop_guard(table, update=False)
        op.drop_table(table)
