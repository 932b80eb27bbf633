"""What start-up can begin before the heavy imports (SQLAlchemy, Qt) are done.

Kept free of SQLAlchemy and Qt so that importing it costs nothing.
"""

from __future__ import annotations

import os
from pathlib import Path


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
