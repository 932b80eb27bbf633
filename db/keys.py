"""The audit chain's key and its anchor, kept outside the database.

Each database has an identity (`database_id`, a random name in its site settings) and a
32-byte key for it. The chain is an HMAC-SHA-256 chain under that key: whoever can write
the file but lacks the key cannot append a forged entry nor re-hash an edited trail so that
it still verifies. The key lives in the operating system's keyring (`keyring`), else in a
file readable by its owner only, in the user's data folder. A site sharing one PostgreSQL
database installs the same key on every workstation (`sitetrack audit key export|import`).

The anchor is the chain's head (sequence and hash) as this computer last saw it, in a small
file beside the user's settings: a trail cut short, or rewritten from some entry on, no
longer reaches the head this computer recorded.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from db.places import APP_AUTHOR, APP_NAME, data_folder, make_private, make_private_folder

SERVICE = "Site Tracker audit key"
KEY_BYTES = 32


def _key_file(database_id: str) -> Path:
    return data_folder() / "keys" / f"{database_id}.key"


def _keyring_get(database_id: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, database_id)
        except KeyringError:
            return None
    except Exception:
        return None


def _keyring_set(database_id: str, hex_key: str) -> bool:
    try:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring

        if isinstance(keyring.get_keyring(), FailKeyring):
            return False
        keyring.set_password(SERVICE, database_id, hex_key)
        return True
    except Exception:
        return False


def load_key(database_id: str) -> bytes | None:
    """The key of that database on this computer, or None. A key file exists only where
    the keyring could not take the key, so it is read first: asking for the keyring first
    costs its discovery of backends (0.13 s on Linux, where it runs compilers to look for
    macOS libraries) on every start."""
    path = _key_file(database_id)
    hex_key = path.read_text(encoding="ascii").strip() if path.exists() else None
    if hex_key is None:
        hex_key = _keyring_get(database_id)
    return bytes.fromhex(hex_key) if hex_key else None


def store_key(database_id: str, key: bytes) -> None:
    """Keep the key in the keyring, else in an owner-only file."""
    hex_key = key.hex()
    if _keyring_set(database_id, hex_key):
        return
    path = _key_file(database_id)
    make_private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(hex_key + "\n")
    make_private(path)


def new_key(database_id: str) -> bytes:
    key = secrets.token_bytes(KEY_BYTES)
    store_key(database_id, key)
    return key


def new_database_id() -> str:
    return secrets.token_hex(16)


# --- the anchor ------------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str


def _anchor_file(database_id: str) -> Path:
    from platformdirs import user_config_path

    override = os.environ.get("SITETRACK_ANCHORS")
    folder = Path(override) if override else user_config_path(APP_NAME, APP_AUTHOR) / "anchors"
    return folder / f"{database_id}.json"


def read_anchor(database_id: str) -> Anchor | None:
    path = _anchor_file(database_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Anchor(int(data["seq"]), str(data["hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_anchor(database_id: str, anchor: Anchor) -> None:
    """Record the head this computer saw (never moving it back: a later head only)."""
    seen = read_anchor(database_id)
    if seen is not None and seen.seq >= anchor.seq:
        return
    path = _anchor_file(database_id)
    try:
        make_private_folder(path.parent)
        temp = path.with_suffix(".tmp")
        temp.write_text(json.dumps({"seq": anchor.seq, "hash": anchor.hash}), encoding="utf-8")
        make_private(temp)
        os.replace(temp, path)
    except OSError:
        pass  # a read-only settings folder: the chain and its key still hold
