"""Commit subjects stay readable in `git log --oneline` and blame: at most 72 characters,
with a blank line before any body (issue 31). Checked from the commit the habit began."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SINCE = "ba40c2d"  # the last commit before the habit was checked
LONGEST = 72
#: subjects written in a helper's clone before the check reached it, merged as they were (a
#: merged commit cannot be reworded without rewriting everyone's history)
KNOWN = {"eaf38ea", "7216132", "08aa6fe"}  # the last two: 73 characters, seen after merging


def _git(*args: str) -> str | None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def test_subjects_are_short_and_bodies_set_apart() -> None:
    if _git("cat-file", "-e", f"{SINCE}^{{commit}}") is None:
        pytest.skip(f"this clone has no commit {SINCE} (a shallow or exported tree)")
    log = _git("log", "--abbrev=7", "--format=%h%x00%B%x01", f"{SINCE}..HEAD") or ""
    problems = []
    for entry in filter(str.strip, log.split("\x01")):
        sha, message = entry.strip("\n").split("\x00", 1)
        lines = message.splitlines()
        if len(lines[0]) > LONGEST and sha not in KNOWN:
            problems.append(f"{sha}: subject of {len(lines[0])} characters")
        if len(lines) > 1 and lines[1].strip():
            problems.append(f"{sha}: no blank line after the subject")
    assert not problems, "\n".join(problems)
