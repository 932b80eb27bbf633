"""Many studies in one site database: studies, protocol versions, re-consents, members.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25 21:20:00

The study that shipped before (IMP7068-101, the app's own protocol file, kept whole in the
database from now on) becomes study 1, version 1 in force from the start, and every patient
already on record belongs to it. Subject IDs become unique within their study: on SQLite the
patient table is copied (batch mode) with its foreign keys checked at commit, and its
never-delete guard, dropped with the old table, is put back.
"""

import hashlib
import tomllib
from datetime import UTC, datetime
from importlib.resources import files

import sqlalchemy as sa
from alembic import op

from db import audit
from db.migrations.guards import drop_guard, forbid
from db.types import UtcDateTime

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

SHIPPED = "imp7068.toml"
UPGRADE = "schema upgrade 0013: studies as data; the patients on record are in study 1"


def upgrade() -> None:
    op.create_table('study',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('added_at', UtcDateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
              nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study')),
    sa.UniqueConstraint('code', name=op.f('uq_study_code'))
    )
    op.create_table('protocol_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=False),
    sa.Column('effective', sa.Date(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('added_at', UtcDateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
              nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'],
                            name=op.f('fk_protocol_version_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_protocol_version')),
    sa.UniqueConstraint('study_id', 'sha256', name=op.f('uq_protocol_version_study_id'))
    )
    op.create_index(op.f('ix_protocol_version_study_id'), 'protocol_version', ['study_id'],
                    unique=False)
    _shipped_study()

    op.create_table('reconsent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('protocol_version_id', sa.Integer(), nullable=False),
    sa.Column('consent_date', sa.Date(), nullable=False),
    sa.Column('deleted_at', UtcDateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'],
                            name=op.f('fk_reconsent_patient_id_patient')),
    sa.ForeignKeyConstraint(['protocol_version_id'], ['protocol_version.id'],
                            name=op.f('fk_reconsent_protocol_version_id_protocol_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reconsent')),
    sa.UniqueConstraint('patient_id', 'protocol_version_id',
                        name=op.f('uq_reconsent_patient_id'))
    )
    op.create_index(op.f('ix_reconsent_patient_id'), 'reconsent', ['patient_id'], unique=False)
    op.create_index(op.f('ix_reconsent_protocol_version_id'), 'reconsent',
                    ['protocol_version_id'], unique=False)
    op.create_table('study_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('study_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('deleted_at', UtcDateTime(), nullable=True),
    sa.Column('deleted_by', sa.String(length=120), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'],
                            name=op.f('fk_study_member_study_id_study')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study_member')),
    sa.UniqueConstraint('account', 'study_id', name=op.f('uq_study_member_account'))
    )
    op.create_index(op.f('ix_study_member_account'), 'study_member', ['account'],
                    unique=False)
    op.create_index(op.f('ix_study_member_study_id'), 'study_member', ['study_id'],
                    unique=False)
    for table in ("study", "protocol_version", "reconsent", "study_member"):
        forbid(table, update=False, message="study records are never deleted")
    op.add_column('calendar_visit', sa.Column('protocol_version', sa.String(length=40),
                                              nullable=True))
    _patients_in_studies()


def _shipped_study() -> None:
    """Study 1: the protocol file the app shipped, kept whole, in force from the start;
    both rows enter the audit trail as the upgrade's own work."""
    raw = files("resources.protocols").joinpath(SHIPPED).read_bytes()
    study = tomllib.loads(raw.decode("utf-8"))["study"]
    now = datetime.now(UTC)
    row = {"id": 1, "code": study["code"], "title": study.get("title", study["code"]),
           "added_at": now}
    version = {"id": 1, "study_id": 1, "label": study.get("version", "Original"),
               "sha256": hashlib.sha256(raw).hexdigest(), "file_name": SHIPPED,
               "content": raw.decode("utf-8"), "added_at": now}
    op.bulk_insert(sa.table('study', sa.column('id', sa.Integer), sa.column('code', sa.String),
                            sa.column('title', sa.Text), sa.column('added_at', UtcDateTime)),
                   [row])
    op.bulk_insert(sa.table('protocol_version', sa.column('id', sa.Integer),
                            sa.column('study_id', sa.Integer), sa.column('label', sa.String),
                            sa.column('sha256', sa.String), sa.column('file_name', sa.String),
                            sa.column('content', sa.Text), sa.column('added_at', UtcDateTime)),
                   [version])
    audit.append(op.get_bind(), audit.UPGRADE_ACTOR, UPGRADE, [
        *(("insert", "study", "1", k, None, v) for k, v in row.items()),
        *(("insert", "protocol_version", "1", k, None, v) for k, v in version.items())])
    if op.get_bind().dialect.name == "postgresql":
        for table in ("study", "protocol_version"):
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"(SELECT max(id) FROM {table}))")


def _patients_in_studies() -> None:
    # on SQLite the copy drops and renames the patient table: db.migrate runs migrations
    # with foreign keys off and checks every reference before the commit
    drop_guard("patient", update=False)
    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.add_column(sa.Column('study_id', sa.Integer(), nullable=True))
    conn = op.get_bind()
    ids = conn.execute(sa.text("SELECT id FROM patient ORDER BY id")).scalars().all()
    op.execute("UPDATE patient SET study_id = 1")
    audit.append(conn, audit.UPGRADE_ACTOR, UPGRADE,
                 [("update", "patient", str(i), "study_id", None, 1) for i in ids])
    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.alter_column('study_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint('uq_patient_subject_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_patient_study_id'),
                                          ['study_id', 'subject_id'])
        batch_op.create_index(batch_op.f('ix_patient_study_id'), ['study_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_patient_study_id_study'), 'study',
                                    ['study_id'], ['id'])
    forbid("patient", update=False, message="clinical records are never deleted")


def downgrade() -> None:  # pragma: no cover - the app only upgrades
    raise NotImplementedError("Site Tracker databases are only upgraded")
