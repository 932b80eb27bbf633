"""The audit trail: who, when, old, new, why; append-only in the database; a hash chain."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError

from db import HardDeleteRefused, ReasonRequired
from db.audit import history, verify
from db.models import AuditEntry, Patient


def _enrol(db, subject="101-001", **extra) -> int:
    with db.unit_of_work() as s:
        p = Patient(subject_id=subject, initials="ABC", part=1, dose_level="DL1",
                    consent_date=date(2026, 1, 12), **extra)
        s.add(p)
        s.flush()
        return p.id


def _entries(db) -> list[AuditEntry]:
    with db.reading() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_insert_is_audited_field_by_field(db):
    pid = _enrol(db)
    entries = _entries(db)
    fields = {e.field: e for e in entries}
    assert {"subject_id", "initials", "part", "dose_level", "consent_date"} <= set(fields)
    e = fields["consent_date"]
    assert (e.action, e.table_name, e.record_id) == ("insert", "patient", str(pid))
    assert (e.old_value, e.new_value, e.actor) == (None, "2026-01-12", "tester")
    assert e.at.tzinfo is not None and e.at.utcoffset().total_seconds() == 0   # aware UTC
    assert abs((datetime.now(UTC) - e.at).total_seconds()) < 60
    assert "created_at" not in fields


def test_change_needs_a_reason_and_loses_nothing(db):
    pid = _enrol(db)
    count = len(_entries(db))
    with pytest.raises(ReasonRequired, match="initials"), db.unit_of_work() as s:
        s.get(Patient, pid).initials = "XYZ"
    with db.reading() as s:
        assert s.get(Patient, pid).initials == "ABC"
    assert len(_entries(db)) == count

    with db.unit_of_work(reason="transcription error", actor="nurse.jones") as s:
        s.get(Patient, pid).initials = "ABD"
    last = _entries(db)[-1]
    assert (last.action, last.field, last.old_value, last.new_value) == (
        "update", "initials", "ABC", "ABD")
    assert (last.reason, last.actor) == ("transcription error", "nurse.jones")


def test_saving_without_a_change_writes_no_entry(db):
    pid = _enrol(db)
    count = len(_entries(db))
    with db.unit_of_work() as s:
        s.get(Patient, pid).initials = "ABC"
    assert len(_entries(db)) == count


def test_soft_delete_is_audited_and_hard_delete_refused(db):
    pid = _enrol(db)
    with pytest.raises(HardDeleteRefused), db.unit_of_work(reason="duplicate") as s:
        s.delete(s.get(Patient, pid))
    with db.unit_of_work(reason="entered twice") as s:
        p = s.get(Patient, pid)
        p.deleted_at = datetime(2026, 11, 25, 9, 0)
        p.deleted_by = "tester"
    actions = {(e.action, e.field) for e in _entries(db)}
    assert ("delete", "deleted_at") in actions
    with db.reading() as s:
        assert s.get(Patient, pid) is not None


def test_withdrawing_a_record_needs_a_reason(db):
    pid = _enrol(db)
    with pytest.raises(ReasonRequired, match="deleted_at"), db.unit_of_work() as s:
        s.get(Patient, pid).deleted_at = datetime(2026, 11, 25, 9, 0)
    with db.reading() as s:
        assert s.get(Patient, pid).deleted_at is None  # nothing saved


def test_the_actor_is_never_the_environments_user(db, monkeypatch):
    monkeypatch.setenv("LOGNAME", "dr_principal_investigator")
    monkeypatch.setenv("USER", "dr_principal_investigator")
    from db import open_database
    from db.errors import NobodySignedIn

    fresh = open_database(db.url)
    try:  # nobody signed in: refused, never saved as the environment's user nor "system"
        with pytest.raises(NobodySignedIn, match="Nobody is signed in"), \
                fresh.unit_of_work() as s:
            s.add(Patient(subject_id="101-009", initials="AB", part=1, dose_level="DL1"))
        with fresh.unit_of_work(actor="demo fill") as s:  # who acts without one names itself
            s.add(Patient(subject_id="101-009", initials="AB", part=1, dose_level="DL1"))
    finally:
        fresh.close()
    # the upgrades name themselves too (0013 records study 1)
    assert {e.actor for e in _entries(db)} == {"upgrade", "demo fill"}


def test_database_refuses_to_delete_clinical_rows(db):
    _enrol(db)
    with pytest.raises(DBAPIError, match="never deleted"), db.engine.begin() as conn:
        conn.execute(delete(Patient))


def test_database_refuses_to_edit_or_delete_audit_entries(db):
    _enrol(db)
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(update(AuditEntry).values(new_value="forged"))
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.seq == 1))


def test_history_of_one_record(db):
    pid = _enrol(db)
    _enrol(db, subject="101-002")
    with db.unit_of_work(reason="wrong cohort") as s:
        s.get(Patient, pid).dose_level = "DL2"
    with db.reading() as s:
        lines = history(s, "patient", str(pid))
    assert all(line.record_id == str(pid) for line in lines)
    assert lines[-1].new_value == "DL2" and lines[-1].reason == "wrong cohort"


# -- tampering, as someone with the sqlite3 shell or psql would ------------------------------

def _tamper(db, *statements: str) -> None:
    """Drop the guard, then run raw SQL behind the application's back."""
    if db.backend == "sqlite":
        con = sqlite3.connect(db.engine.url.database)
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("DROP TRIGGER audit_log_no_delete")
        for stmt in statements:
            con.execute(stmt)
        con.commit()
        con.close()
    else:
        engine = create_engine(db.engine.url)
        with engine.begin() as conn:
            conn.execute(text("DROP TRIGGER audit_log_guard ON audit_log"))
            for stmt in statements:
                conn.execute(text(stmt))
        engine.dispose()


