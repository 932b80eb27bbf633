"""No command: the window, on the database given (and today's backup behind it)."""

from __future__ import annotations

import argparse

from cli.common import open_db, sign_in


def _daily_backup_in_background(db) -> None:  # type: ignore[no-untyped-def]
    """Today's backup on another thread (SQLite copies outside the GIL); failures are logged."""
    import threading

    from app.services.database import daily_backup

    def run() -> None:
        try:
            daily_backup(db)
        except Exception as exc:  # a failed backup must not stop the nurse's work
            from app.logs import record_failure

            record_failure(exc)

    threading.Thread(target=run, name="daily-backup").start()


def cmd_gui(args: argparse.Namespace) -> int:
    import gc

    from app.startup import precheck_database

    # Start-up allocates hundreds of thousands of long-lived objects (classes, Qt wrappers):
    # the collector would walk them again and again. ui.app freezes them once on screen.
    gc.disable()
    if not args.demo:
        # SQLite checks the file (quick_check reads all of it) on the other core, outside
        # the GIL, while this thread imports SQLAlchemy and Qt.
        precheck_database(args.db)
    import app.services.database  # noqa: F401  SQLAlchemy before PySide6: it starts faster
    import ui.main_window  # noqa: F401
    from app.protocol import default_protocol
    from app.services.demo import is_demo
    from cli.common import command_day
    from ui.app import run_gui

    # the window asks who signs in, unless --user is given; it fills a new demo itself, with
    # a progress window and Cancel (the accounts come with the fill: --user waits for it)
    new_demo = bool(args.demo and not args.db and not args.user)
    db = open_db(args, login=False, fill_demo=not new_demo)
    signed = sign_in(db, args) if args.user else None
    demo = new_demo or is_demo(db)
    if not demo:
        _daily_backup_in_background(db)
    return run_gui(db, default_protocol(), demo=demo, signed=signed,
                   fill_demo_on=command_day() if new_demo else None)
