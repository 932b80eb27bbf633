"""Opening the site's database and checking its audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.infra.logs import logger
from app.rules.audit_key import check_key_imported, parse_audit_key
from app.rules.site_entry import IDLE_LOCK_RANGE, check_idle_lock
from app.services.errors import refuse_the_database
from db import Database, DatabaseRefused, open_database, pending
from db import audit as audit_trail
from db import backup as backups
from db.anchors import Anchored, folder_anchors, server_anchors
from db.engine import REBUILD_CALENDARS
from db.models import AuditEntry, AuditHead, Patient, SiteSetting
from db.places import make_private_folder
from db.restore import RestoreReport
from db.shared_reading import one_reading

BACKUP_KEEP = "backup_keep"
BACKUP_FOLDER = "backup_folder"  # Settings: where daily backups go

PG_DUMP_HELP = backups.PG_DUMP_HELP

__all__ = ["IDLE_LOCK_RANGE", "PG_DUMP_HELP", "Database", "DatabaseRefused", "Overview",
           "RestoreReport", "backup_now", "daily_backup",
           "finish_pending", "one_reading", "open_site_database", "overview", "restore_backup",
           "verify_audit_trail"]


def open_site_database(url: str | None = None, *, today: date | None = None) -> Database:
    """Open the database at `url` (or the default), refusing unusable ones untouched.

    Work a crash left unfinished (a calendar rebuild after an upgrade or an amendment) is
    finished first: derived data always follows the code and the protocol.
    """
    from sqlalchemy.orm import configure_mappers

    from app.infra.clock import Clock

    # the tables' mappers made ready now (SQLAlchemy would at the first query), while the
    # file's check begun at start-up (db/sqlite_file.py) may still be reading the file
    configure_mappers()
    db = open_database(url)
    try:
        finish_pending(db, today or Clock().today())
    except BaseException:
        db.close()
        raise
    return db


def finish_pending(db: Database, today: date) -> int:
    """Do the calendar rebuilds still noted as pending; returns how many calendars."""
    with db.core_reading() as conn:
        if not pending.outstanding(conn, REBUILD_CALENDARS):
            return 0
    # at start-up nobody is signed in yet: the upgrade's work, in its name
    actor = audit_trail.UPGRADE_ACTOR if db.actor == audit_trail.SYSTEM_ACTOR else None
    return _rebuild_noted(db, today, "calendar rebuilt after an upgrade", actor)


def rebuild_all(db: Database, today: date, *, reason: str = "calendar rebuilt") -> int:
    """Recompute every patient's stored calendar with the engine; returns how many.

    The rebuild is noted as pending before it starts and marked done at the end, so an
    interrupted rebuild is finished at the next start.
    """
    with db.core_writing() as conn:
        pending.note(conn, REBUILD_CALENDARS, reason)
    return _rebuild_noted(db, today, reason)


def _rebuild_noted(db: Database, today: date, reason: str, actor: str | None = None) -> int:
    """Every calendar rebuilt, then every rebuild still noted marked done (one covers all)."""
    from app.services.calendar import live, rebuild

    with db.core_reading() as conn:
        noted = pending.outstanding(conn, REBUILD_CALENDARS)
    with db.reading() as session:
        ids = list(session.scalars(select(Patient.id).where(live(Patient))))
    for pid in ids:
        with db.unit_of_work(reason=reason, actor=actor) as session:
            rebuild(session, pid, today)
    with db.core_writing() as conn:
        pending.mark_done(conn, noted)
    return len(ids)


def sqlite_file(db: Database) -> Path | None:
    """The database's file, or None for a server database."""
    if db.backend != "sqlite":
        return None
    name = db.engine.url.database
    return Path(name).expanduser() if name and name != ":memory:" else None


def backup_now(db: Database, target: Path | str) -> backups.BackupReport:
    """A verified copy of an SQLite database with its manifest (pg_dump for PostgreSQL)."""
    if db.guard is not None:
        db.guard("export")
    path = sqlite_file(db)
    if path is None:
        raise DatabaseRefused(backups.PG_DUMP_HELP)
    report = backups.make_backup(path, Path(target), actor=db.actor,
                                 anchor_folder=daily_folder(db, path))
    logger("backup").info("backup by %s written to %s", db.actor, target)
    return report


def holds(patients: int, entries: int) -> str:
    """'12 patients and 3,456 audit entries', said right for one."""
    return (f"{patients} patient{'' if patients == 1 else 's'} and {entries:,} audit "
            f"entr{'y' if entries == 1 else 'ies'}")


def suggested_backup(db: Database, today: date) -> Path | None:
    """Where a backup made by hand goes by default: the database's backups folder (made,
    owner-only, if new, so the file dialog can open in it)."""
    path = sqlite_file(db)
    if path is None:
        return None
    folder = backups.backup_folder(path)
    make_private_folder(folder)
    return folder / f"{path.stem}-{today:%Y-%m-%d}.sqlite"


def keep_setting(db: Database) -> int:
    """How many daily backups to keep (site setting `backup_keep`)."""
    with db.reading(purpose=None) as session:
        setting = session.get(SiteSetting, BACKUP_KEEP)
    try:
        return max(1, int(setting.value)) if setting else backups.DEFAULT_KEEP
    except ValueError:
        return backups.DEFAULT_KEEP


def backup_folder_setting(db: Database) -> Path | None:
    """Where the daily backups go when the site chose a folder (None: beside the database)."""
    with db.reading(purpose=None) as session:
        chosen = session.get(SiteSetting, BACKUP_FOLDER)
    return Path(chosen.value) if chosen and chosen.value else None


def daily_folder(db: Database, path: Path) -> Path:
    """Where the daily backups (and the chain's anchors beside them) are kept."""
    return backup_folder_setting(db) or backups.backup_folder(path)


