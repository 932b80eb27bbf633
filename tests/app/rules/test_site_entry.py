"""The site's settings as an administrator types them, without a database."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.site_entry import (
    IDLE_LOCK_RANGE,
    KEEP_RANGE,
    backup_folder_of,
    check_backups_kept,
    check_idle_lock,
    check_site_name,
    check_site_number,
    check_writable,
)


def _field(call, *args) -> str:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value.field


def test_name_and_number():
    assert check_site_name("  Hôpital   Nord ") == "Hôpital Nord"
    assert _field(check_site_name, "x" * 121) == "site_name"
    assert check_site_number(" 101-A ") == "101-A"
    assert _field(check_site_number, "10 1") == "site_number"


@given(st.integers(-5, 400))
def test_idle_lock_and_backups_kept_within_their_ranges(n):
    if IDLE_LOCK_RANGE[0] <= n <= IDLE_LOCK_RANGE[1]:
        check_idle_lock(n)
    else:
        assert _field(check_idle_lock, n) == "idle_lock_minutes"
    if KEEP_RANGE[0] <= n <= KEEP_RANGE[1]:
        check_backups_kept(n)
    else:
        assert _field(check_backups_kept, n) == "backups_kept"


def test_a_backup_folder_is_a_full_path_written_in(tmp_path):
    assert backup_folder_of("  ") is None
    assert backup_folder_of(str(tmp_path)) == tmp_path
    assert backup_folder_of("~/backups") == Path.home() / "backups"
    assert _field(backup_folder_of, "backups") == "backup_folder"
    check_writable(tmp_path, None)
    with pytest.raises(InvalidEntry) as info:
        check_writable(tmp_path, "Permission denied")
    assert info.value.message.startswith(f"Backups cannot be written in {tmp_path}: "
                                         "Permission denied.")


def test_the_country_is_iso_3166_alpha_3_or_not_set_yet():
    from app.rules.site_entry import check_site_country

    assert check_site_country(" fra ") == "FRA" and check_site_country("") == ""
    for bad in ("France", "FR", "F1A"):
        with pytest.raises(InvalidEntry) as refused:
            check_site_country(bad)
        assert refused.value.field == "country" and bad in refused.value.message
