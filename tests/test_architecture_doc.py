"""docs/architecture.md stays true to the tree: the paths it names exist, every pure rule
module is named in its map, and its contract table names the contracts pyproject keeps."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text("utf-8")


def test_every_path_the_page_names_exists() -> None:
    named = set(re.findall(r"`((?:app|db|ui|cli|reports|resources)/[\w/]+(?:\.py)?)`", DOC))
    assert named, "the page names no path"
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, f"docs/architecture.md names paths that are gone: {missing}"


def test_every_pure_rule_module_is_on_the_map() -> None:
    layers = DOC.split("## The layers", 1)[1].split("##", 1)[0]
    modules = sorted(p.stem for p in (ROOT / "app" / "rules").glob("*.py")
                     if p.stem != "__init__")
    packages = sorted(p.name for p in (ROOT / "app" / "rules").iterdir()
                      if (p / "__init__.py").exists())
    absent = [m for m in modules + packages if not re.search(rf"\b{m}\b", layers)]
    assert not absent, f"app/rules modules missing from the layers map: {absent}"


def test_the_contract_table_is_pyprojects() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    names = [c["name"].lower() for c in config["tool"]["importlinter"]["contracts"]]
    rows = [line.split("|")[1].strip().lower() for line in DOC.splitlines()
            if line.startswith("| ") and " -> " in line.split("|")[2]]
    assert sorted(rows) == sorted(n.replace(", never the reverse", "")
                                  .replace(": ui reaches the database only through app "
                                           "services", "") for n in names)
