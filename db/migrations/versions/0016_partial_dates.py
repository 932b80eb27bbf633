"""Partial dates: an AE's onset and end, and a death, as entered when the day (or the month)
is unknown ("UN-JAN-2026", "UN-UNK-2026").

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-26 02:50:00

The date columns keep the imputed date every rule reads; these keep what was entered, so
that screens and exports show the partial date and never a made-up day.
"""

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

COLUMNS = (("adverse_event", "onset_partial"), ("adverse_event", "end_partial"),
           ("patient", "death_partial"))


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, sa.Column(column, sa.String(length=11), nullable=True))


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
