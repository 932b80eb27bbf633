"""The house rules a reviewer would otherwise check by hand: small files, named steps, the
whole product type-checked and every silenced checker error explained.

(Function complexity is ruff's C901, at most 12, in the same `make test`.)
"""

from __future__ import annotations

import io
import re
import tokenize
import tomllib
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


#: what mypy checks, strict, in `make test`: the whole product
PRODUCT = ["main.py", "cli", "ui", "app", "db", "reports"]
TYPE_IGNORE = re.compile(r"#\s*type:\s*ignore\b")
#: `# type: ignore[code]  # why` (codes: mypy's, comma-separated); nothing else
EXPLAINED = re.compile(r"#\s*type:\s*ignore\[[a-z][a-z0-9-]*(,\s*[a-z][a-z0-9-]*)*\]\s*#\s*\S")


def _product_files() -> list[Path]:
    files: list[Path] = []
    for name in PRODUCT:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def _type_ignores(source: str) -> list[tuple[int, str]]:
    """Each comment that silences mypy, with its line (comments only: never a string)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.string) for t in tokens
            if t.type == tokenize.COMMENT and TYPE_IGNORE.search(t.string)]


def test_mypy_checks_the_whole_product():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert sorted(config["files"]) == sorted(PRODUCT)


def test_every_type_ignore_names_its_error_code_and_why():
    bare = [f"{path.relative_to(ROOT)}:{line}: {text}"
            for path in _product_files()
            for line, text in _type_ignores(path.read_text(encoding="utf-8"))
            if not EXPLAINED.search(text)]
    assert not bare, ("a `type: ignore` names its error code and says why, "
                      "`# type: ignore[code]  # why`:\n" + "\n".join(bare))


@pytest.mark.parametrize(("line", "explained"), [
    ("x = f()  # type: ignore", False),
    ("x = f()  # type: ignore[arg-type]", False),
    ("x = f()  # type: ignore[arg-type]  #", False),
    ("x = f()  #type:ignore  # the stubs", False),
    ("x = f()  # type: ignore[arg-type]  # a float in the stubs", True),
    ("x = f()  # type: ignore[arg-type, attr-defined]  # PySide6 stubs lack it", True),
])
def test_the_rule_tells_an_explained_ignore_from_a_bare_one(line, explained):
    (_, comment), = _type_ignores(line + "\n")
    assert bool(EXPLAINED.search(comment)) is explained


def test_a_type_ignore_in_a_string_is_no_comment():
    assert _type_ignores('text = "# type: ignore"\n') == []
