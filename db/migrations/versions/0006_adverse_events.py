"""Adverse events and their grades over time; never hard-deleted.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 10:57:00.443048
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('adverse_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('verbatim', sa.Text(), nullable=False),
    sa.Column('meddra_code', sa.String(length=16), nullable=True),
    sa.Column('term', sa.String(length=200), nullable=True),
    sa.Column('soc', sa.String(length=120), nullable=True),
    sa.Column('other_specify', sa.Text(), nullable=True),
    sa.Column('onset_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('pre_existing', sa.Boolean(), nullable=False),
    sa.Column('worsened_on', sa.Date(), nullable=True),
    sa.Column('serious', sa.Boolean(), nullable=False),
    sa.Column('sae_criteria', sa.String(length=200), nullable=True),
    sa.Column('aware_at', sa.DateTime(), nullable=True),
    sa.Column('reported_at', sa.DateTime(), nullable=True),
    sa.Column('relationship', sa.String(length=16), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=True),
    sa.Column('outcome', sa.String(length=32), nullable=True),
    sa.Column('dlt', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_adverse_event_patient_id_patient')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adverse_event'))
    )
    with op.batch_alter_table('adverse_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adverse_event_onset_date'), ['onset_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_adverse_event_patient_id'), ['patient_id'], unique=False)

    op.create_table('ae_grade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ae_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['ae_id'], ['adverse_event.id'], name=op.f('fk_ae_grade_ae_id_adverse_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ae_grade'))
    )
    with op.batch_alter_table('ae_grade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ae_grade_ae_id'), ['ae_id'], unique=False)

    forbid("adverse_event", update=False, message="clinical records are never deleted")
    forbid("ae_grade", update=False, message="clinical records are never deleted")


def downgrade() -> None:
    drop_guard("ae_grade", update=False)
    drop_guard("adverse_event", update=False)
    with op.batch_alter_table('ae_grade', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ae_grade_ae_id'))

    op.drop_table('ae_grade')
    with op.batch_alter_table('adverse_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adverse_event_patient_id'))
        batch_op.drop_index(batch_op.f('ix_adverse_event_onset_date'))

    op.drop_table('adverse_event')
