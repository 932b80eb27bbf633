"""The site's review of each deviation: important or not, its category, a comment.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26 00:30:00

Deviations are derived from the data, never stored; what the site adds to one (reviewed,
important, category, comment) is this table's, audited, and never deleted.
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deviation_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('important', sa.Boolean(), nullable=False),
    sa.Column('category', sa.String(length=80), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=120), nullable=False),
    sa.Column('reviewed_at', UtcDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'],
                            name=op.f('fk_deviation_review_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deviation_review')),
    sa.UniqueConstraint('study_id', 'key', name=op.f('uq_deviation_review_study_id'))
    )
    op.create_index(op.f('ix_deviation_review_study_id'), 'deviation_review', ['study_id'],
                    unique=False)
    forbid("deviation_review", update=False, message="deviation reviews are never deleted")


def downgrade() -> None:
    drop_guard("deviation_review", update=False)
    op.drop_index(op.f('ix_deviation_review_study_id'), table_name='deviation_review')
    op.drop_table('deviation_review')
