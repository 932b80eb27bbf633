"""One clock: the day and the time are read in app/infra/clock.py only (ruff's DTZ rules
and the banned clock calls of pyproject.toml, in `make test` and `make lint`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ["app", "cli", "db", "reports", "ui", "tools", "benchmarks", "main.py"]
CLOCK_RULES = ("DTZ", "TID251")


def _ruff(*args: str, source: str | None = None) -> list[str]:
    """The clock rules' findings of the project's own ruff configuration."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                             "--output-format", "concise", *args],
                            cwd=ROOT, input=source, capture_output=True, text=True, timeout=120)
    return [line for line in result.stdout.splitlines()
            if any(f" {rule}" in line for rule in CLOCK_RULES)]


def test_the_product_reads_the_clock_only_through_app_clock():
    assert _ruff(*PRODUCT) == []


@pytest.mark.parametrize("call", [
    "from datetime import date\nd = date.today()\n",
    "from datetime import datetime\nd = datetime.now()\n",
    "from datetime import UTC, datetime\nd = datetime.now(UTC)\n",
    "import datetime\nd = datetime.datetime.utcnow()\n",
    "import time\nt = time.time()\n",
    "from dataclasses import field\nfrom datetime import date\nf = field(default=date.today)\n",
    "from PySide6.QtCore import QDate\nd = QDate.currentDate()\n",
])
def test_a_clock_read_outside_app_clock_is_refused(call):
    assert _ruff("--stdin-filename", "ui/some_place.py", "-", source=call) != []
    assert _ruff("--stdin-filename", "app/infra/clock.py", "-", source=call) == []
