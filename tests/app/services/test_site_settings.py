"""The site's settings: checked whole before saving, audited, the backup folder writable."""

from __future__ import annotations

import os

import pytest

from app.services.database import daily_backup, idle_lock_minutes, keep_setting
from app.services.errors import InvalidEntry
from app.services.history import site_audit
from app.services.site_settings import SiteSettings, save_site_settings, site_settings


def test_settings_are_saved_together_and_audited(sqlite_db, tmp_path):
    folder = tmp_path / "site backups"
    save_site_settings(sqlite_db, SiteSettings("  Hôpital  Saint-Louis ", 20, 9, str(folder)),
                       "site set up")
    saved = site_settings(sqlite_db)
    assert saved == SiteSettings("Hôpital Saint-Louis", 20, 9, str(folder))
    assert (idle_lock_minutes(sqlite_db), keep_setting(sqlite_db)) == (20, 9)
    report = daily_backup(sqlite_db)
    assert report is not None and report.path.parent == folder
    assert any(r.reason == "site set up" for r in site_audit(sqlite_db))


@pytest.mark.parametrize(("change", "field", "words"), [
    (dict(idle_lock_minutes=1), "idle_lock_minutes", "2 to 60 minutes"),
    (dict(backups_kept=0), "backups_kept", "Keep 1 to 365"),
    (dict(backup_folder="relative/folder"), "backup_folder", "full path"),
    (dict(site_name="x" * 121), "site_name", "at most 120"),
])
def test_bad_settings_are_refused_and_nothing_is_saved(sqlite_db, change, field, words):
    before = site_settings(sqlite_db)
    values = {**before.__dict__, **change}
    with pytest.raises(InvalidEntry) as err:
        save_site_settings(sqlite_db, SiteSettings(**values))
    assert err.value.field == field and words in err.value.message
    assert site_settings(sqlite_db) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes anywhere: the unwritable folder is a user's")
def test_an_unwritable_backup_folder_is_refused(sqlite_db, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(InvalidEntry, match="cannot be written"):
        save_site_settings(sqlite_db, SiteSettings("", 15, 7, str(locked / "backups")))


def test_a_folder_under_a_file_is_refused(sqlite_db, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    with pytest.raises(InvalidEntry) as err:
        save_site_settings(sqlite_db, SiteSettings("", 15, 7, str(blocker / "backups")))
    assert err.value.field == "backup_folder" and "cannot be written" in err.value.message
