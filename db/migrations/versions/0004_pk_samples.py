"""PK samples, and the dose time PK counts from.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 10:46:48.505479
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pk_sample',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('visit_code', sa.String(length=16), nullable=False),
    sa.Column('timepoint', sa.String(length=16), nullable=False),
    sa.Column('sample_id', sa.String(length=80), nullable=False),
    sa.Column('collected_at', sa.DateTime(), nullable=True),
    sa.Column('not_collected_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_pk_sample_patient_id_patient')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pk_sample')),
    sa.UniqueConstraint('patient_id', 'visit_code', 'timepoint', name=op.f('uq_pk_sample_patient_id')),
    sa.UniqueConstraint('sample_id', name=op.f('uq_pk_sample_sample_id'))
    )
    with op.batch_alter_table('pk_sample', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pk_sample_patient_id'), ['patient_id'], unique=False)

    with op.batch_alter_table('visit_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dose_at', sa.DateTime(), nullable=True))

    forbid("pk_sample", update=False, message="clinical records are never deleted")


def downgrade() -> None:
    drop_guard("pk_sample", update=False)
    with op.batch_alter_table('visit_record', schema=None) as batch_op:
        batch_op.drop_column('dose_at')

    with op.batch_alter_table('pk_sample', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pk_sample_patient_id'))

    op.drop_table('pk_sample')
