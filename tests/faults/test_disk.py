"""A real full disk and a real read-only disk (a small tmpfs; needs root to mount)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.infra.files import WriteFailed, written_atomically
from db import DatabaseRefused, StorageProblem, open_database
from db.models import Patient


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_sentence_and_loses_nothing(small_disk):
    url = f"sqlite:///{small_disk / 'site.sqlite'}"
    db = open_database(url)
    db.actor = "fault-test"  # someone signed in
    saved = 0
    with pytest.raises(StorageProblem) as info:
        for i in range(100_000):
            with db.unit_of_work() as s:
                s.add(Patient(subject_id=f"F-{i}", initials="AB", part=1,
                              screen_fail_reason="x" * 2000))
            saved += 1
    assert "is full" in info.value.message and "nothing was saved" in info.value.message
    assert "\n" not in info.value.message
    db.close()
    # the file opens again (not "truncated: restore a backup") with every committed row
    db = open_database(url)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Patient)) == saved
    db.close()
    # an export to the full disk leaves no 0-byte or half file behind
    target = small_disk / "listing.csv"
    with pytest.raises(WriteFailed) as failed, written_atomically(target) as temp, \
            temp.open("w") as fh:
        for _ in range(10_000):
            fh.write("x" * 1000 + "\n")
    assert "the disk is full" in failed.value.strerror
    assert not target.exists()
    assert [p.name for p in small_disk.iterdir() if ".partial" in p.name] == []


def test_a_read_only_disk_is_said_as_such(small_disk):
    url = f"sqlite:///{small_disk / 'site.sqlite'}"
    open_database(url).close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(DatabaseRefused, match="read-only") as info:
        open_database(url)
    assert "damaged" not in str(info.value) and "backup" not in str(info.value)
