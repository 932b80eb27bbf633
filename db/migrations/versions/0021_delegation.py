"""The delegation of authority log and training records; per-study delegation settings.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 18:40:00

Every study starts with `delegation_enforced` off: its log is filled in first (who does
what, approved by the PI), then an administrator turns enforcement on. Delegations and
training records are audited and never deleted (ended or withdrawn instead).
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

UPGRADE = "schema upgrade 0019: the delegation log's settings of each study"

def _deleted() -> list[sa.Column[object]]:
    return [sa.Column('deleted_at', UtcDateTime(), nullable=True),
            sa.Column('deleted_by', sa.String(length=120), nullable=True),
            sa.Column('delete_reason', sa.Text(), nullable=True),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False)]


def upgrade() -> None:
    with op.batch_alter_table('study') as batch:
        batch.add_column(sa.Column('delegation_enforced', sa.Boolean(),
                                   server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column('training_rule', sa.String(length=8),
                                   server_default='warn', nullable=False))
        batch.add_column(sa.Column('principal_investigator', sa.String(length=64),
                                   nullable=True))
    _into_the_trail()
    op.create_table('delegation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('task', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('approved_name', sa.String(length=120), nullable=True),
    sa.Column('approved_at', UtcDateTime(), nullable=True),
    *_deleted(),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'],
                            name=op.f('fk_delegation_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegation'))
    )
    op.create_index(op.f('ix_delegation_study_id'), 'delegation', ['study_id'], unique=False)
    op.create_index(op.f('ix_delegation_account'), 'delegation', ['account'], unique=False)
    op.create_table('training_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=True),
    sa.Column('protocol_version', sa.String(length=40), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    *_deleted(),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'],
                            name=op.f('fk_training_record_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_record'))
    )
    op.create_index(op.f('ix_training_record_account'), 'training_record', ['account'],
                    unique=False)
    op.create_index(op.f('ix_training_record_study_id'), 'training_record', ['study_id'],
                    unique=False)
    for table in ("delegation", "training_record"):
        forbid(table, update=False, message="delegation records are never deleted")


def _into_the_trail() -> None:
    """The studies' new settings enter the audit trail as the upgrade's own work."""
    from db import audit

    conn = op.get_bind()
    studies = sa.table("study", sa.column("id", sa.Integer))
    lines = [("update", "study", str(sid), field, None, value)
             for sid in conn.scalars(sa.select(studies.c.id).order_by(studies.c.id))
             for field, value in (("delegation_enforced", False), ("training_rule", "warn"))]
    audit.append(conn, audit.UPGRADE_ACTOR, UPGRADE, lines)


def downgrade() -> None:
    for table in ("delegation", "training_record"):
        drop_guard(table, update=False)
    op.drop_index(op.f('ix_training_record_study_id'), table_name='training_record')
    op.drop_index(op.f('ix_training_record_account'), table_name='training_record')
    op.drop_table('training_record')
    op.drop_index(op.f('ix_delegation_account'), table_name='delegation')
    op.drop_index(op.f('ix_delegation_study_id'), table_name='delegation')
    op.drop_table('delegation')
    with op.batch_alter_table('study') as batch:
        batch.drop_column('principal_investigator')
        batch.drop_column('training_rule')
        batch.drop_column('delegation_enforced')
