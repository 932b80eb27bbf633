"""Where the app keeps its files on this computer (the platform's user folders).

Kept free of SQLAlchemy so that start-up can name the file before the heavy imports.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = APP_AUTHOR = "SiteTracker"


def data_folder() -> Path:
    """The user's data folder: the database, the demo, their backups."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, APP_AUTHOR)
