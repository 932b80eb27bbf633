"""Alembic environment: always run from code (db.migrate) on a connection it is handed."""

from alembic import context

from db.base import Base
from db.tables import load_every_table

load_every_table()  # registers every table on Base.metadata

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
