"""Queries: a monitor's question about a record (or one field of it) and the site's answer.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 18:40:00

Each step (opened, answered, closed, re-opened) updates the row, so the audit trail holds
who did it, when, and with what text; a query is never deleted.
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('data_query',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=16), nullable=False),
    sa.Column('ref', sa.String(length=32), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('opened_by', sa.String(length=120), nullable=False),
    sa.Column('opened_at', UtcDateTime(), nullable=False),
    sa.Column('answered_by', sa.String(length=120), nullable=True),
    sa.Column('answered_at', UtcDateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=120), nullable=True),
    sa.Column('closed_at', UtcDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'],
                            name=op.f('fk_data_query_patient_id_patient')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_query'))
    )
    op.create_index(op.f('ix_data_query_patient_id'), 'data_query', ['patient_id'],
                    unique=False)
    op.create_index(op.f('ix_data_query_state'), 'data_query', ['state'], unique=False)
    forbid("data_query", update=False, message="queries are never deleted")


def downgrade() -> None:
    drop_guard("data_query", update=False)
    op.drop_index(op.f('ix_data_query_state'), table_name='data_query')
    op.drop_index(op.f('ix_data_query_patient_id'), table_name='data_query')
    op.drop_table('data_query')
