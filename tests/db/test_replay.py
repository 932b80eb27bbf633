"""Tampering behind the app's back is caught by replaying the audit trail: a clinical row
changed, added or hidden by hand no longer matches what the trail says of it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from app.protocol import default_protocol
from app.services.database import verify_audit_trail
from app.services.demo import seed_demo


@pytest.fixture
def site(db):
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
    _tamper(site, "INSERT INTO patient (id, subject_id, initials, part, status, version) "
                  "VALUES (999, '101-999', 'XX', 1, 'screening', 1)")
    report = verify_audit_trail(site)
    assert "patient record 999: is not in the audit trail" in report.message
