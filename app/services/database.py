"""Opening the site's database and checking its audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from db import Database, DatabaseRefused, open_database
from db import audit as audit_trail
from db.models import Patient

__all__ = ["Database", "DatabaseRefused", "Overview", "open_site_database", "overview",
           "verify_audit_trail"]


def open_site_database(url: str | None = None) -> Database:
    """Open the database at `url` (or the default), refusing unusable ones untouched.

    After a schema upgrade the stored calendars are rebuilt: derived data follows the code.
    """
    db = open_database(url)
    if db.backup_path is not None:
        from datetime import date

        from app.protocol import default_protocol

        rebuild_all(db, default_protocol(), date.today())
    return db


def rebuild_all(db: Database, protocol, today) -> int:  # type: ignore[no-untyped-def]
    """Recompute every patient's stored calendar with the engine; returns how many."""
    from app.services.calendar import live, rebuild

    with db.reading() as session:
        ids = list(session.scalars(select(Patient.id).where(live(Patient))))
    for pid in ids:
        with db.unit_of_work(reason="calendar rebuilt after an upgrade") as session:
            rebuild(session, pid, protocol, today)
    return len(ids)


def verify_audit_trail(db: Database) -> audit_trail.ChainReport:
    with db.reading() as session:
        return audit_trail.verify(session)


@dataclass(frozen=True)
class Overview:
    """What the first screen needs to know about the site's data."""

    patients: int
    audit_entries: int


def overview(db: Database) -> Overview:
    with db.reading() as session:
        patients = session.scalar(
            select(func.count()).select_from(Patient).where(Patient.deleted_at.is_(None))
        )
        entries = session.scalar(select(func.count()).select_from(audit_trail.AuditEntry))
    return Overview(patients=patients or 0, audit_entries=entries or 0)
