"""Tumour assessments and lesion measurements (RECIST 1.1); never hard-deleted.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 11:07:29.052012
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tumour_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('visit_code', sa.String(length=16), nullable=True),
    sa.Column('scan_date', sa.Date(), nullable=False),
    sa.Column('modality', sa.String(length=16), nullable=True),
    sa.Column('baseline', sa.Boolean(), nullable=False),
    sa.Column('new_lesion', sa.Boolean(), nullable=False),
    sa.Column('overall', sa.String(length=4), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_tumour_assessment_patient_id_patient')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tumour_assessment')),
    sa.UniqueConstraint('patient_id', 'scan_date', name=op.f('uq_tumour_assessment_patient_id'))
    )
    with op.batch_alter_table('tumour_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tumour_assessment_patient_id'), ['patient_id'], unique=False)

    op.create_table('lesion_measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('lesion_id', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('organ', sa.String(length=60), nullable=True),
    sa.Column('nodal', sa.Boolean(), nullable=False),
    sa.Column('tenths_mm', sa.Integer(), nullable=True),
    sa.Column('too_small', sa.Boolean(), nullable=False),
    sa.Column('not_assessed', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['tumour_assessment.id'], name=op.f('fk_lesion_measurement_assessment_id_tumour_assessment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesion_measurement'))
    )
    with op.batch_alter_table('lesion_measurement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lesion_measurement_assessment_id'), ['assessment_id'], unique=False)

    forbid("tumour_assessment", update=False, message="clinical records are never deleted")
    forbid("lesion_measurement", update=False, message="clinical records are never deleted")


def downgrade() -> None:
    drop_guard("lesion_measurement", update=False)
    drop_guard("tumour_assessment", update=False)
    with op.batch_alter_table('lesion_measurement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lesion_measurement_assessment_id'))

    op.drop_table('lesion_measurement')
    with op.batch_alter_table('tumour_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tumour_assessment_patient_id'))

    op.drop_table('tumour_assessment')
