"""Clock times become instants: doses, PK tubes and SAE awareness/report stored in UTC.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 19:00:00

Until now these were naive wall-clock times at the site. They are read as times in the site's
zone (the `time_zone` site setting; the workstation's zone when there is none, which is then
recorded as the setting so the meaning is fixed) and rewritten as UTC, the way `UtcDateTime`
stores every instant. A time in a spring-forward gap cannot have been on a clock: it is read
on the clock before the change. One in the autumn fold is its first occurrence.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

INSTANTS = (("visit_record", "dose_at"), ("pk_sample", "collected_at"),
            ("adverse_event", "aware_at"), ("adverse_event", "reported_at"))


def _site_zone(conn: sa.Connection) -> ZoneInfo:
    """The zone the stored wall-clock times were typed in; recorded as the site's setting
    (only when there are times to convert: a new database follows the workstation)."""
    name = conn.execute(sa.text("SELECT value FROM site_setting WHERE key = 'time_zone'")
                        ).scalar()
    if name is None:
        import tzlocal

        try:
            name = tzlocal.get_localzone_name() or "UTC"
            ZoneInfo(name)
        except Exception:
            name = "UTC"
        conn.execute(sa.text("INSERT INTO site_setting (key, value) VALUES ('time_zone', :v)"),
                     {"v": name})
    return ZoneInfo(name)


def _has_times(conn: sa.Connection) -> bool:
    return any(conn.execute(sa.text(f"SELECT 1 FROM {table} WHERE {column} IS NOT NULL "
                                    "LIMIT 1")).first() for table, column in INSTANTS)


def _as_datetime(value: object) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def upgrade() -> None:
    conn = op.get_bind()
    if not _has_times(conn):
        return
    zone = _site_zone(conn)
    from db import audit

    lines = []
    for table, column in INSTANTS:
        rows = conn.execute(sa.text(f"SELECT id, {column} FROM {table} "
                                    f"WHERE {column} IS NOT NULL")).all()
        for row_id, value in rows:
            typed = _as_datetime(value)
            moved = typed.replace(tzinfo=zone).astimezone(UTC)
            conn.execute(sa.text(f"UPDATE {table} SET {column} = :v WHERE id = :id"),
                         {"v": moved.replace(tzinfo=None), "id": row_id})
            lines.append(("update", table, str(row_id), column, typed, moved))
    # recorded in the trail, so that replaying it gives the rows as they now are
    audit.append(conn, "system", f"clock times stored as instants in {zone} (upgrade 0009)",
                 lines)


def downgrade() -> None:
    conn = op.get_bind()
    name = conn.execute(sa.text("SELECT value FROM site_setting WHERE key = 'time_zone'")
                        ).scalar() or "UTC"
    zone = ZoneInfo(name)
    for table, column in INSTANTS:
        rows = conn.execute(sa.text(f"SELECT id, {column} FROM {table} "
                                    f"WHERE {column} IS NOT NULL")).all()
        for row_id, value in rows:
            back = _as_datetime(value).replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
            conn.execute(sa.text(f"UPDATE {table} SET {column} = :v WHERE id = :id"),
                         {"v": back, "id": row_id})
