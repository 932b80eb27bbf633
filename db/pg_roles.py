"""Two PostgreSQL roles for a shared database: an owner that migrates, an app role that works.

The app role owns no table, so it cannot drop the never-delete and append-only triggers nor
alter a table; it may read and write the clinical tables but never delete from them, and
may only add to the audit trail, the access log and the signatures (INSERT and SELECT, no
UPDATE nor DELETE). The one table whose rows it deletes is the derived calendar, which is
rebuilt whole at every change. Accounts it adds and reads, but changes only through the
owner's SECURITY DEFINER function that refuses a value the keyed audit trail has not just
recorded (db/accounts.py, migration 0018): a password hash, role or active flag written
with the app role's password is refused by the database itself. The owner runs
`sitetrack --db OWNER_URL pg-roles --app ROLE` after creating the database and after every upgrade.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from db.accounts import UPDATE_SIGNATURE

#: append-only: the app role adds rows and reads them, nothing else
APPEND_ONLY = ("audit_log", "access_event", "signature", "audit_anchor", "sdv_mark",
               "monitor_report")
#: derived, rebuilt whole: the app role deletes its rows
DERIVED = ("calendar_visit",)
#: the owner's: read only for the app role
READ_ONLY = ("alembic_version",)
#: added and read; changed only through the owner's functions (FUNCTIONS)
THROUGH_FUNCTIONS = ("user_account",)
#: the owner's SECURITY DEFINER functions the app role calls
FUNCTIONS = (UPDATE_SIGNATURE,)


def grant_statements(app_role: str, tables: list[str],
                     functions: tuple[str, ...] = ()) -> list[str]:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", app_role):
        raise ValueError(f"'{app_role}' is not a plain role name (lower-case letters, digits, "
                         "underscores)")
    out = [f"GRANT USAGE ON SCHEMA public TO {app_role}",
           f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app_role}",
           f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app_role}"]
    for table in sorted(tables):
        if table in APPEND_ONLY or table in READ_ONLY or table in THROUGH_FUNCTIONS:
            rights = "SELECT" if table in READ_ONLY else "SELECT, INSERT"
        elif table in DERIVED:
            rights = "SELECT, INSERT, UPDATE, DELETE"
        else:
            rights = "SELECT, INSERT, UPDATE"
        out.append(f"GRANT {rights} ON {table} TO {app_role}")
    out += [f"GRANT EXECUTE ON FUNCTION {f} TO {app_role}" for f in functions]
    return out


def grant_app_role(conn: Connection, app_role: str) -> list[str]:
    """Give `app_role` exactly its rights on every table (run as the owner); the statements
    run are returned, for the record."""
    tables = [r[0] for r in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))]
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                          {"r": app_role}).scalar()
    if not exists:
        raise ValueError(f"there is no PostgreSQL role {app_role}: create it first "
                         f"(CREATE ROLE {app_role} LOGIN PASSWORD '...')")
    present = tuple(f for f in FUNCTIONS if conn.execute(
        text("SELECT to_regprocedure(:f) IS NOT NULL"), {"f": f}).scalar())
    statements = grant_statements(app_role, tables, present)
    for statement in statements:
        conn.execute(text(statement))
    return statements
