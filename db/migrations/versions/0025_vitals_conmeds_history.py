"""Vital signs and ECG readings per visit, concomitant medications, medical history.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 22:50:00

Clinical data: audited, never deleted (entered in error by marking).
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

TABLES = ("vital_sign", "con_med", "medical_history")


def _common() -> list[sa.Column[object]]:
    return [sa.Column('deleted_at', UtcDateTime(), nullable=True),
            sa.Column('deleted_by', sa.String(length=120), nullable=True),
            sa.Column('delete_reason', sa.Text(), nullable=True),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False)]


def _dates() -> list[sa.Column[object]]:
    return [sa.Column('start_date', sa.Date(), nullable=True),
            sa.Column('start_partial', sa.String(length=11), nullable=True),
            sa.Column('end_date', sa.Date(), nullable=True),
            sa.Column('end_partial', sa.String(length=11), nullable=True),
            sa.Column('ongoing', sa.Boolean(), nullable=False)]


def _table(name: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        *columns, *_common(),
        sa.ForeignKeyConstraint(['patient_id'], ['patient.id'],
                                name=op.f(f'fk_{name}_patient_id_patient')),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')))
    op.create_index(op.f(f'ix_{name}_patient_id'), name, ['patient_id'], unique=False)
    forbid(name, update=False, message="clinical records are never deleted")


def upgrade() -> None:
    _table('vital_sign',
           sa.Column('visit_code', sa.String(length=16), nullable=False),
           sa.Column('test', sa.String(length=16), nullable=False),
           sa.Column('value', sa.Float(), nullable=False),
           sa.Column('unit', sa.String(length=16), nullable=False),
           sa.Column('confirmed', sa.Boolean(), nullable=False))
    _table('con_med',
           sa.Column('drug', sa.String(length=200), nullable=False),
           sa.Column('dose', sa.Float(), nullable=True),
           sa.Column('unit', sa.String(length=20), nullable=True),
           sa.Column('route', sa.String(length=20), nullable=True),
           sa.Column('frequency', sa.String(length=20), nullable=True),
           sa.Column('indication', sa.Text(), nullable=False),
           *_dates())
    _table('medical_history',
           sa.Column('term', sa.String(length=200), nullable=False),
           sa.Column('meddra_code', sa.String(length=16), nullable=True),
           sa.Column('grade', sa.Integer(), nullable=True),
           *_dates(),
           sa.Column('comment', sa.Text(), nullable=True))


def downgrade() -> None:
    for name in reversed(TABLES):
        drop_guard(name, update=False)
        op.drop_index(op.f(f'ix_{name}_patient_id'), table_name=name)
        op.drop_table(name)
