"""What every command shares: exit codes, one-line errors, opening the database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from app.rules.protocol import Protocol
    from app.services.accounts import SignedIn
    from app.services.database import Database

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line, exit 2, as argparse does, without the usage dump."""
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


class UsageError(Exception):
    """Bad input on the command line: one line, exit 2."""


def open_db(args: argparse.Namespace, login: bool = True, fill_demo: bool = True) -> Database:
    """The database of --db (or the default); with --demo, the demo, filled if new (unless
    the window fills it, off its thread). With `login` the account of --user is signed in
    (its role then decides what may be done)."""
    from app.services.database import open_site_database

    if args.demo and not args.db:
        from app.rules.protocol import default_protocol
        from app.services.demo import demo_url, seed_demo

        db = open_site_database(demo_url())
        if fill_demo:
            seed_demo(db, default_protocol(), command_day())
    else:
        db = open_site_database(args.db)
    if login:
        try:
            sign_in(db, args)
        except BaseException:
            db.close()
            raise
    return db


def sign_in(db: Database, args: argparse.Namespace, password: str | None = None) -> SignedIn:
    """--user NAME, its password from the terminal or standard input (never an argument or
    the environment), or the `password` already read; every refusal is one line and exit 2."""
    from app.infra.clock import local_now
    from app.services.accounts import AccessDenied
    from app.services.accounts import sign_in as account_sign_in

    if password is None:
        at_the_door(db, args)
        password = read_password(args)
    try:
        signed = account_sign_in(db, args.user, password, local_now())
    except AccessDenied as exc:
        raise UsageError(exc.message) from None
    if signed.must_change:
        raise UsageError("your password was reset: choose your own first with "
                         f"`sitetrack --user {signed.name} password`")
    return signed


def at_the_door(db: Database, args: argparse.Namespace) -> None:
    """Before a password is asked: the database has accounts, and --user names one."""
    from app.services.accounts import has_accounts

    command = getattr(args, "command", None) or "this command"
    if not has_accounts(db):
        raise UsageError("this database has no accounts yet: create its first administrator "
                         "with `sitetrack --db URL init --admin NAME`")
    if not args.user:
        raise UsageError(f"`{command}` reads or writes patient data: sign in with --user NAME "
                         "(the password is asked, or read from standard input with "
                         "--password-stdin)")


def read_password(args: argparse.Namespace, prompt: str = "Password") -> str:
    import sys

    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("--password-stdin: standard input is empty")
        return line.rstrip("\r\n")
    import getpass

    try:
        return getpass.getpass(f"{prompt} for {args.user}: ")
    except (EOFError, KeyboardInterrupt):
        raise UsageError("no password given") from None


def read(args: argparse.Namespace, query: Callable[[Database], T], login: bool = True) -> T:
    """Open the database (signed in), run one read, close it again."""
    db = open_db(args, login)
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
    from app.infra.clock import Clock

    given = parse_date(getattr(args, "today", None), "--today") if args is not None else None
    return given or Clock().today()


def parse_date(text: str | None, what: str) -> date | None:
    from app.rules.dates import parse_user_date

    if text is None:
        return None
    try:
        day = parse_user_date(text)
    except ValueError as exc:  # "'31-FEB-2026' is not a real date: February 2026 has 28 days"
        raise UsageError(f"{what}: {exc}".replace("type it as DD-MMM-YYYY",
                                                  "give it as DD-MMM-YYYY or YYYY-MM-DD")
                         ) from None
    if day is None:
        raise UsageError(f"{what}: give a date (DD-MMM-YYYY or YYYY-MM-DD)")
    return day


def study_arg(db: Database, code: str | None) -> int | None:
    """--study CODE as the study's id (None: every study); an unknown code is one line and
    exit 2."""
    from app.services.errors import InvalidEntry
    from app.services.studies import study_named

    if not code:
        return None
    try:
        return study_named(db, code)
    except InvalidEntry as exc:
        raise UsageError(f"--study: {exc.message}") from None


def protocol_arg(path: str | None) -> Protocol:
    """--protocol FILE, or the shipped study."""
    from app.rules.protocol import ProtocolError, default_protocol, load_protocol

    try:
        return load_protocol(path) if path else default_protocol()
    except ProtocolError as exc:
        raise UsageError("; ".join(f"{exc.path}: {p}" for p in exc.problems)) from None


def json_dump(data: Any) -> str:
    import json

    return json.dumps(data, indent=2)
