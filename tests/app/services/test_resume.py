"""Interrupted work resumes: a calendar rebuild cut short after a schema upgrade is done at
the next start; a demo fill is all or nothing; backups restore to an identical database."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import func, select, text

from app.rules.protocol import default_protocol
from app.services import database as site
from app.services.demo import seed_demo
from db import DatabaseRefused, open_database
from db.migrate import head
from db.models import CalendarVisit, Patient, PendingWork
from tests.conftest import old_file_with_patients

TODAY = date(2026, 3, 2)


def _calendars(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count(func.distinct(CalendarVisit.patient_id))))


def test_an_upgrade_whose_rebuild_was_cut_short_finishes_at_the_next_start(tmp_path,
                                                                          monkeypatch):
    path = tmp_path / "site.sqlite"
    old_file_with_patients(path, 3)
    import app.services.calendar as cal

    real = cal.rebuild
    calls = {"n": 0}

    def dies_on_the_second(session, pid, *a, **k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as the power going off
        return real(session, pid, *a, **k)

    monkeypatch.setattr(cal, "rebuild", dies_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        site.open_site_database(f"sqlite:///{path}", today=TODAY)
    monkeypatch.setattr(cal, "rebuild", real)

    db = open_database(f"sqlite:///{path}")          # the schema upgrade itself committed
    with db.reading() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == head()
        assert s.scalar(select(func.count()).select_from(PendingWork)
                        .where(PendingWork.done_at.is_(None))) == 1
    assert _calendars(db) == 1                        # one patient of three: cut short
    db.close()

    db = site.open_site_database(f"sqlite:///{path}", today=TODAY)
    assert _calendars(db) == 3
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(PendingWork)
                        .where(PendingWork.done_at.is_(None))) == 0
    db.close()


def test_rebuild_calendars_is_noted_before_it_starts(db):
    protocol = default_protocol()
    from app.services.patients import EnrolmentForm, enrol

    enrol(db, protocol, EnrolmentForm(
        subject_id="101-001", initials="AB", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2026, 1, 1), screening_date=date(2026, 1, 2),
        planned_first_dose=date(2026, 1, 5)),
          TODAY)
    assert site.rebuild_all(db, TODAY) == 1
    with db.reading() as s:
        rows = s.execute(select(PendingWork.kind, PendingWork.done_at)).all()
    assert len(rows) == 1 and rows[0].done_at is not None


def test_an_interrupted_demo_fill_leaves_nothing_half_made(tmp_path, monkeypatch):
    import app.services.demo as demo

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    db = site.open_site_database(url, today=TODAY)
    real = demo._store
    calls = {"n": 0}

    def dies(*a, **k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(demo, "_store", dies)
    with pytest.raises(KeyboardInterrupt):
        seed_demo(db, default_protocol(), TODAY, patients=10)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Patient)) == 0
    monkeypatch.setattr(demo, "_store", real)
    assert seed_demo(db, default_protocol(), TODAY, patients=10) == 10 + 12  # + ABC-2201
    db.close()


def _dump(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [line for line in con.iterdump()]
    finally:
        con.close()


@pytest.mark.slow  # a demo site built, backed up and restored
def test_restore_drill_gives_back_the_same_database(tmp_path):
    """Backup, restore into a new file: 0 differences, row for row (SQLite's dump)."""
    live = tmp_path / "site.sqlite"
    db = site.open_site_database(f"sqlite:///{live}", today=TODAY)
    seed_demo(db, default_protocol(), TODAY, patients=12, second_study=4)
    report = site.backup_now(db, tmp_path / "backups" / "drill.sqlite")
    assert report.patients == 16 and report.audit_entries > 100
    db.close()
    restored = tmp_path / "restored.sqlite"
    restoring = site.restore_backup(report.path, restored)
    assert (restoring.patients, restoring.audit_entries) == (16, report.audit_entries)
    assert restoring.warning is None and any("replay" in c for c in restoring.checked)
    # row for row the same, but for the copy's own identity (the same key, filed under a
    # new name, so the head this computer anchored for the live file does not judge it)
    def same(lines):
        return [x.rsplit(",", 1)[0] if x.startswith('INSERT INTO "audit_head"') else x
                for x in lines]
    assert same(_dump(restored)) == same(_dump(live))
    again = site.open_site_database(f"sqlite:///{restored}", today=TODAY)
    assert site.verify_audit_trail(again).intact
    again.close()


def test_restore_never_overwrites_and_checks_the_manifest(tmp_path):
    live = tmp_path / "site.sqlite"
    db = site.open_site_database(f"sqlite:///{live}", today=TODAY)
    report = site.backup_now(db, tmp_path / "b.sqlite")
    db.close()
    with pytest.raises(DatabaseRefused, match="never over"):
        site.restore_backup(report.path, live)
    with pytest.raises(DatabaseRefused, match="already exists"):
        site.backup_now(site.open_site_database(f"sqlite:///{live}", today=TODAY), report.path)
    data = bytearray(report.path.read_bytes())
    data[-10] ^= 0xFF
    report.path.write_bytes(bytes(data))
    with pytest.raises(DatabaseRefused, match="checksum differs"):
        site.restore_backup(report.path, tmp_path / "new.sqlite")
    assert not (tmp_path / "new.sqlite").exists()


def test_daily_backups_rotate_and_each_is_verified(tmp_path):
    from datetime import datetime

    from db import backup as backups

    live = tmp_path / "site.sqlite"
    db = site.open_site_database(f"sqlite:///{live}", today=TODAY)
    db.actor = "tester"  # someone signed in
    site.set_backup_keep(db, 3)
    db.close()
    for day in range(1, 6):
        report = backups.daily_backup(live, 3, today=datetime(2026, 3, day, 9))
        assert report is not None and report.manifest.exists()
    assert backups.daily_backup(live, 3, today=datetime(2026, 3, 5, 17)) is None  # made today
    kept = sorted(p.name for p in backups.backup_folder(live).glob("daily-*.sqlite"))
    assert kept == ["daily-2026-03-03.sqlite", "daily-2026-03-04.sqlite",
                    "daily-2026-03-05.sqlite"]
    db = site.open_site_database(f"sqlite:///{live}", today=TODAY)
    assert site.keep_setting(db) == 3
    db.close()


def test_a_damaged_audit_trail_fails_the_backup(tmp_path):
    live = tmp_path / "site.sqlite"
    db = site.open_site_database(f"sqlite:///{live}", today=TODAY)
    seed_demo(db, default_protocol(), TODAY, patients=2)
    db.close()
    con = sqlite3.connect(live)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET new_value = 'forged' WHERE seq = 3")
    con.commit()
    con.close()
    db = open_database(f"sqlite:///{live}")
    with pytest.raises(DatabaseRefused, match="audit trail does not hold"):
        site.backup_now(db, tmp_path / "b.sqlite")
    assert not (tmp_path / "b.sqlite").exists()
    db.close()


def test_an_upgrade_interrupted_twice_in_one_second_keeps_both_copies(tmp_path, monkeypatch):
    """The copy before an upgrade is named by the second: a second try must not be refused."""
    import db.backup as backups
    import db.migrate as migrate

    path = tmp_path / "site.sqlite"
    old_file_with_patients(path, 2)
    real_upgrade = migrate.upgrade

    def killed(*_a, **_k):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(migrate, "upgrade", killed)
    for _ in range(2):
        with pytest.raises(KeyboardInterrupt):
            site.open_site_database(f"sqlite:///{path}", today=TODAY)
    monkeypatch.setattr(migrate, "upgrade", real_upgrade)
    db = site.open_site_database(f"sqlite:///{path}", today=TODAY)
    assert _calendars(db) == 2
    db.close()
    assert len(list(backups.backup_folder(path).glob("*.before-schema-0007.*.sqlite"))) >= 2
