"""PK specimens after the draw: the bench's spin and freeze times, aliquots, freezer boxes,
shipments to the central lab.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 22:40:00

Audited clinical records, never deleted.
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

TABLES = ("storage_box", "shipment", "aliquot")


def _kept() -> list[sa.Column[object]]:
    return [sa.Column('deleted_at', UtcDateTime(), nullable=True),
            sa.Column('deleted_by', sa.String(length=120), nullable=True),
            sa.Column('delete_reason', sa.Text(), nullable=True),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False)]


def upgrade() -> None:
    with op.batch_alter_table('pk_sample') as batch:
        batch.add_column(sa.Column('spun_at', UtcDateTime(), nullable=True))
        batch.add_column(sa.Column('frozen_at', UtcDateTime(), nullable=True))
    op.create_table('storage_box',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=False),
    sa.Column('freezer', sa.String(length=80), nullable=False),
    sa.Column('rack', sa.String(length=40), nullable=True),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('columns', sa.Integer(), nullable=False),
    *_kept(),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'],
                            name=op.f('fk_storage_box_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_storage_box')),
    sa.UniqueConstraint('label', name=op.f('uq_storage_box_label'))
    )
    op.create_index(op.f('ix_storage_box_study_id'), 'storage_box', ['study_id'])
    op.create_table('shipment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('courier', sa.String(length=80), nullable=False),
    sa.Column('tracking', sa.String(length=80), nullable=False),
    sa.Column('packed_at', UtcDateTime(), nullable=False),
    sa.Column('packed_by', sa.String(length=120), nullable=False),
    sa.Column('dispatched_at', UtcDateTime(), nullable=True),
    sa.Column('cancelled_at', UtcDateTime(), nullable=True),
    sa.Column('received_at', UtcDateTime(), nullable=True),
    sa.Column('unexpected', sa.Text(), nullable=True),
    *_kept(),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], name=op.f('fk_shipment_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment'))
    )
    op.create_index(op.f('ix_shipment_study_id'), 'shipment', ['study_id'])
    op.create_table('aliquot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pk_sample_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('aliquot_id', sa.String(length=96), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=False),
    sa.Column('volume_ml', sa.Float(), nullable=False),
    sa.Column('box_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=4), nullable=True),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('condition', sa.String(length=24), nullable=True),
    sa.Column('receipt_note', sa.Text(), nullable=True),
    *_kept(),
    sa.ForeignKeyConstraint(['pk_sample_id'], ['pk_sample.id'],
                            name=op.f('fk_aliquot_pk_sample_id_pk_sample')),
    sa.ForeignKeyConstraint(['box_id'], ['storage_box.id'],
                            name=op.f('fk_aliquot_box_id_storage_box')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'],
                            name=op.f('fk_aliquot_shipment_id_shipment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aliquot')),
    sa.UniqueConstraint('aliquot_id', name=op.f('uq_aliquot_aliquot_id')),
    sa.UniqueConstraint('pk_sample_id', 'number', name=op.f('uq_aliquot_pk_sample_id'))
    )
    op.create_index(op.f('ix_aliquot_pk_sample_id'), 'aliquot', ['pk_sample_id'])
    op.create_index(op.f('ix_aliquot_box_id'), 'aliquot', ['box_id'])
    op.create_index(op.f('ix_aliquot_shipment_id'), 'aliquot', ['shipment_id'])
    for table in TABLES:
        forbid(table, update=False, message="clinical records are never deleted")


def downgrade() -> None:
    for table in reversed(TABLES):
        drop_guard(table, update=False)
    op.drop_table('aliquot')
    op.drop_table('shipment')
    op.drop_table('storage_box')
    with op.batch_alter_table('pk_sample') as batch:
        batch.drop_column('frozen_at')
        batch.drop_column('spun_at')
