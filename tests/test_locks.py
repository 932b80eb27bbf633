"""The dependency locks: every package pyproject.toml names is pinned with its hashes, at a
version its bounds allow (a lock out of step with pyproject.toml fails here, not on a site
PC)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(lock: Path) -> dict[str, list[str]]:
    """name -> the versions pinned (one per platform or Python the lock forks on)."""
    text = lock.read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.MULTILINE):
        out.setdefault(canonicalize_name(name), []).append(version)
    return out


@pytest.mark.parametrize(("lock", "groups"), [
    ("app.lock", ("dependencies",)), ("test.lock", ("dependencies", "test")),
])
def test_every_dependency_is_pinned_within_its_bounds_with_hashes(lock, groups):
    path = ROOT / "requirements" / lock
    pinned = pins(path)
    wanted = [*PROJECT["dependencies"]] + (
        PROJECT["optional-dependencies"]["test"] if "test" in groups else [])
    for spec in wanted:
        req = Requirement(spec)
        versions = pinned.get(canonicalize_name(req.name))
        assert versions, f"{req.name} is not in {lock}: run make upgrade-deps"
        for v in versions:
            assert req.specifier.contains(v, prereleases=True), f"{req.name}=={v} vs {spec}"
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", path.read_text(encoding="utf-8"))
    assert all("--hash=sha256:" in b for b in blocks[1:]), f"{lock}: a pin without hashes"


def test_every_dependency_has_an_upper_bound():
    for spec in PROJECT["dependencies"]:
        assert "<" in str(Requirement(spec).specifier), f"{spec}: no upper bound"
