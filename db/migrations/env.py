"""Alembic environment: always run from code (db.migrate) on a connection it is handed."""

from alembic import context

from db import models  # noqa: F401  (registers the tables on Base.metadata)
from db.base import Base

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
