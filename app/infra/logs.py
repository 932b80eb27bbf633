"""Site Tracker's log: the standard `logging` module writing a rotating file in the user's log
folder (platformdirs), never the user's screen.

The log holds no patient data: the app logs events (started, signed in, backed up,
exported) without clinical values, SQL parameters are never put into messages (the engines
hide them), and the lines a database adds with values (PostgreSQL's DETAIL, a failing row)
are cut from every message and traceback before writing. The file is its owner's only.
Level: SITETRACK_LOG_LEVEL (DEBUG, INFO, WARNING, ERROR; default INFO).
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from db.places import make_private_folder

LOGGER = "sitetrack"
MAX_BYTES = 1_000_000
BACKUPS = 5
#: what databases add to their messages with values of the data, to the end of its line
_DATA_LINES = re.compile(r"(DETAIL:|\[parameters:|Failing row contains|Key \().*$",
                         re.MULTILINE)


def log_path() -> Path:
    from db.places import log_folder

    return log_folder() / "sitetrack.log"


def scrub(text: str) -> str:
    """The text without the lines where databases quote the data."""
    return _DATA_LINES.sub("[values withheld: patient data is not logged]", text)


class ScrubbingFormatter(logging.Formatter):
    """Every message and traceback scrubbed of the values databases quote."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating file readable by its owner only, the rotated ones too."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8")


def logger(name: str = "") -> logging.Logger:
    """The app's logger (or one of its children: "sitetrack.backup")."""
    return logging.getLogger(f"{LOGGER}.{name}" if name else LOGGER)


def configure_logging(path: Path | None = None, level: str | None = None) -> Path | None:
    """Send the app's log to a rotating private file (1 MB, five kept); returns where, or
    None when the folder cannot be written (the app then runs without a file log)."""
    target = path or log_path()
    root = logger()
    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        if handler.baseFilename == os.path.abspath(target):
            return target
        root.removeHandler(handler)
        handler.close()
    try:
        make_private_folder(target.parent)
        handler = PrivateRotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                             encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                            "%Y-%m-%dT%H:%M:%S"))
    root.addHandler(handler)
    wanted = (level or os.environ.get("SITETRACK_LOG_LEVEL") or "INFO").upper()
    root.setLevel(getattr(logging, wanted, logging.INFO))
    root.propagate = False
    return target


def record_failure(exc: BaseException) -> Path | None:
    """Log an unexpected error with its traceback; returns the log file, or None if it
    cannot be written."""
    path = configure_logging(log_path())
    if path is None:
        return None
    logger().error("unexpected error: %s", type(exc).__name__,
                   exc_info=(type(exc), exc, exc.__traceback__))
    for handler in logger().handlers:
        handler.flush()
    return path if path.exists() else None


__all__ = ["configure_logging", "log_path", "logger", "record_failure", "scrub"]
