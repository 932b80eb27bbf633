"""What an administrator may set for the site: its name and sponsor's number, the idle lock,
how many daily backups are kept and where they go."""

from __future__ import annotations

import re
from pathlib import Path

from app.errors import InvalidEntry

KEEP_RANGE = (1, 365)  # daily backups kept
IDLE_LOCK_RANGE = (2, 60)  # minutes


def check_site_name(text: str) -> str:
    """The site's name, its spaces made single: at most 120 characters."""
    name = " ".join(text.split())
    if len(name) > 120:
        raise InvalidEntry("site_name", "The site's name is at most 120 characters")
    return name


def check_site_number(text: str) -> str:
    """The sponsor's number for the site: up to 10 letters, digits or '-'."""
    number = text.strip()
    if not re.fullmatch(r"[A-Za-z0-9-]{0,10}", number):
        raise InvalidEntry("site_number", "The site number is up to 10 letters or digits, not "
                                          "'{number}'",
                                          number=number)
    return number


def check_site_country(text: str) -> str:
    """The site's country as SDTM's DM.COUNTRY takes it: ISO 3166-1 alpha-3 ("FRA"), or
    nothing yet."""
    country = text.strip().upper()
    if not re.fullmatch(r"([A-Z]{3})?", country):
        raise InvalidEntry("country", "The country is its three-letter ISO 3166-1 code "
                                      "(FRA, DEU, USA), not '{country}'", country=text.strip())
    return country


def check_idle_lock(minutes: int) -> None:
    low, high = IDLE_LOCK_RANGE
    if not low <= minutes <= high:
        raise InvalidEntry("idle_lock_minutes",
                           "The idle lock is {low} to {high} minutes, not {minutes}",
                           low=low, high=high, minutes=minutes)


def check_backups_kept(kept: int) -> None:
    if not KEEP_RANGE[0] <= kept <= KEEP_RANGE[1]:
        raise InvalidEntry("backups_kept", "Keep {fewest} to {most} daily backups, not "
                                           "{backups_kept}",
                                           fewest=KEEP_RANGE[0], most=KEEP_RANGE[1],
                                           backups_kept=kept)


def backup_folder_of(text: str) -> Path | None:
    """The backup folder as typed (~ expanded): a full path; None for the default."""
    text = text.strip()
    if not text:
        return None
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        raise InvalidEntry("backup_folder", "Give the backup folder's full path, not '{text}'",
                                            text=text)
    return folder


def check_writable(folder: Path, problem: object | None) -> None:
    """A backup folder the app could not create or write in (`problem`: what the system
    said) is refused."""
    if problem is not None:
        raise InvalidEntry("backup_folder", "Backups cannot be written in {folder}: {problem}. "
                                            "Choose a folder you can write in",
                                            folder=folder, problem=problem)


__all__ = ["IDLE_LOCK_RANGE", "KEEP_RANGE", "backup_folder_of", "check_backups_kept",
           "check_idle_lock", "check_site_country", "check_site_name", "check_site_number",
           "check_writable"]
