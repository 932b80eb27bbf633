"""An exported audit key read on another workstation, without a database."""

from __future__ import annotations

import json

import pytest

from app.errors import InvalidEntry
from app.rules.audit_key import check_key_imported, parse_audit_key


def test_an_exported_key_is_read_from_its_text():
    text = json.dumps({"database_id": "db-1", "key": "00ff"})
    assert parse_audit_key("k.json", lambda: text) == ("db-1", b"\x00\xff")
    for bad in ("not json", "{}", json.dumps({"database_id": "db-1", "key": "zz"})):
        with pytest.raises(InvalidEntry) as info:
            parse_audit_key("k.json", lambda bad=bad: bad)
        assert info.value.message.startswith("k.json is not an exported audit key (")

    def unreadable() -> str:
        raise FileNotFoundError("no such file")
    with pytest.raises(InvalidEntry):
        parse_audit_key("k.json", unreadable)


def test_the_key_is_this_databases_and_verifies():
    check_key_imported("k.json", "db-1", "db-1")
    check_key_imported("k.json", "db-1", "db-1", True)
    with pytest.raises(InvalidEntry) as other:
        check_key_imported("k.json", "db-1", "db-2")
    assert other.value.message == "k.json is the key of another database"
    with pytest.raises(InvalidEntry) as broken:
        check_key_imported("k.json", "db-1", "db-1", False, "entry 3 changed")
    assert broken.value.message == ("the audit trail does not verify with this key: "
                                    "entry 3 changed")
