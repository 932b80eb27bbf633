"""Fault tests: real processes, killed with SIGKILL at random moments (marker `slow`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    for item in items:
        if "tests/faults" in str(item.fspath):
            item.add_marker(pytest.mark.slow)


def spawn(*args: str) -> subprocess.Popen:
    """The fault-test worker in its own process, from the project root."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.faults.worker", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def started(proc: subprocess.Popen) -> subprocess.Popen:
    """`proc` once a writer says it has started and opened its database, so that a kill
    timed from now falls among its writes, however long a loaded machine took to start
    it (or once it has ended, if it could not start)."""
    assert proc.stderr is not None
    proc.stderr.readline()
    return proc


def kill_after(proc: subprocess.Popen, seconds: float) -> tuple[list[str], str]:
    """SIGKILL `proc` after `seconds` (if still running): its acknowledgements and errors."""
    time.sleep(seconds)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    return [line for line in out.splitlines() if line], err
