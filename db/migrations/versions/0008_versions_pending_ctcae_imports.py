"""Row versions for edited records, pending work, CTCAE imports kept as versions.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 16:20:00

Columns are added with plain ALTER TABLE (no batch copy on SQLite), so the never-delete
triggers of the clinical tables stay as they are.
"""

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

VERSIONED = ("patient", "visit_record", "survival_contact", "pk_sample", "adverse_event",
             "ae_grade", "tumour_assessment", "lesion_measurement")


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default='1',
                                       nullable=False))
    op.create_table('ctcae_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('dictionary_version', sa.String(length=32), nullable=False),
    sa.Column('terms', sa.Integer(), nullable=False),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('changed', sa.Integer(), nullable=False),
    sa.Column('retired', sa.Integer(), nullable=False),
    sa.Column('replace', sa.Boolean(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ctcae_import'))
    )
    op.create_table('pending_work',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('noted_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_work'))
    )
    op.create_index(op.f('ix_pending_work_kind'), 'pending_work', ['kind'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its REFERENCES clause in place (no table copy)
        op.execute("ALTER TABLE ctcae_term ADD COLUMN import_id INTEGER "
                   "CONSTRAINT fk_ctcae_term_import_id_ctcae_import REFERENCES ctcae_import (id)")
        op.execute("ALTER TABLE ctcae_term ADD COLUMN retired_by INTEGER "
                   "CONSTRAINT fk_ctcae_term_retired_by_ctcae_import REFERENCES ctcae_import (id)")
    else:
        op.add_column('ctcae_term', sa.Column('import_id', sa.Integer(), nullable=True))
        op.add_column('ctcae_term', sa.Column('retired_by', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_ctcae_term_import_id_ctcae_import'), 'ctcae_term',
                              'ctcae_import', ['import_id'], ['id'])
        op.create_foreign_key(op.f('fk_ctcae_term_retired_by_ctcae_import'), 'ctcae_term',
                              'ctcae_import', ['retired_by'], ['id'])
    op.create_index(op.f('ix_ctcae_term_import_id'), 'ctcae_term', ['import_id'], unique=False)
    op.create_index(op.f('ix_ctcae_term_retired_by'), 'ctcae_term', ['retired_by'], unique=False)


def downgrade() -> None:  # pragma: no cover - the app only upgrades
    raise NotImplementedError("Site Tracker databases are only upgraded")
