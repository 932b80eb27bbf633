"""Counts in words, with the right plural: '1 deviation', '2 deviations', '0 visits'."""

from __future__ import annotations


def count(n: int, word: str, plural: str | None = None) -> str:
    """`n` and the word for it (`plural` where adding an s is wrong)."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
