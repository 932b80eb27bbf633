"""Site Tracker: the entry point (`sitetrack`, `python main.py`); the commands live in cli/."""

from __future__ import annotations

import sys

from cli import build_parser, main

__all__ = ["build_parser", "main"]

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # a built app's helper processes start through here
    sys.exit(main())
