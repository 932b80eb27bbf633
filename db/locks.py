"""A locked database: which other programs hold the file, and the sentence that says so."""

from __future__ import annotations

import os
from pathlib import Path


def holders(path: Path) -> list[str]:
    """The programs (name and process id) other than this one that have `path` open."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is a dependency
        return []
    target = os.path.realpath(path)
    names = {target, target + "-wal", target + "-shm", target + "-journal"}
    found = []
    me = os.getpid()
    for proc in psutil.process_iter(["pid", "name"]):
        if proc.info["pid"] == me:
            continue
        try:
            if any(f.path in names for f in proc.open_files()):
                found.append(f"{proc.info['name']} (process {proc.info['pid']})")
        except (psutil.Error, OSError):
            continue
    return found


#: a locked database's message: (by whom is known, waited) -> template
BUSY_MESSAGES = {
    (True, True): "{path} is locked by {programs} after waiting {seconds} s: close it there, "
                  "then try again; nothing was saved",
    (True, False): "{path} is locked by {programs}: close it there, then try again; nothing "
                   "was saved",
    (False, True): "{path} is locked by another program after waiting {seconds} s: close the "
                   "other program using it, then try again; nothing was saved",
    (False, False): "{path} is locked by another program: close the other program using it, "
                    "then try again; nothing was saved",
}


def busy_words(path: Path, waited_s: float | None = None) -> tuple[str, dict[str, object]]:
    """The database is locked, and by which program when that can be told: the message's
    template and values (the windows translate the template)."""
    who = holders(path)
    values = {"path": path, "programs": ", ".join(who), "seconds": f"{waited_s or 0:.0f}"}
    return BUSY_MESSAGES[(bool(who), bool(waited_s))], values


def busy_message(path: Path, waited_s: float | None = None) -> str:
    """One line: the database is locked, and by which program when that can be told."""
    template, values = busy_words(path, waited_s)
    return template.format(**values)
