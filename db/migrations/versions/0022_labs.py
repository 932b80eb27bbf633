"""Laboratory results (issue 36): reference ranges, results per sample held for review,
the files imported and the sites' column mappings. Audited and never deleted.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 23:00:00
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

TABLES = ("lab_reference_range", "lab_import", "lab_result", "lab_mapping")


def _deleted() -> list[sa.Column[object]]:
    return [sa.Column('deleted_at', UtcDateTime(), nullable=True),
            sa.Column('deleted_by', sa.String(length=120), nullable=True),
            sa.Column('delete_reason', sa.Text(), nullable=True),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False)]


def upgrade() -> None:
    op.create_table('lab_reference_range',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab', sa.String(length=80), nullable=False),
    sa.Column('analyte', sa.String(length=16), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('lln', sa.String(length=32), nullable=True),
    sa.Column('uln', sa.String(length=32), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    *_deleted(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_reference_range'))
    )
    op.create_index(op.f('ix_lab_reference_range_lab'), 'lab_reference_range', ['lab'],
                    unique=False)
    op.create_table('lab_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('mapping', sa.String(length=80), nullable=True),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('imported_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_import')),
    sa.UniqueConstraint('sha256', name=op.f('uq_lab_import_sha256'))
    )
    op.create_table('lab_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('analyte', sa.String(length=16), nullable=False),
    sa.Column('lab', sa.String(length=80), nullable=False),
    sa.Column('sample_date', sa.Date(), nullable=False),
    sa.Column('sample_id', sa.String(length=40), nullable=True),
    sa.Column('value', sa.String(length=32), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('review_reason', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=64), nullable=True),
    sa.Column('reviewed_at', UtcDateTime(), nullable=True),
    sa.Column('ae_decision', sa.String(length=12), nullable=True),
    sa.Column('ae_reason', sa.Text(), nullable=True),
    sa.Column('ae_id', sa.Integer(), nullable=True),
    *_deleted(),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'],
                            name=op.f('fk_lab_result_patient_id_patient')),
    sa.ForeignKeyConstraint(['import_id'], ['lab_import.id'],
                            name=op.f('fk_lab_result_import_id_lab_import')),
    sa.ForeignKeyConstraint(['ae_id'], ['adverse_event.id'],
                            name=op.f('fk_lab_result_ae_id_adverse_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_result'))
    )
    op.create_index(op.f('ix_lab_result_patient_id'), 'lab_result', ['patient_id'], unique=False)
    op.create_index(op.f('ix_lab_result_status'), 'lab_result', ['status'], unique=False)
    op.create_index(op.f('ix_lab_result_import_id'), 'lab_result', ['import_id'], unique=False)
    op.create_index(op.f('ix_lab_result_ae_id'), 'lab_result', ['ae_id'], unique=False)
    op.create_table('lab_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('columns', sa.Text(), nullable=False),
    *_deleted(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_mapping')),
    sa.UniqueConstraint('name', name=op.f('uq_lab_mapping_name'))
    )
    for table in TABLES:
        forbid(table, update=False, message="lab records are never deleted")


def downgrade() -> None:
    for table in TABLES:
        drop_guard(table, update=False)
    op.drop_table('lab_mapping')
    for index in ('ae_id', 'import_id', 'status', 'patient_id'):
        op.drop_index(op.f(f'ix_lab_result_{index}'), table_name='lab_result')
    op.drop_table('lab_result')
    op.drop_table('lab_import')
    op.drop_index(op.f('ix_lab_reference_range_lab'), table_name='lab_reference_range')
    op.drop_table('lab_reference_range')
