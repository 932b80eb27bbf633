"""What start-up can begin before the heavy imports (SQLAlchemy, Qt) are done.

Kept free of SQLAlchemy and Qt so that importing it costs nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

#: options of the window that take a value (everything else that is not an option names a
#: command: commands check their files when they open them)
_VALUED = ("--db", "--user")


def precheck_for_window(argv: list[str]) -> None:
    """From the raw arguments, before the commands are imported: when they open the window
    on an SQLite file (no command, no --demo), start that file's check now."""
    url: str | None = None
    tokens = iter(argv)
    for token in tokens:
        if token in ("--demo", "--self-test", "-h", "--help", "--version"):
            return
        if token in _VALUED:
            value = next(tokens, None)
            if token == "--db":
                url = value
        elif token.startswith("--db="):
            url = token[len("--db="):]
        elif not token.startswith("-"):
            return  # a command
    precheck_database(url)


def precheck_database(url: str | None) -> None:
    """Start checking the SQLite file the app is about to open, in the background."""
    from db.sqlite_file import start_precheck

    url = url or os.environ.get("SITETRACK_DB")
    if url is None:
        from db.places import data_folder

        path = data_folder() / "sitetrack.sqlite"
    elif url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):]).expanduser()
    else:
        return
    start_precheck(path)
