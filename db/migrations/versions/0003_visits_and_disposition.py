"""Visit records, survival contacts, disposition, and the stored calendar.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:22:18.780531
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.guards import drop_guard, forbid


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=True),
    sa.Column('target', sa.Date(), nullable=False),
    sa.Column('earliest', sa.Date(), nullable=False),
    sa.Column('latest', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('actual', sa.Date(), nullable=True),
    sa.Column('booked_date', sa.Date(), nullable=True),
    sa.Column('booked_time', sa.Time(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_calendar_visit_patient_id_patient')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_visit'))
    )
    with op.batch_alter_table('calendar_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_visit_latest'), ['latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_visit_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index('ix_calendar_visit_due', ['state', 'earliest', 'latest', 'patient_id', 'target', 'code', 'label', 'booked_date', 'booked_time'], unique=False)

    op.create_table('survival_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('visit_code', sa.String(length=16), nullable=True),
    sa.Column('contact_date', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('result', sa.String(length=16), nullable=False),
    sa.Column('death_date', sa.Date(), nullable=True),
    sa.Column('subsequent_therapy', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_survival_contact_patient_id_patient')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survival_contact'))
    )
    with op.batch_alter_table('survival_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survival_contact_patient_id'), ['patient_id'], unique=False)

    op.create_table('visit_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('unscheduled', sa.Boolean(), nullable=False),
    sa.Column('unscheduled_reason', sa.Text(), nullable=True),
    sa.Column('booked_date', sa.Date(), nullable=True),
    sa.Column('booked_time', sa.Time(), nullable=True),
    sa.Column('booking_reason', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=12), nullable=True),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.Column('actual_time', sa.Time(), nullable=True),
    sa.Column('missed_reason', sa.Text(), nullable=True),
    sa.Column('delay_days', sa.Integer(), nullable=True),
    sa.Column('delay_reason', sa.String(length=16), nullable=True),
    sa.Column('dose_level', sa.String(length=32), nullable=True),
    sa.Column('dose_action', sa.String(length=16), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_visit_record_patient_id_patient')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_record')),
    sa.UniqueConstraint('patient_id', 'code', name=op.f('uq_visit_record_patient_id'))
    )
    with op.batch_alter_table('visit_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_record_patient_id'), ['patient_id'], unique=False)

    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.add_column(sa.Column('screen_fail_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('last_dose_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('end_of_treatment_reason', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('progression_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('death_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('death_cause', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('lost_to_follow_up_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('new_therapy_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('new_therapy', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False,
                                      server_default='screening'))
        batch_op.add_column(sa.Column('next_visit_code', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('next_visit_date', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_patient_status'), ['status'], unique=False)

    forbid("visit_record", update=False, message="clinical records are never deleted")
    forbid("survival_contact", update=False, message="clinical records are never deleted")


def downgrade() -> None:
    drop_guard("survival_contact", update=False)
    drop_guard("visit_record", update=False)
    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patient_status'))
        batch_op.drop_column('next_visit_date')
        batch_op.drop_column('next_visit_code')
        batch_op.drop_column('status')
        batch_op.drop_column('new_therapy')
        batch_op.drop_column('new_therapy_date')
        batch_op.drop_column('lost_to_follow_up_date')
        batch_op.drop_column('withdrawal_date')
        batch_op.drop_column('death_cause')
        batch_op.drop_column('death_date')
        batch_op.drop_column('progression_date')
        batch_op.drop_column('end_of_treatment_reason')
        batch_op.drop_column('last_dose_date')
        batch_op.drop_column('screen_fail_date')

    with op.batch_alter_table('visit_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_record_patient_id'))

    op.drop_table('visit_record')
    with op.batch_alter_table('survival_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survival_contact_patient_id'))

    op.drop_table('survival_contact')
    with op.batch_alter_table('calendar_visit', schema=None) as batch_op:
        batch_op.drop_index('ix_calendar_visit_due')
        batch_op.drop_index(batch_op.f('ix_calendar_visit_patient_id'))
        batch_op.drop_index(batch_op.f('ix_calendar_visit_latest'))

    op.drop_table('calendar_visit')
