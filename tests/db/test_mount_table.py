"""The mount table the network-share check reads: on Linux read from the file psutil reads,
without importing psutil (its import cost the start more than the read), the same rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from db.sqlite_file import is_network_path, mount_table


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's mount table")
def test_the_same_rows_as_psutil_gives():
    import psutil

    assert [tuple(m) for m in mount_table()] == [
        (p.device, p.mountpoint, p.fstype, p.opts) for p in psutil.disk_partitions(all=True)]


def test_escaped_names_are_decoded_and_a_share_is_found(tmp_path):
    table = tmp_path / "mounts"
    table.write_text("/dev/vda1 / ext4 rw,relatime 0 0\n"
                     "//srv/trial\\040data /mnt/trial\\040data cifs rw,vers=3.0 0 0\n"
                     "broken line\n", encoding="utf-8")
    rows = mount_table(str(table))
    assert [(m.mountpoint, m.fstype) for m in rows] == [
        ("/", "ext4"), ("/mnt/trial data", "cifs")]
    assert rows[1].device == "//srv/trial data"
    assert is_network_path(Path("/mnt/trial data/site.sqlite"), rows)
    assert not is_network_path(Path("/home/nurse/site.sqlite"), rows)


def test_the_start_s_file_check_does_not_import_psutil(tmp_path):
    import subprocess

    path = tmp_path / "x.sqlite"
    path.write_bytes(b"")
    code = ("import sys\nfrom pathlib import Path\nfrom db.sqlite_file import is_network_path\n"
            f"is_network_path(Path({str(path)!r}))\nprint('psutil' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert out.stdout.strip() == ("False" if sys.platform.startswith("linux") else "True")
