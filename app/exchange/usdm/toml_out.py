"""The draft written as a protocol file (TOML, by hand: the app reads TOML with the
standard library and writes little of it), its open decisions in [review] at the end."""

from __future__ import annotations

import json
from typing import Any

from app.exchange.usdm.context import ReviewItem

_INLINE = {"window", "rhythm"}

HEADER = """\
# DRAFT protocol file imported from a CDISC USDM v4 file ({source}, study version {version}).
# Check every section against the protocol. Each [[review.items]] at the end is a decision
# the import could not make from the file: decide it (edit the draft above), then set its
# `decided = true`. `sitetrack protocol check` refuses this file while any item is open.
"""


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return f"{v:g}" if isinstance(v, float) else str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        if len(v) > 3 and all(isinstance(x, str) for x in v):
            return "[\n" + "".join(f"  {_value(x)},\n" for x in v) + "]"
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _is_subtable(key: str, v: Any) -> bool:
    if key in _INLINE:
        return False
    return isinstance(v, dict) or (isinstance(v, list) and bool(v)
                                   and all(isinstance(x, dict) for x in v))


def _table(name: str, data: dict[str, Any], array: bool, out: list[str]) -> None:
    out.append(f"\n[[{name}]]" if array else f"\n[{name}]")
    for k, v in data.items():
        if not _is_subtable(k, v) and v is not None:
            out.append(f"{k} = {_value(v)}")
    for k, v in data.items():
        if _is_subtable(k, v):
            _emit(f"{name}.{k}", v, out)


def _emit(name: str, v: Any, out: list[str]) -> None:
    if isinstance(v, dict):
        _table(name, v, False, out)
    else:
        for item in v:
            _table(name, item, True, out)


def to_toml(tree: dict[str, Any], review: list[ReviewItem], source: str, version: str,
            decided: set[int] | frozenset[int] = frozenset()) -> str:
    out = [HEADER.format(source=source, version=version).rstrip("\n")]
    for k, v in tree.items():
        if _is_subtable(k, v):
            _emit(k, v, out)
        elif v is not None:
            out.append(f"{k} = {_value(v)}")
    out.append("\n# --- decisions the USDM file left open -------------------------------------")
    out.append("[review]")
    out.append(f"open = {len(review)}  # as imported; `protocol check` counts the undecided")
    for n, item in enumerate(review):
        out.append("\n[[review.items]]")
        out.append(f"element = {_value(item.element)}")
        out.append(f"decide = {_value(item.what)}")
        if item.guess:
            out.append(f"draft = {_value(item.guess)}")
        out.append(f"decided = {_value(n in decided)}")
    return "\n".join(out) + "\n"
