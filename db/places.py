"""Where the app keeps its files on this computer (the platform's user folders).

Kept free of SQLAlchemy so that start-up can name the file before the heavy imports.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = APP_AUTHOR = "SiteTracker"


def data_folder() -> Path:
    """The user's data folder: the database, the demo, their backups."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, APP_AUTHOR)


def make_private_folder(folder: Path) -> None:
    """A folder the app creates for source data, backups or logs: its owner's only (0700)."""
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)


def make_private(path: Path) -> None:
    """A file the app wrote with source data in it: readable by its owner only (0600)."""
    if os.name == "posix":
        os.chmod(path, 0o600)
