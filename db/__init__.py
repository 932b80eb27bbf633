"""Storage: SQLAlchemy models, the engine and its safety checks, migrations, the audit trail.

`db` knows nothing of the domain (`app`) or of Qt: it stores and guards what it is given.
Names are loaded on first use, so that `db.sqlite_file` can check a file before SQLAlchemy
is even imported (start-up runs both at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from db.errors import (
    DatabaseRefused,
    EditConflict,
    HardDeleteRefused,
    ReasonRequired,
    StorageProblem,
    ValueTooLong,
)

if TYPE_CHECKING:
    from db.engine import Database, open_database

__all__ = ["Database", "DatabaseRefused", "EditConflict", "HardDeleteRefused", "ReasonRequired",
           "StorageProblem", "ValueTooLong", "open_database"]


def __getattr__(name: str) -> Any:
    if name in ("Database", "open_database"):
        from db import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'db' has no attribute {name!r}")
