"""Site Tracker: the entry point (`sitetrack`, `python main.py`); the commands live in cli/."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.infra.startup import precheck_for_window


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command of `argv` (default: the process's arguments).

    Opening the window, the database file's check (a read of all of it) starts before the
    commands' modules are imported, so that it runs beside every import, not after some."""
    precheck_for_window(sys.argv[1:] if argv is None else list(argv))
    from cli import main as run

    return run(argv)


def build_parser():  # type: ignore[no-untyped-def]  # the parser of cli/, for the tests and docs
    from cli import build_parser as build

    return build()


__all__ = ["build_parser", "main"]

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # a built app's helper processes start through here
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
