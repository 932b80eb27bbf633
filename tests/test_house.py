"""The house rules a reviewer would otherwise check by hand: small files, named steps.

(Function complexity is ruff's C901, at most 12, in the same `make test`.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["app", "cli", "db", "reports", "ui", "tools", "benchmarks", "main.py"]
MAX_LINES = 400


def _python_files() -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [f for f in files if "migrations/versions" not in f.as_posix()]


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_source_file_is_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concept"


def test_the_checked_sources_exist():
    assert len(_python_files()) > 50
