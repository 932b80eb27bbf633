"""Which SQLite files this process has open, so that nothing else opens them meanwhile.

On POSIX, closing ANY descriptor of a file drops every fcntl lock the process holds on it
(SQLite's "How To Corrupt An SQLite Database File", 2.2): another process then believes it
is alone, tidies the WAL away, and the next write fails "malformed". So no code opens a
database file outside SQLite while a connection of this process has it open: the engine
notes each connection (`note_connection`, db/connections.py), and a plain
read of the file (`read_header`) happens only when `in_use` says none is open.

Kept free of SQLAlchemy: start-up reads headers before importing it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

#: SQLite connections of this process, by id: (device, inode) of their main file, connection
_CONNECTIONS: dict[int, tuple[tuple[int, int], sqlite3.Connection]] = {}
#: held while the header is read, and while a connection is noted: never both at once
_RAW_READ = threading.Lock()


def _file_id(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def note_connection(con: sqlite3.Connection) -> None:
    """A new SQLite connection of this process (called by the engine on every connect)."""
    with _RAW_READ:
        try:
            rows = con.execute("PRAGMA database_list").fetchall()
        except sqlite3.Error:
            return
        main = next((row[2] for row in rows if row[1] == "main"), "")
        key = _file_id(main) if main else None
        if key is not None:
            _CONNECTIONS[id(con)] = (key, con)


def forget_connection(con: object) -> None:
    """That connection was closed."""
    with _RAW_READ:
        _CONNECTIONS.pop(id(con), None)


def in_use(path: Path) -> bool:
    """Whether a connection of this process has `path` open: then the file is opened by
    SQLite only (a plain open and close would drop SQLite's locks)."""
    key = _file_id(path)
    if key is None:
        return False
    for ident, (file, con) in list(_CONNECTIONS.items()):
        try:
            con.total_changes  # noqa: B018 - raises once the connection is closed
        except sqlite3.ProgrammingError:
            _CONNECTIONS.pop(ident, None)
            continue
        if file == key:
            return True
    return False


def read_header(path: Path) -> bytes | None:
    """The file's first 100 bytes, or None when a connection of this process has it open
    (its header was checked when that connection was first made)."""
    with _RAW_READ:
        if in_use(path):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            return os.read(fd, 100)
        finally:
            os.close(fd)
