"""Where an unexpected error's details go: a log file, never the user's screen."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path


def log_path() -> Path:
    from platformdirs import user_log_path

    return user_log_path("SiteTracker", "SiteTracker") / "sitetrack.log"


def record_failure(exc: BaseException) -> Path | None:
    """Append the traceback to the log file; returns where, or None if it cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"{datetime.now().isoformat(timespec='seconds')} unexpected error\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return path
    except OSError:
        return None
