"""The engine's hook that tells db/open_files.py which SQLite files this process has open.

Kept apart from db/open_files.py, which start-up imports before SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy import Engine, event


def note_connections(engine: Engine) -> None:
    """Tell db/sqlite_file.py which files this process has open (its header reads wait for
    none to be): noted first on connect, before SQLite takes any lock; forgotten on close."""
    from db.open_files import forget_connection, note_connection

    event.listen(engine, "connect", lambda con, _rec: note_connection(con), insert=True)
    event.listen(engine, "close", lambda con, _rec: forget_connection(con))
    event.listen(engine, "close_detached", forget_connection)
