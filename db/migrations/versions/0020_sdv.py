"""The monitor's own records: source-data verification marks, the audit-trail review's
marks, and signed monitoring visit reports.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 18:40:00

Verification marks and signed reports are append-only (never updated nor deleted); a review
mark's comment may be changed (audited, with a reason) but the mark is never deleted.
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sdv_mark',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('patient_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('target', sa.String(length=32), nullable=False),
        sa.Column('fields', sa.Text(), nullable=True),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('verified_by', sa.String(length=120), nullable=False),
        sa.Column('verified_at', UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['patient_id'], ['patient.id'],
                                name=op.f('fk_sdv_mark_patient_id_patient')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sdv_mark')))
    op.create_index(op.f('ix_sdv_mark_patient_id'), 'sdv_mark', ['patient_id'], unique=False)
    forbid("sdv_mark", update=True, message="verification marks are never changed or deleted")
    op.create_table(
        'audit_review_mark',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('reviewed_by', sa.String(length=120), nullable=False),
        sa.Column('reviewed_at', UtcDateTime(), nullable=False),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_review_mark')),
        sa.UniqueConstraint('key', name=op.f('uq_audit_review_mark_key')))
    forbid("audit_review_mark", update=False, message="audit review marks are never deleted")
    op.create_table(
        'monitor_report',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('study_id', sa.Integer(), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('made_by', sa.String(length=120), nullable=False),
        sa.Column('made_at', UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['study_id'], ['study.id'],
                                name=op.f('fk_monitor_report_study_id_study')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_monitor_report')))
    op.create_index(op.f('ix_monitor_report_study_id'), 'monitor_report', ['study_id'],
                    unique=False)
    forbid("monitor_report", update=True, message="signed reports are never changed or deleted")


def downgrade() -> None:
    drop_guard("monitor_report", update=True)
    op.drop_index(op.f('ix_monitor_report_study_id'), table_name='monitor_report')
    op.drop_table('monitor_report')
    drop_guard("audit_review_mark", update=False)
    op.drop_table('audit_review_mark')
    drop_guard("sdv_mark", update=True)
    op.drop_index(op.f('ix_sdv_mark_patient_id'), table_name='sdv_mark')
    op.drop_table('sdv_mark')
