"""Files the app writes for people (exports, PDFs, pictures): whole, or not at all.

Written to a hidden temporary file beside the target, flushed to disk, then renamed over
it: a full disk, a crash or an error half-way leaves the old file (or none), never a
0-byte or truncated one.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


class WriteFailed(OSError):
    """The file could not be written; `strerror` says why in words."""


def _why(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    if exc.errno == errno.ENOENT:
        return "the folder does not exist"
    return exc.strerror or str(exc)


@contextmanager
def written_atomically(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `path` in one rename."""
    path = Path(path)
    temp = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    try:
        yield temp
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as exc:
        # callers say "cannot write PATH: " + strerror
        raise WriteFailed(exc.errno or 0, f"{_why(exc)}; nothing was written") from exc
    finally:
        with suppress(OSError):
            temp.unlink()
