"""Site Tracker: the command line. No subcommand opens the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from app import __version__

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, no usage dump
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sitetrack",
        description="Site Tracker: patient calendars, visits and safety for IMP7068-101.",
    )
    parser.add_argument("--version", action="version", version=f"Site Tracker {__version__}")
    parser.add_argument(
        "--db", metavar="URL",
        help="database URL (sqlite:///path/file.sqlite or postgresql://user@host/db); "
             "default: $SITETRACK_DB, else a file in your user data folder",
    )
    parser.add_argument("--demo", action="store_true",
                        help="open the demo database (made with fictitious patients if new)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    audit = sub.add_parser("audit", help="check the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION",
                                     parser_class=_Parser, required=True)
    audit_sub.add_parser("verify",
                         help="recompute the hash chain; exit 1 at the first broken entry")
    return parser


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.services.database import open_site_database

    if args.demo and not args.db:
        from datetime import date

        from app.services.demo import demo_url, seed_demo

        db = open_site_database(demo_url())
        seed_demo(db, date.today())
        return db
    return open_site_database(args.db)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from app.services.database import verify_audit_trail

    db = _open(args)
    try:
        report = verify_audit_trail(db)
    finally:
        db.close()
    if report.intact:
        print(f"audit trail intact: {report.count} entries")
        return EXIT_OK
    print(f"audit trail broken at entry {report.broken_seq}: {report.problem}", file=sys.stderr)
    return EXIT_FAIL


def cmd_gui(args: argparse.Namespace) -> int:
    db = _open(args)  # SQLAlchemy before PySide6: the import order that starts faster
    from ui.app import run_gui

    return run_gui(db)


COMMANDS: dict[tuple[str | None, ...], Callable[[argparse.Namespace], int]] = {
    (None,): cmd_gui,
    ("audit", "verify"): cmd_audit_verify,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    key = (args.command,) + ((getattr(args, f"{args.command}_command"),)
                             if args.command and hasattr(args, f"{args.command}_command") else ())
    handler = COMMANDS[key]
    from db.errors import DatabaseRefused

    try:
        return handler(args)
    except DatabaseRefused as exc:
        print(f"sitetrack: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: one line, never a traceback
        print(f"sitetrack: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
