"""This workstation's own settings (QSettings: the registry on Windows, a file elsewhere):
the paper worksheets print on, how far the worklist looks ahead, the language, the folder
files were last saved to or opened from. Light on purpose: the window reads them as it
opens."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ui.i18n import QT_TR_NOOP

PAPER_SIZES = ("A4", QT_TR_NOOP("Letter"))
HORIZON_DEFAULT = 14


def workstation() -> QSettings:
    """This computer's settings for this user."""
    return QSettings("Site Tracker", "Site Tracker")


def paper_size() -> str:
    value = str(workstation().value("paper_size", "A4"))
    return value if value in PAPER_SIZES else "A4"


def worklist_days() -> int:
    stored = workstation().value("worklist_days", HORIZON_DEFAULT)
    if not isinstance(stored, int | float | str):
        return HORIZON_DEFAULT
    try:
        value = int(stored)
    except ValueError:
        return HORIZON_DEFAULT
    return min(max(value, 0), 365)


LAST_FOLDER = "last_folder"


def last_folder() -> str | None:
    """The folder a file was last saved to or opened from on this workstation (None: none
    yet, or it is gone)."""
    from pathlib import Path

    value = workstation().value(LAST_FOLDER)
    return str(value) if value and Path(str(value)).is_dir() else None


def remember_folder(folder: str) -> None:
    workstation().setValue(LAST_FOLDER, folder)
