"""Making a new SQLite database whole: built beside its name, migrated, checkpointed and
fsynced, then linked into place, so a crash leaves no file or a working one; leftovers of a
killed creation are tidied at the next open."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from db import migrate
from db.engine import create
from db.errors import DatabaseRefused, first_line
from db.places import make_private, make_private_folder
from db.sqlite_file import create_new


def create_atomically(url: str, path: Path) -> None:
    """Make a new database beside `path`, whole, then rename it into place.

    A crash at any moment leaves either no file at `path` or a complete, migrated one; a
    half-made file is only ever the hidden temporary one, which the next creation removes.
    """
    temp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        make_private_folder(path.parent)
        remove_stale_creations(path)
        _remove_with_sidecars(temp)
        create_new(temp)
        make_private(temp)
        engine = create(make_url(url).set(database=str(temp)).render_as_string(False))
        try:
            with migrate.schema_transaction(engine) as conn:
                migrate.upgrade(conn)
        finally:
            engine.dispose()
        con = sqlite3.connect(temp)
        try:  # fold the WAL into the file: the rename must carry everything
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
        _fsync(temp)
        try:
            os.link(temp, path)  # fails if another process created `path` meanwhile
        except FileExistsError:
            pass
        except OSError:  # no hard links here (FAT, some shares): a plain rename
            if not path.exists():
                os.replace(temp, path)
        _remove_with_sidecars(temp)
        _fsync(path.parent)
    except (OSError, sqlite3.Error, DBAPIError) as exc:
        _remove_with_sidecars(temp)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else first_line(exc)
        raise DatabaseRefused(f"cannot create {path}: {reason}; nothing was written") from exc
    except BaseException:
        _remove_with_sidecars(temp)
        raise


def _fsync(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on folders
        pass
    finally:
        os.close(fd)


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def remove_stale_creations(path: Path) -> None:
    """Temporary files of creations that a crash interrupted (their process is gone)."""
    leftovers = list(path.parent.glob(f".{path.name}.creating-*"))
    if not leftovers:
        return
    import psutil

    for leftover in leftovers:
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            _remove_with_sidecars(leftover)