def set_backup_keep(db: Database, keep: int) -> None:
    with db.unit_of_work(reason="backup setting", purpose="settings") as session:
        setting = session.get(SiteSetting, BACKUP_KEEP)
        if setting is None:
            session.add(SiteSetting(key=BACKUP_KEEP, value=str(keep)))
        else:
            setting.value = str(keep)


def daily_backup(db: Database) -> backups.BackupReport | None:
    """Today's automatic backup of an SQLite database, if not made yet; old ones rotated."""
    path = sqlite_file(db)
    if path is None:
        return None
    report = backups.daily_backup(path, keep_setting(db), actor=db.actor,
                                  folder=backup_folder_setting(db))
    if report is not None:
        logger("backup").info("daily backup written")
    return report


def restore_backup(backup: Path | str, target: Path | str, *, without_manifest: bool = False
                   ) -> RestoreReport:
    """Restore into a new file after checking the backup itself: what it holds, what was
    checked, and the warning of a backup restored without its manifest."""
    from db.restore import restore

    report = restore(Path(backup), Path(target), without_manifest=without_manifest)
    logger("backup").info("backup restored into a new file%s",
                          " WITHOUT its manifest" if report.warning else "")
    return report


def verify_audit_trail(db: Database) -> audit_trail.ChainReport:
    """The chain entry by entry, then every clinical row against the state the trail gives
    it (a row changed, added or hidden behind the app's back is named), and every
    signature against the content it signed (a signature so broken is named too)."""
    from dataclasses import replace

    from app.services.signatures import broken_signatures
    from db.replay import replay

    with db.reading(purpose="audit") as session:
        report = audit_trail.verify(session, anchors=_anchors_elsewhere(db, session))
        if not report.intact:
            return report
        mismatches = [str(m) for m in replay(session)] + broken_signatures(session)
    if mismatches:
        return replace(report, intact=False, problem=mismatches[0],
                       mismatches=tuple(mismatches))
    return report


def _anchors_elsewhere(db: Database, session: Session) -> list[Anchored]:
    """The chain's anchors kept outside it: the server's table (PostgreSQL), the backups'
    manifests and anchors file in the daily backups' folder (SQLite). This computer's own
    anchor is read by audit.verify itself."""
    found = server_anchors(session)
    path = sqlite_file(db)
    database_id = session.scalar(select(AuditHead.database_id))
    if path is not None and database_id is not None:
        folders = [backups.backup_folder(path)]
        chosen = session.get(SiteSetting, BACKUP_FOLDER)
        if chosen is not None and chosen.value:
            folders.append(Path(chosen.value))
        found += folder_anchors(folders, database_id)
    return found


@dataclass(frozen=True)
class Overview:
    """What the first screen needs to know about the site's data."""

    patients: int
    audit_entries: int


def overview(db: Database) -> Overview:
    with db.reading(purpose=None) as session:
        patients = session.scalar(
            select(func.count()).select_from(Patient).where(Patient.deleted_at.is_(None))
        )
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    return Overview(patients=patients or 0, audit_entries=entries or 0)


def export_audit_key(db: Database, path: Path | str) -> str:
    """Write this database's audit key to an owner-only file (administrators), for the other
    workstations of a shared database; returns the database's identity."""
    import json
    import os

    if db.guard is not None:
        db.guard("accounts")
    with db.core_reading() as conn:
        database_id, key = audit_trail.chain_key(conn)
    if database_id is None or key is None:
        raise NotFound("file", "This database's audit trail has no key yet")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"database_id": database_id, "key": key.hex()}, fh)
    return database_id


def import_audit_key(db: Database, path: Path | str) -> str:
    """Install the key exported on another workstation, after checking that it is this
    database's and that the chain verifies under it."""
    from db import keys
    from db.models import AuditHead

    if db.guard is not None:
        db.guard("accounts")
    refuse_the_database(path)
    database_id, key = parse_audit_key(path, lambda: Path(path).read_text(encoding="utf-8"))
    with db.core_reading() as conn:
        mine = conn.execute(select(AuditHead.database_id)).scalar()
    check_key_imported(path, database_id, mine)
    keys.store_key(database_id, key)
    audit_trail._KEYS.pop(database_id, None)
    report = verify_audit_trail(db)
    check_key_imported(path, database_id, mine, report.intact, report.message)
    return database_id


def data_version(db: Database) -> int:
    """A number that grows with every change to audited data (the audit chain's length):
    what a screen's derived pictures are cached by, so that they are drawn again only
    when something they show may have changed."""
    with db.reading(purpose=None) as session:
        return session.scalar(select(AuditHead.seq).where(
            AuditHead.id == audit_trail.HEAD_ID)) or 0


IDLE_LOCK = "idle_lock_minutes"
IDLE_LOCK_DEFAULT = 15


def idle_lock_minutes(db: Database) -> int:
    """After how many idle minutes the window locks (site setting, 2 to 60, default 15)."""
    with db.reading(purpose=None) as session:
        setting = session.get(SiteSetting, IDLE_LOCK)
    try:
        value = int(setting.value) if setting else IDLE_LOCK_DEFAULT
    except ValueError:
        return IDLE_LOCK_DEFAULT
    low, high = IDLE_LOCK_RANGE
    return min(max(value, low), high)


def set_idle_lock_minutes(db: Database, minutes: int, reason: str | None = None) -> None:
    check_idle_lock(minutes)
    with db.unit_of_work(reason=reason or "idle lock setting", purpose="settings") as session:
        setting = session.get(SiteSetting, IDLE_LOCK)
        if setting is None:
            session.add(SiteSetting(key=IDLE_LOCK, value=str(minutes)))
        else:
            setting.value = str(minutes)
