"""Tampering behind the app's back is caught by replaying the audit trail: a clinical row
changed, added or hidden by hand no longer matches what the trail says of it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from app.rules.protocol import default_protocol
from app.services.database import verify_audit_trail
from app.services.demo import seed_demo


@pytest.fixture
def site(demo_site):
    """A demo site (a copy of one the worker filled: replaying needs no anchor here)."""
    return demo_site(date(2026, 11, 25), patients=6)


@pytest.fixture
def anchored_site(db):
    """A demo site filled here, so that this computer's anchor saw its trail grow."""
    seed_demo(db, default_protocol(), date(2026, 11, 25), patients=6)
    return db


def _tamper(db, sql: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql))


def test_a_site_kept_by_the_app_replays_clean(site):
    report = verify_audit_trail(site)
    assert report.intact and "every record matches" in report.message


def test_a_direct_update_is_named(site):
    _tamper(site, "UPDATE patient SET initials = 'ZZZ' WHERE id = 2")
    report = verify_audit_trail(site)
    assert not report.intact
    assert "patient record 2: initials is 'ZZZ'" in report.message


def test_an_ae_hidden_by_its_deleted_flag_is_named(site):
    _tamper(site, "UPDATE adverse_event SET deleted_at = CURRENT_TIMESTAMP, "
                  "deleted_by = 'x' WHERE id = 1")
    report = verify_audit_trail(site)
    assert any("adverse_event record 1: deleted_at hidden (marked deleted)" in m
               for m in report.mismatches)


def test_a_row_inserted_by_hand_is_named(site):
    _tamper(site, "INSERT INTO patient (id, study_id, subject_id, initials, part, status, "
                  "version) VALUES (999, 1, '101-999', 'XX', 1, 'screening', 1)")
    report = verify_audit_trail(site)
    assert "patient record 999: is not in the audit trail" in report.message


# --- the keyed chain and the anchor ----------------------------------------------------------

def _drop_guards(db) -> None:
    with db.engine.begin() as conn:
        if db.backend == "sqlite":
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_guard ON audit_log"))


def _last(db):
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                            ).one()


def test_a_forged_entry_with_a_plain_hash_and_the_head_moved_is_caught(site):
    """Without the key a forger can only compute an unkeyed hash."""
    from datetime import datetime

    from db.audit import entry_hash

    seq, prev = _last(site)
    at = datetime(2026, 11, 25, 12, 0)
    forged = entry_hash(seq + 1, at, "dr_x", "update", "patient", "1", "initials", "ABC",
                        "XYZ", "typo", prev)
    with site.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO audit_log (seq, at, actor, action, table_name, record_id, field, "
            "old_value, new_value, reason, prev_hash, hash) VALUES (:s, :at, 'dr_x', "
            "'update', 'patient', '1', 'initials', 'ABC', 'XYZ', 'typo', :p, :h)"),
            {"s": seq + 1, "at": at, "p": prev, "h": forged})
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"),
                     {"s": seq + 1, "h": forged})
    report = verify_audit_trail(site)
    assert not report.intact and report.broken_seq == seq + 1
    assert "without the database's key" in report.message


def test_deleting_the_newest_entries_and_the_head_is_caught_by_the_anchor(anchored_site):
    site = anchored_site
    _drop_guards(site)
    seq, _ = _last(site)
    with site.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq > :s"), {"s": seq - 3})
        prev = conn.execute(text("SELECT hash FROM audit_log WHERE seq = :s"),
                            {"s": seq - 3}).scalar()
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"),
                     {"s": seq - 3, "h": prev})
    report = verify_audit_trail(site)
    assert not report.intact
    assert f"this computer saw the trail reach entry {seq}" in report.message


def test_wiping_the_trail_is_caught(anchored_site):
    site = anchored_site
    _drop_guards(site)
    with site.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
        conn.execute(text("UPDATE audit_head SET seq = 0, hash = :g"), {"g": "0" * 64})
    report = verify_audit_trail(site)
    assert not report.intact and "this computer saw the trail reach entry" in report.message


def test_without_its_key_a_database_can_be_neither_checked_nor_written(site, monkeypatch):
    from db import audit, keys

    monkeypatch.setattr(keys, "load_key", lambda database_id: None)
    audit._KEYS.clear()
    report = verify_audit_trail(site)
    assert not report.intact and "audit key of this database is not on this computer" in \
        report.message
    from app.services.errors import StorageProblem
    from db.models import SiteSetting

    with pytest.raises(StorageProblem, match="audit key"), site.unit_of_work() as s:
        s.add(SiteSetting(key="x", value="y"))
    audit._KEYS.clear()
