"""Site Tracker's command line: one module per command group, each registering its
sub-commands with `set_defaults(handler=...)`. No command opens the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from importlib import import_module

from app import __version__
from cli import gui
from cli.commands import COMMANDS
from cli.common import EXIT_OK, EXIT_USAGE, Parser, UsageError


def build_parser(named: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. `named`: the command line's words; only the groups of the
    commands among them are imported (to read their options), the others are listed by
    their name and help alone, without a parser each (its making costs argparse's lookups
    of its translations): `sitetrack --help` is the same. None: every group."""
    parser = Parser(
        prog="sitetrack",
        description="Site Tracker: patient calendars, visits and safety for IMP7068-101.",
    )
    parser.add_argument("--version", action="version", version=f"Site Tracker {__version__}")
    parser.add_argument(
        "--db", metavar="URL",
        help="database URL (sqlite:///path/file.sqlite or postgresql://user@host/db); "
             "default: $SITETRACK_DB, else a file in your user data folder",
    )
    parser.add_argument("--user", metavar="NAME",
                        help="sign in as NAME (commands that read or write patient data)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (else it is asked)")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo database (made with fictitious patients if new)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on a temporary database, then exit")
    parser.set_defaults(handler=gui.cmd_gui)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    words = None if named is None else set(named)
    wanted = {module for name, module, _ in COMMANDS if words is None or name in words}
    registered: set[str] = set()
    unnamed = Parser(prog="sitetrack", add_help=False)  # stands for every command not named
    for name, module, help_text in COMMANDS:
        if module not in wanted:
            sub._choices_actions.append(sub._ChoicesPseudoAction(name, (), help_text))
            sub.choices[name] = unnamed  # listed by name and help; never parsed
        elif module not in registered:  # its commands, in their order, where its first is
            import_module(f"cli.{module}").register(sub)
            registered.add(module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import os

    if os.name == "posix":
        os.umask(0o077)  # databases, backups, exports and logs: readable by their owner only
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(words).parse_args(words)
    if args.self_test:
        from cli.self_test import cmd_self_test

        handler = cmd_self_test
    else:
        handler = args.handler
    from app.infra.logs import configure_logging, logger

    configure_logging()
    logger("cli").info("Site Tracker %s: %s", __version__, args.command or "window")
    from app.errors import InvalidEntry
    from db.errors import DatabaseRefused, StorageProblem

    try:
        return handler(args)
    except UsageError as exc:
        print(f"sitetrack: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidEntry as exc:  # a role refused, or bad input a command did not catch
        print(f"sitetrack: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except (DatabaseRefused, StorageProblem) as exc:
        print(f"sitetrack: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (head, less) went away: nothing left to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the last guard: one line, never a traceback
        from app.infra.logs import record_failure

        where = record_failure(exc)
        said = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
        print(f"sitetrack: unexpected error: {type(exc).__name__}: {said}"
              + (f" (details in {where})" if where else ""), file=sys.stderr)
        return EXIT_USAGE
