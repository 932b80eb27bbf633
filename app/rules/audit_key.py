"""An audit key carried between the workstations of a shared database: the file exported by
one is read by another only if it is an exported key, of this database, under which the
audit trail verifies."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from app.errors import InvalidEntry


def parse_audit_key(path: Path | str, read: Callable[[], str]) -> tuple[str, bytes]:
    """(database identity, key) of the exported file at `path`, whose text `read` gives."""
    try:
        data = json.loads(read())
        return str(data["database_id"]), bytes.fromhex(data["key"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidEntry("file", "{path} is not an exported audit key ({exc})",
                                   path=path, exc=exc) from None


def check_key_imported(path: Path | str, database_id: str, mine: str | None,
                       intact: bool | None = None, problem: str = "") -> None:
    """The key is this database's (`mine`: its identity) and, once tried (`intact`), the
    audit trail verifies under it (`problem`: why not)."""
    if mine != database_id:
        raise InvalidEntry("file", "{path} is the key of another database",
                                   path=path)
    if intact is False:
        raise InvalidEntry("file", "the audit trail does not verify with this key: {problem}",
                                   problem=problem)


__all__ = ["check_key_imported", "parse_audit_key"]
