"""The site's review of a protocol deviation: its category is one of the protocol's."""

from __future__ import annotations

from collections.abc import Sequence

from app.errors import InvalidEntry


def check_category(code: str, categories: Sequence[str], category: str | None) -> None:
    """No category yet, or one of the `categories` of the protocol `code`."""
    if category is not None and category not in categories:
        raise InvalidEntry("category", f"Choose a category of {code}: "
                           + ", ".join(categories))


__all__ = ["check_category"]
