"""What every command shares: exit codes, one-line errors, opening the database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from app.protocol import Protocol
    from app.services.database import Database

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line, exit 2, as argparse does, without the usage dump."""
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


class UsageError(Exception):
    """Bad input on the command line: one line, exit 2."""


def open_db(args: argparse.Namespace) -> Database:
    """The database of --db (or the default); with --demo, the demo, filled if new."""
    from app.services.database import open_site_database

    if args.demo and not args.db:
        from app.protocol import default_protocol
        from app.services.demo import demo_url, seed_demo

        db = open_site_database(demo_url())
        seed_demo(db, default_protocol(), command_day())
        return db
    return open_site_database(args.db)


def read(args: argparse.Namespace, query: Callable[[Database], T]) -> T:
    """Open the database, run one read, close it again."""
    db = open_db(args)
    try:
        return query(db)
    finally:
        db.close()


def writing(path: str, write: Callable[[], T]) -> T:
    """Write a file; a path that cannot be written is one line and exit 2."""
    try:
        return write()
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def command_day(args: argparse.Namespace | None = None) -> date:
    """The command's day: its --today where it has one, else the one clock's."""
    from app.clock import Clock

    given = parse_date(getattr(args, "today", None), "--today") if args is not None else None
    return given or Clock().today()


def parse_date(text: str | None, what: str) -> date | None:
    from app.dates import parse_iso_date

    if text is None:
        return None
    try:
        return parse_iso_date(text, what)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def protocol_arg(path: str | None) -> Protocol:
    """--protocol FILE, or the shipped study."""
    from app.protocol import ProtocolError, default_protocol, load_protocol

    try:
        return load_protocol(path) if path else default_protocol()
    except ProtocolError as exc:
        raise UsageError("; ".join(f"{exc.path}: {p}" for p in exc.problems)) from None


def json_dump(data: Any) -> str:
    import json

    return json.dumps(data, indent=2)
