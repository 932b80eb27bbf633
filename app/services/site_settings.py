"""The site's settings, kept with the data so that every workstation shares them: the site's
name (on worksheets and exports), the idle lock, where daily backups go and how many are
kept. Audited like clinical data (they change what the data mean or how they are kept), and
changed only by a role that may change settings."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.errors import InvalidEntry
from app.exchange.ical import Reminder
from app.services.database import (
    BACKUP_FOLDER,
    BACKUP_KEEP,
    IDLE_LOCK,
    backup_folder_setting,
    check_idle_lock,
    idle_lock_minutes,
    keep_setting,
)
from app.services.worksheets import SITE_NAME_KEY, site_name
from db import Database
from db.models import SiteSetting

SITE_NUMBER = "site_number"
CALENDAR_REMINDER = "calendar_reminder"
KEEP_RANGE = (1, 365)


@dataclass(frozen=True)
class SiteSettings:
    site_name: str
    idle_lock_minutes: int
    backups_kept: int
    backup_folder: str  # "" : beside the database
    site_number: str = ""  # the sponsor's number for the site ("101")
    calendar_reminder: Reminder = Reminder.NONE  # the iCalendar's VALARM


def site_settings(db: Database) -> SiteSettings:
    with db.reading(purpose=None) as session:
        number = session.get(SiteSetting, SITE_NUMBER)
        reminder = session.get(SiteSetting, CALENDAR_REMINDER)
    folder = backup_folder_setting(db)
    return SiteSettings(site_name(db), idle_lock_minutes(db), keep_setting(db),
                        str(folder) if folder else "", number.value if number else "",
                        _reminder(reminder.value if reminder else ""))


def _reminder(stored: str) -> Reminder:
    try:
        return Reminder(stored)
    except ValueError:  # never set (or a word an older version wrote): none
        return Reminder.NONE


def check_backup_folder(text: str) -> str:
    """An absolute folder the app can create and write in; "" for the default."""
    text = text.strip()
    if not text:
        return ""
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        raise InvalidEntry("backup_folder", "Give the backup folder's full path, not '{text}'",
                                            text=text)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".sitetrack-write-check-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InvalidEntry("backup_folder", "Backups cannot be written in {folder}: {problem}. "
                                            "Choose a folder you can write in",
                                            folder=folder, problem=exc.strerror or exc) from None
    return str(folder)


def save_site_settings(db: Database, new: SiteSettings, reason: str | None = None) -> None:
    """Check every value first, then save what changed in one transaction."""
    name = " ".join(new.site_name.split())
    if len(name) > 120:
        raise InvalidEntry("site_name", "The site's name is at most 120 characters")
    number = new.site_number.strip()
    if not re.fullmatch(r"[A-Za-z0-9-]{0,10}", number):
        raise InvalidEntry("site_number", "The site number is up to 10 letters or digits, not "
                                          "'{number}'",
                                          number=number)
    check_idle_lock(new.idle_lock_minutes)
    if not KEEP_RANGE[0] <= new.backups_kept <= KEEP_RANGE[1]:
        raise InvalidEntry("backups_kept", "Keep {fewest} to {most} daily backups, not "
                                           "{backups_kept}",
                                           fewest=KEEP_RANGE[0], most=KEEP_RANGE[1],
                                           backups_kept=new.backups_kept)
    folder = check_backup_folder(new.backup_folder)
    values = {SITE_NAME_KEY: name, IDLE_LOCK: str(new.idle_lock_minutes),
              BACKUP_KEEP: str(new.backups_kept), BACKUP_FOLDER: folder, SITE_NUMBER: number,
              CALENDAR_REMINDER: Reminder(new.calendar_reminder).value}
    with db.unit_of_work(reason=reason or "site settings", purpose="settings") as session:
        for key, value in values.items():
            row = session.get(SiteSetting, key)
            if row is None:
                if value:
                    session.add(SiteSetting(key=key, value=value))
            elif row.value != value:
                row.value = value


__all__ = ["BACKUP_FOLDER", "CALENDAR_REMINDER", "SiteSettings", "check_backup_folder",
           "save_site_settings", "site_settings"]
