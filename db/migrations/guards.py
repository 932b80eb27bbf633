"""Database-side guards that migrations install: append-only and never-delete tables.

Kept here so every migration states them the same way on SQLite and PostgreSQL.
"""

from alembic import op


def forbid(table: str, *, update: bool, message: str) -> None:
    """Abort DELETE (and UPDATE when asked) of `table`, in the database itself."""
    dialect = op.get_bind().dialect.name
    events = ["DELETE"] + (["UPDATE"] if update else [])
    if dialect == "sqlite":
        for ev in events:
            op.execute(
                f"CREATE TRIGGER {table}_no_{ev.lower()} BEFORE {ev} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_guard() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_guard BEFORE {' OR '.join(events)} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_guard()"
        )
    else:  # pragma: no cover - only the two supported backends reach here
        raise RuntimeError(f"no audit guard for the {dialect} dialect")


def drop_guard(table: str, *, update: bool) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for ev in ["delete"] + (["update"] if update else []):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{ev}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_guard ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_guard()")
