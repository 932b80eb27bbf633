"""Typed reads out of a TOML tree that collect every problem with its key path.

A protocol file is checked whole: the user sees all that is wrong at once, each problem
named by its key (visits[3] (C1D8).window.before: negative window ...).
"""

from __future__ import annotations

import re
from typing import Any

from app.rules.protocol.model import Window


class Reader:
    """Reads typed values out of the TOML tree, collecting problems with their key paths."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, key: str, problem: str) -> None:
        self.problems.append(f"{key}: {problem}")

    def table(self, data: Any, key: str, name: str, required: bool = True) -> dict[str, Any]:
        value = data.get(name) if isinstance(data, dict) else None
        full = f"{key}.{name}" if key else name
        if value is None:
            if required:
                self.fail(full, "missing")
            return {}
        if not isinstance(value, dict):
            self.fail(full, "must be a table")
            return {}
        return value

    def array(self, data: dict[str, Any], key: str, name: str, required: bool = True
              ) -> list[Any]:
        value = data.get(name)
        full = f"{key}.{name}" if key else name
        if value is None:
            if required:
                self.fail(full, "missing")
            return []
        if not isinstance(value, list):
            self.fail(full, "must be an array")
            return []
        return value

    def get(self, data: dict[str, Any], key: str, name: str, kind: type | tuple[type, ...],
            default: Any = ..., *, minimum: int | None = None) -> Any:
        full = f"{key}.{name}" if key else name
        if name not in data:
            if default is ...:
                self.fail(full, "missing")
                return None
            return default
        value = data[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            names = " or ".join(k.__name__ for k in kinds).replace("str", "text").replace(
                "int", "a whole number")
            self.fail(full, f"must be {names}, not {value!r}")
            return None
        if minimum is not None and isinstance(value, int) and value < minimum:
            self.fail(full, f"must be at least {minimum}, not {value}")
            return None
        return value

    def strings(self, data: dict[str, Any], key: str, name: str) -> tuple[str, ...]:
        items = self.array(data, key, name, required=False)
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{key}.{name}[{i}]", "must be non-empty text")
            else:
                out.append(item)
        return tuple(out)

    def window(self, data: dict[str, Any], key: str) -> Window:
        w = self.table(data, key, "window")
        before = self.get(w, f"{key}.window", "before", int)
        after = self.get(w, f"{key}.window", "after", int)
        for name, value in (("before", before), ("after", after)):
            if isinstance(value, int) and value < 0:
                self.fail(f"{key}.window.{name}", f"negative window ({value} days): "
                          "give the days before and after the target as 0 or more")
        return Window(before if isinstance(before, int) and before >= 0 else 0,
                      after if isinstance(after, int) and after >= 0 else 0)


def open_reviews(r: Reader, data: dict[str, Any]) -> None:
    """A draft imported from a USDM file (issue 39) is not a protocol while a decision of
    its [review] is open: each open item is a problem, named by its USDM element."""
    review = r.table(data, "", "review", required=False)
    for i, item in enumerate(r.array(review, "review", "items", required=False)):
        if not isinstance(item, dict):
            r.fail(f"review.items[{i}]", "must be a table")
        elif item.get("decided") is not True:
            r.fail(f"review.items[{i}] ({item.get('element', '?')})",
                   f"open decision: {item.get('decide', '?')} (the draft: "
                   f"{item.get('draft', 'nothing')}); decide it, then set decided = true")


def template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = ""
    for i, part in enumerate(parts):
        regex += re.escape(part) if i % 2 == 0 else f"(?P<{part}>\\d+)"
    return re.compile(regex)
