"""The chain's anchors outside it: a cut tail stays reported however many commands follow;
PostgreSQL keeps them on the server, SQLite in its backups' manifests and folder."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, select, text

from app.services import database as site
from db.anchors import AuditAnchor
from db.models import AuditHead


def _writes(db, times: int, start: int) -> None:  # type: ignore[no-untyped-def]
    for minutes in range(start, start + times):
        site.set_idle_lock_minutes(db, minutes, "test")


def _head(db) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    with db.reading(purpose=None) as session:
        row = session.execute(select(AuditHead.database_id, AuditHead.seq)).one()
    return row.database_id, row.seq


def _cut_tail(db, keep: int) -> None:  # type: ignore[no-untyped-def]
    """Whoever holds the file (or the server's superuser) removes the newest entries and
    sets the head back onto the last one kept."""
    statements = [f"DELETE FROM audit_log WHERE seq > {keep}",
                  f"UPDATE audit_head SET seq = {keep}, hash = (SELECT hash FROM audit_log "
                  f"WHERE seq = {keep})"]
    if db.backend == "sqlite":
        con = sqlite3.connect(db.engine.url.database)
        con.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            con.execute(statement)
        con.commit()
        con.close()
        return
    engine = create_engine(db.engine.url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard"))
        for statement in statements:
            conn.execute(text(statement))
        conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard"))
    engine.dispose()


def test_a_cut_tail_stays_reported_after_any_number_of_commands(db):
    _writes(db, 5, 10)
    _database_id, n = _head(db)
    _cut_tail(db, n - 3)
    report = site.verify_audit_trail(db)
    assert not report.intact and report.broken_seq == n - 2
    assert "entries were removed" in report.problem
    _writes(db, 6, 30)  # the next sign-ins and saves: the chain grows past where it was
    report = site.verify_audit_trail(db)
    assert not report.intact, "the anchor followed the rewritten chain"
    assert report.broken_seq is not None and report.broken_seq <= n
    where = "the server's anchor" if db.backend == "postgresql" else "this computer"
    assert where in report.problem and "rewritten" in report.problem


def test_postgresql_keeps_one_anchor_per_write_on_the_server(db):
    _writes(db, 3, 10)
    with db.reading(purpose=None) as session:
        rows = session.execute(select(AuditAnchor.seq, AuditAnchor.hash)).all()
        head = session.execute(select(AuditHead.seq, AuditHead.hash)).one()
    if db.backend == "sqlite":
        assert rows == []  # the file cannot hold its own witness: kept outside it
        return
    assert len(rows) >= 3 and (head.seq, head.hash) in rows
    assert site.verify_audit_trail(db).intact


def test_sqlite_backups_keep_the_anchor_when_this_computer_s_is_gone(tmp_path):
    path = tmp_path / "site.sqlite"
    db = site.open_site_database(f"sqlite:///{path}")
    db.actor = "tester"
    try:
        _writes(db, 4, 10)
        report = site.daily_backup(db)
        assert report is not None
        database_id, n = _head(db)
        manifest = json.loads(Path(f"{report.path}.manifest.json").read_text())
        assert manifest["database_id"] == database_id and manifest["audit_head"]["seq"] == n
        lines = (tmp_path / "site-backups" / "audit-anchors.jsonl").read_text().splitlines()
        assert json.loads(lines[-1])["seq"] == n
        assert site.verify_audit_trail(db).intact

        _cut_tail(db, n - 2)  # the same OS user: the tail cut, this computer's anchor deleted
        Path(os.environ["SITETRACK_ANCHORS"], f"{database_id}.json").unlink()
        report_after = site.verify_audit_trail(db)
        assert not report_after.intact and report_after.broken_seq == n - 1
        assert "backups' anchor file" in report_after.problem or \
            "the manifest daily-" in report_after.problem
    finally:
        db.close()


def test_anchors_with_seq_beyond_a_backup_do_not_judge_it(tmp_path):
    """An older backup restores even though the live database (and its anchors) went on."""
    path = tmp_path / "site.sqlite"
    db = site.open_site_database(f"sqlite:///{path}")
    db.actor = "tester"
    try:
        _writes(db, 2, 10)
        backup = site.backup_now(db, tmp_path / "site-backups" / "early.sqlite")
        _writes(db, 3, 20)
        site.backup_now(db, tmp_path / "site-backups" / "later.sqlite")
    finally:
        db.close()
    restored = site.restore_backup(backup.path, tmp_path / "r.sqlite")
    assert any("anchors of this database" in c for c in restored.checked)
    with sqlite3.connect(tmp_path / "r.sqlite") as con:
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == \
            backup.audit_entries
