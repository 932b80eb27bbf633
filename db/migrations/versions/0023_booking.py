"""The appointment book: the site's chairs and rooms, its closures, and a booking's place
and nurse on the visit record.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 22:40:00

Chairs, rooms and closures are audited and never deleted (retired or withdrawn instead).
Opening hours and working days are site settings: no table.
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def _deleted() -> list[sa.Column[object]]:
    return [sa.Column('deleted_at', UtcDateTime(), nullable=True),
            sa.Column('deleted_by', sa.String(length=120), nullable=True),
            sa.Column('delete_reason', sa.Text(), nullable=True),
            sa.Column('version', sa.Integer(), server_default='1', nullable=False)]


def upgrade() -> None:
    op.create_table('site_resource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    *_deleted(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_resource'))
    )
    op.create_table('site_closure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    *_deleted(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_closure'))
    )
    op.create_index(op.f('ix_site_closure_day'), 'site_closure', ['day'], unique=False)
    with op.batch_alter_table('visit_record') as batch:
        batch.add_column(sa.Column('booked_place_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('booked_nurse', sa.String(length=64), nullable=True))
        batch.create_index(batch.f('ix_visit_record_booked_place_id'), ['booked_place_id'],
                           unique=False)
        batch.create_foreign_key(batch.f('fk_visit_record_booked_place_id_site_resource'),
                                 'site_resource', ['booked_place_id'], ['id'])
    for table in ("site_resource", "site_closure"):
        forbid(table, update=False, message="chairs, rooms and closures are never deleted")


def downgrade() -> None:
    for table in ("site_resource", "site_closure"):
        drop_guard(table, update=False)
    with op.batch_alter_table('visit_record') as batch:
        batch.drop_constraint(batch.f('fk_visit_record_booked_place_id_site_resource'),
                              type_='foreignkey')
        batch.drop_index(batch.f('ix_visit_record_booked_place_id'))
        batch.drop_column('booked_nurse')
        batch.drop_column('booked_place_id')
    op.drop_index(op.f('ix_site_closure_day'), table_name='site_closure')
    op.drop_table('site_closure')
    op.drop_table('site_resource')
