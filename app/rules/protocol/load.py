"""Reading a protocol file: TOML in, a validated Protocol out; the shipped study cached."""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from importlib.resources import files
from pathlib import Path

from app.rules.protocol.model import Protocol, ProtocolError
from app.rules.protocol.parse import parse_protocol

#: the protocol files that ship with the app: the default study, then the example of a
#: second design (a site's own studies are added from their files)
SHIPPED = ("imp7068.toml", "abc2201.toml")


def shipped_protocol_path(name: str) -> Path:
    return Path(str(files("resources.protocols").joinpath(name)))


def default_protocol_path() -> Path:
    return shipped_protocol_path(SHIPPED[0])


@cache
def default_protocol() -> Protocol:
    """The study that ships with the app (loaded once)."""
    return load_protocol(default_protocol_path())


def load_protocol(path: Path | str) -> Protocol:
    return read_protocol_file(path)[0]


def read_protocol_file(path: Path | str) -> tuple[Protocol, str, str]:
    """A protocol file checked whole: (protocol, its text, its SHA-256). The text and hash
    are what a study keeps in the database, so that it never needs the file again."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolError(path, [f"cannot be read ({exc.strerror or exc})"]) from exc
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProtocolError(path, [f"is not valid TOML ({exc})"]) from exc
    return parse_protocol(data, path), text, hashlib.sha256(raw).hexdigest()
