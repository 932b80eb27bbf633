"""`make dist`: the one-folder build of this platform, with its notices and licences, passes
its own self-test offscreen (a temporary database, a worksheet, the window), and weighs at
most 250 MB (issue 32: what it carries is what the app runs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_BYTES = 250_000_000
pytestmark = [pytest.mark.slow, pytest.mark.timeout(2400)]  # PyInstaller: up to 30 min


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux build is made here; the "
                    "workflow builds Windows and macOS")
def test_the_built_app_runs_its_self_test():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(["make", "--no-print-directory", "dist"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "self-test passed" in done.stdout
    folder = ROOT / "dist" / "SiteTrack"
    notices = (folder / "_internal" / "THIRD-PARTY-NOTICES.txt")
    if not notices.exists():
        notices = folder / "THIRD-PARTY-NOTICES.txt"
    text = notices.read_text(encoding="utf-8")
    assert "PySide6" in text and "LGPL" in text and "SQLAlchemy" in text
    licences = next(folder.rglob("LGPL-3.0.txt"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licences.read_text(encoding="utf-8")
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    assert size <= MAX_BYTES, f"the build weighs {size / 1e6:.1f} MB (at most 250 MB)"
    again = subprocess.run([str(folder / "SiteTrack"), "--self-test"], env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
