"""Services load, decide by calling a pure rule, and write: the only refusals a service
raises itself are "not found" and "not allowed" (issue 31). Every other refusal, an
InvalidEntry, is a rule's, in app/rules/, where it is unit-tested without a database."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ROOT / "app" / "services"
ALLOWED = {"NotFound", "NotAllowed", "AccessDenied"}


def _raised_names(path: Path) -> list[tuple[int, str]]:
    """(line, name) of each `raise Name(...)` / `raise Name` in the file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name):
                out.append((node.lineno, target.id))
    return out


def test_no_service_raises_an_entry_error_itself():
    found = [f"{p.relative_to(ROOT)}:{line}" for p in sorted(SERVICES.rglob("*.py"))
             for line, name in _raised_names(p) if name == "InvalidEntry"]
    assert found == [], "a rule in app/rules/ decides these: " + ", ".join(found)


def test_the_refusals_services_raise_are_not_found_and_not_allowed():
    raised = {name for p in SERVICES.rglob("*.py") for _, name in _raised_names(p)}
    assert {"NotFound", "NotAllowed"} <= raised
    assert not {n for n in raised if n.endswith("Entry")} - ALLOWED


def test_in_the_future_is_said_by_the_one_rule():
    """"... is in the future" is app/rules/future.not_in_future's, in each form's words."""
    inline = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                    and getattr(node.exc.func, "id", None) == "InvalidEntry" \
                    and any(isinstance(a, ast.Constant) and "in the future" in str(a.value)
                            for a in node.exc.args):
                inline.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert inline == [], "use not_in_future: " + ", ".join(inline)
