"""The NCI CTCAE dictionary, as the site imports it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 10:54:20.367042
"""

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ctcae_term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meddra_code', sa.String(length=16), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('soc', sa.String(length=120), nullable=False),
    sa.Column('grade_1', sa.Text(), nullable=True),
    sa.Column('grade_2', sa.Text(), nullable=True),
    sa.Column('grade_3', sa.Text(), nullable=True),
    sa.Column('grade_4', sa.Text(), nullable=True),
    sa.Column('grade_5', sa.Text(), nullable=True),
    sa.Column('definition', sa.Text(), nullable=True),
    sa.Column('navigational_note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ctcae_term')),
    sa.UniqueConstraint('meddra_code', name=op.f('uq_ctcae_term_meddra_code')),
    sa.UniqueConstraint('term', name=op.f('uq_ctcae_term_term'))
    )
    with op.batch_alter_table('ctcae_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ctcae_term_soc'), ['soc'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('ctcae_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ctcae_term_soc'))

    op.drop_table('ctcae_term')
