"""No command: the window, on the database given (and today's backup behind it)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from cli.common import at_the_door, open_db, read_password, sign_in

if TYPE_CHECKING:
    from app.services.accounts import SignedIn
    from app.services.database import Database


def _daily_backup_in_background(db: Database) -> None:
    """Today's backup on another thread (SQLite copies outside the GIL); failures are logged."""
    import threading

    from app.services.database import daily_backup

    def run() -> None:
        try:
            daily_backup(db)
        except Exception as exc:  # a failed backup must not stop the nurse's work
            from app.infra.logs import record_failure

            record_failure(exc)

    threading.Thread(target=run, name="daily-backup").start()


def _signing_in(db: Database, args: argparse.Namespace) -> Callable[[], SignedIn]:
    """--user's password checked on another thread while this one imports the window (the
    hash's work runs outside the interpreter's lock, on the other core); the call returned
    waits for the answer and raises as sign_in does. Nothing is shown before it."""
    from app.infra.beside import beside

    at_the_door(db, args)
    password = read_password(args)
    return beside(lambda: sign_in(db, args, password), "sign-in")


def cmd_gui(args: argparse.Namespace) -> int:
    import gc

    from app.infra.startup import precheck_database

    # Start-up allocates hundreds of thousands of long-lived objects (classes, Qt wrappers):
    # the collector would walk them again and again. ui.app freezes them once on screen.
    gc.disable()
    if not args.demo:
        # SQLite checks the file (quick_check reads all of it) on the other core, outside
        # the GIL, while this thread imports SQLAlchemy and Qt.
        precheck_database(args.db)
    import app.services.database  # noqa: F401  SQLAlchemy before PySide6: it starts faster
    from cli.common import command_day

    # the window asks who signs in, unless --user is given; it fills a new demo itself, with
    # a progress window and Cancel (the accounts come with the fill: --user waits for it)
    new_demo = bool(args.demo and not args.db and not args.user)
    db = open_db(args, login=False, fill_demo=not new_demo)
    signing = _signing_in(db, args) if args.user else None
    import ui.main_window  # noqa: F401  Qt and the window, while the password is checked
    from app.rules.protocol import default_protocol
    from app.services.demo_flag import is_demo
    from ui.app import prepare_window, run_gui, start_qt

    protocol = default_protocol()  # the study's file read, and Qt's application made,
    started = start_qt() if signing else None  # while the password is checked
    if signing:
        prepare_window()
    try:
        signed = signing() if signing else None
    except BaseException:
        db.close()
        raise
    demo = new_demo or is_demo(db)
    if not demo:
        _daily_backup_in_background(db)
    return run_gui(db, protocol, demo=demo, signed=signed,
                   fill_demo_on=command_day() if new_demo else None, started=started)