def _check(db):
    with db.reading() as s:
        return verify(s)


def _three_patients(db) -> int:
    for i in range(3):
        _enrol(db, subject=f"101-00{i + 1}")
    return len(_entries(db))


def test_intact_chain_verifies(db):
    n = _three_patients(db)
    report = _check(db)
    assert report.intact and report.count == n


def test_edited_entry_is_named(db):
    _three_patients(db)
    _tamper(db, "UPDATE audit_log SET new_value = 'ZZZ' WHERE seq = 7")
    report = _check(db)
    assert not report.intact and report.broken_seq == 7


def test_removed_entry_is_found(db):
    _three_patients(db)
    _tamper(db, "DELETE FROM audit_log WHERE seq = 4")
    report = _check(db)
    assert not report.intact and report.broken_seq == 4


def test_removed_newest_entry_is_found(db):
    n = _three_patients(db)
    _tamper(db, f"DELETE FROM audit_log WHERE seq = {n}")
    report = _check(db)
    assert not report.intact and report.broken_seq == n


def test_inserted_entry_is_found(db):
    n = _three_patients(db)
    _tamper(
        db,
        "INSERT INTO audit_log(seq, at, actor, action, table_name, record_id, field, old_value,"
        f" new_value, reason, prev_hash, hash) SELECT {n + 1}, at, actor, action, table_name,"
        f" record_id, field, old_value, 'forged', reason, hash, hash FROM audit_log"
        f" WHERE seq = {n}",
    )
    report = _check(db)
    assert not report.intact and report.broken_seq == n + 1


def test_concurrent_writers_keep_one_chain(db):
    """Two workstations writing at once still produce one unbroken chain."""
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            for i in range(10):
                _enrol(db, subject=f"{prefix}-{i:03d}")
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("201", "202")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = _check(db)
    assert report.intact and report.count == len(_entries(db))


def test_filling_a_blank_needs_no_reason_but_is_audited(db):
    pid = _enrol(db)
    with db.unit_of_work() as s:
        s.get(Patient, pid).year_of_birth = 1960
    last = _entries(db)[-1]
    assert (last.action, last.field, last.old_value, last.new_value) == (
        "update", "year_of_birth", None, "1960")
    with pytest.raises(ReasonRequired), db.unit_of_work() as s:
        s.get(Patient, pid).year_of_birth = None
