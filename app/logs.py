"""Where an unexpected error's details go: a log file, never the user's screen.

The log holds no patient data: SQL parameters are never put into messages (the engines
hide them), and the lines a database adds with values (PostgreSQL's DETAIL, a failing
row) are cut before writing. The file is readable by its owner only.
"""

from __future__ import annotations

import os
import re
import traceback
from datetime import datetime
from pathlib import Path

from db.places import make_private_folder

#: lines of database messages that carry values of the data
_DATA_LINES = re.compile(r"^\s*(DETAIL:|\[parameters:|Failing row contains|Key \().*$",
                         re.MULTILINE)


def log_path() -> Path:
    from db.places import log_folder

    return log_folder() / "sitetrack.log"


def scrub(text: str) -> str:
    """The traceback without the lines where databases quote the data."""
    return _DATA_LINES.sub("  [values withheld: patient data is not logged]", text)


def record_failure(exc: BaseException) -> Path | None:
    """Append the traceback to the log file; returns where, or None if it cannot be written."""
    path = log_path()
    try:
        make_private_folder(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(f"{datetime.now().isoformat(timespec='seconds')} unexpected error\n")
            fh.write(scrub("".join(traceback.format_exception(type(exc), exc,
                                                               exc.__traceback__))))
        return path
    except OSError:
        return None
