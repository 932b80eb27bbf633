"""The site's settings, kept with the data so that every workstation shares them: the site's
name (on worksheets and exports), the idle lock, where daily backups go and how many are
kept. Audited like clinical data (they change what the data mean or how they are kept), and
changed only by a role that may change settings."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from app.exchange.ical import Reminder
from app.rules.site_entry import (
    KEEP_RANGE,
    backup_folder_of,
    check_backups_kept,
    check_idle_lock,
    check_site_country,
    check_site_name,
    check_site_number,
    check_writable,
)
from app.services.database import (
    BACKUP_FOLDER,
    BACKUP_KEEP,
    IDLE_LOCK,
    backup_folder_setting,
    idle_lock_minutes,
    keep_setting,
)
from app.services.exports import SITE_COUNTRY, SITE_NUMBER
from app.services.worksheets import SITE_NAME_KEY, site_name
from db import Database
from db.models import SiteSetting

CALENDAR_REMINDER = "calendar_reminder"


@dataclass(frozen=True)
class SiteSettings:
    site_name: str
    idle_lock_minutes: int
    backups_kept: int
    backup_folder: str  # "" : beside the database
    site_number: str = ""  # the sponsor's number for the site ("101")
    calendar_reminder: Reminder = Reminder.NONE  # the iCalendar's VALARM
    country: str = ""  # ISO 3166-1 alpha-3 ("FRA"): SDTM's DM.COUNTRY


def site_settings(db: Database) -> SiteSettings:
    with db.reading(purpose=None) as session:
        number = session.get(SiteSetting, SITE_NUMBER)
        reminder = session.get(SiteSetting, CALENDAR_REMINDER)
        country = session.get(SiteSetting, SITE_COUNTRY)
    folder = backup_folder_setting(db)
    return SiteSettings(site_name(db), idle_lock_minutes(db), keep_setting(db),
                        str(folder) if folder else "", number.value if number else "",
                        _reminder(reminder.value if reminder else ""),
                        country.value if country else "")


def _reminder(stored: str) -> Reminder:
    try:
        return Reminder(stored)
    except ValueError:  # never set (or a word an older version wrote): none
        return Reminder.NONE


def check_backup_folder(text: str) -> str:
    """An absolute folder the app can create and write in; "" for the default."""
    folder = backup_folder_of(text)
    if folder is None:
        return ""
    problem: object | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".sitetrack-write-check-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        problem = exc.strerror or exc
    check_writable(folder, problem)
    return str(folder)


def save_site_settings(db: Database, new: SiteSettings, reason: str | None = None) -> None:
    """Check every value first, then save what changed in one transaction."""
    name = check_site_name(new.site_name)
    number = check_site_number(new.site_number)
    country = check_site_country(new.country)
    check_idle_lock(new.idle_lock_minutes)
    check_backups_kept(new.backups_kept)
    folder = check_backup_folder(new.backup_folder)
    values = {SITE_NAME_KEY: name, IDLE_LOCK: str(new.idle_lock_minutes),
              BACKUP_KEEP: str(new.backups_kept), BACKUP_FOLDER: folder, SITE_NUMBER: number,
              CALENDAR_REMINDER: Reminder(new.calendar_reminder).value, SITE_COUNTRY: country}
    with db.unit_of_work(reason=reason or "site settings", purpose="settings") as session:
        for key, value in values.items():
            row = session.get(SiteSetting, key)
            if row is None:
                if value:
                    session.add(SiteSetting(key=key, value=value))
            elif row.value != value:
                row.value = value


__all__ = ["BACKUP_FOLDER", "CALENDAR_REMINDER", "KEEP_RANGE", "SiteSettings",
           "check_backup_folder", "save_site_settings", "site_settings"]
