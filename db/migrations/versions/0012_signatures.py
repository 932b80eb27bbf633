"""Investigators' e-signatures.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25 20:30:00
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('record_version', sa.Integer(), nullable=False),
    sa.Column('record_hash', sa.String(length=64), nullable=False),
    sa.Column('meaning', sa.String(length=16), nullable=False),
    sa.Column('signer', sa.String(length=64), nullable=False),
    sa.Column('printed_name', sa.String(length=120), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signature'))
    )
    op.create_index(op.f('ix_signature_record_id'), 'signature', ['record_id'], unique=False)
    forbid("signature", update=True, message="signatures are never changed nor deleted")


def downgrade() -> None:
    drop_guard("signature", update=True)
    op.drop_index(op.f('ix_signature_record_id'), table_name='signature')
    op.drop_table('signature')
