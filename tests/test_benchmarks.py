"""`make bench` never reports a figure it did not measure: a database it cannot build is
one line and a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_benchmark_that_cannot_build_its_database_says_so_in_one_line(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    env = dict(os.environ, SITETRACK_BENCH_DIR=str(blocked), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_all.py")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""                                       # no figure at all
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"bench: cannot build the benchmark database in {blocked}")


def test_a_place_is_timed_until_its_work_off_the_gui_thread_is_shown(qapp):
    """The places' figures wait for every operation a place started (ui/operations.py)
    and for its results handed to the GUI thread, not only for the empty widget."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_places import until_shown

    from ui.operations import Operation, running

    shown: list[int] = []
    Operation(None, lambda job: sum(range(100_000)), title="results").success(
        shown.append).run()
    until_shown(qapp)
    assert shown == [sum(range(100_000))] and running() == 0


def test_the_patient_page_floor_names_services_that_exist():
    """The patient page's floor serves the page's reading services from rows read before;
    a service moved (made lazy, renamed) must be named where it now is, or the bench stops."""
    import importlib

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_patient import READERS
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    missing = [f"{module}.{name}" for module, name in READERS
               if not callable(getattr(importlib.import_module(module), name, None))]
    assert missing == []
