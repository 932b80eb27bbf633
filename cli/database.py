"""Commands on the database itself: audit verify, backup, restore, demo, rebuild-calendars."""

from __future__ import annotations

import argparse
import sys

from app.wording.words import count
from cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    Parser,
    UsageError,
    at_the_door,
    command_day,
    open_db,
    read,
    read_password,
    writing,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="check the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION",
                                     parser_class=Parser, required=True)
    audit_sub.add_parser(
        "verify", help="recompute the keyed chain, replay it against every record; exit 1 "
                       "naming what does not hold"
    ).set_defaults(handler=cmd_audit_verify)
    key = audit_sub.add_parser("key", help="the audit key: to every workstation of a shared "
                                           "PostgreSQL database (administrators)")
    key.add_argument("direction", choices=("export", "import"))
    key.add_argument("file", metavar="FILE")
    key.set_defaults(handler=cmd_audit_key)
    demo = sub.add_parser("demo", help="fill the demo database with fictional patients",
                          description="Fill a database with fictional patients at every stage "
                                      "(the demo file unless --db names an empty database).")
    demo.add_argument("--patients", type=int, default=40, metavar="N",
                      help="how many patients in IMP7068-101 (default 40)")
    demo.add_argument("--second-study", type=int, default=12, metavar="N",
                      help="how many patients in the second shipped study, ABC-2201 "
                           "(default 12; 0 leaves it out)")
    demo.add_argument("--today", metavar="DATE", help="the day the demo is built around")
    demo.set_defaults(handler=cmd_demo)

    sub.add_parser("rebuild-calendars",
                   help="recompute every patient's calendar from the protocol file",
                   description="After an amendment of the protocol file: every stored "
                               "calendar is rebuilt by the engine (nothing recorded changes)."
                   ).set_defaults(handler=cmd_rebuild_calendars)

    back = sub.add_parser(
        "backup", help="a verified copy of the database, with a manifest",
        description="SQLite: a consistent copy made with SQLite's online backup (safe while "
                    "others work), checked (integrity and audit chain) before it counts, with a "
                    "manifest beside it. PostgreSQL: prints the pg_dump command to use.")
    back.add_argument("-o", "--output", metavar="FILE", help="the new backup file")
    back.add_argument("--daily", action="store_true",
                      help="make today's automatic backup if it is not made yet (and rotate)")
    back.add_argument("--keep", type=int, metavar="N",
                      help="keep the newest N daily backups from now on (a site setting)")
    back.set_defaults(handler=cmd_backup)
    rest = sub.add_parser(
        "restore", help="restore a backup into a NEW file (never over the live database)",
        description="Checks the backup itself (its manifest's checksum and chain head, "
                    "integrity, the audit chain with the key, the replay of every record "
                    "against the trail, the anchors of the database it finds), then copies it "
                    "into a new file; open that file with --db to use it.")
    rest.add_argument("backup", metavar="BACKUP")
    rest.add_argument("-o", "--output", required=True, metavar="NEW_FILE")
    rest.add_argument("--without-manifest", action="store_true",
                      help="restore a backup whose manifest is missing (nothing then vouches "
                           "for the file but the checks of its content)")
    rest.set_defaults(handler=cmd_restore)
    roles = sub.add_parser(
        "pg-roles", help="PostgreSQL: give the app role its rights (run as the owner role)",
        description="Run with --db as the OWNER role after creating the database and after "
                    "every upgrade: the app role may read and write clinical tables but never "
                    "delete, may only add to the audit trail, and owns no table.")
    roles.add_argument("--app", required=True, metavar="ROLE", help="the app's login role")
    roles.set_defaults(handler=cmd_pg_roles)
    zone = sub.add_parser(
        "time-zone", help="show or set the site's time zone",
        description="Doses, PK tubes and SAE times are typed and shown on the site's clock. "
                    "Without ZONE, print it; with ZONE (an IANA name such as Europe/Paris), "
                    "set it. Saved times are instants: they do not move.")
    zone.add_argument("zone", nargs="?", metavar="ZONE")
    zone.add_argument("--reason", help="why the setting changes (kept in the audit trail)")
    zone.set_defaults(handler=cmd_time_zone)

def cmd_audit_verify(args: argparse.Namespace) -> int:
    """Read-only: the database is opened so that nothing can be written, and the account is
    checked without recording anything (a broken trail refuses every write)."""
    from app.infra.clock import local_now
    from app.services.accounts import AccessDenied
    from app.services.audit_check import check_auditor, open_for_audit
    from app.services.database import verify_audit_trail
    from app.services.demo import demo_url

    db = open_for_audit(demo_url() if args.demo and not args.db else args.db)
    try:
        at_the_door(db, args)
        try:
            check_auditor(db, args.user, read_password(args), local_now())
        except AccessDenied as exc:
            raise UsageError(exc.message) from None
        report = verify_audit_trail(db)
    finally:
        db.close()
    if report.intact:
        print(report.message)
        return EXIT_OK
    print(report.message, file=sys.stderr)
    for line in report.mismatches[1:]:
        print(f"  {line}", file=sys.stderr)
    return EXIT_FAIL


def cmd_demo(args: argparse.Namespace) -> int:

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.demo import demo_url, seed_demo
    from app.services.errors import InvalidEntry

    if args.patients < 1 or args.patients > 20000:
        raise UsageError("--patients must be between 1 and 20000")
    if args.second_study < 0 or args.second_study > 20000:
        raise UsageError("--second-study must be between 0 and 20000")
    today = command_day(args)
    db = open_site_database(args.db or demo_url())
    try:
        added = seed_demo(db, default_protocol(), today, args.patients,
                          second_study=args.second_study)
    except InvalidEntry as exc:
        raise UsageError(exc.message) from None
    finally:
        db.close()
    where = db.display_name
    split = f" ({args.patients} in IMP7068-101, {args.second_study} in ABC-2201)" \
        if args.second_study else ""
    print(f"demo: {added} fictional patients{split} added to {where}" if added
          else f"demo: {where} already holds the demo patients")
    print("demo: fictional accounts nurse, investigator, monitor and admin, each with the "
          "password 'demo'")
    return EXIT_OK


def cmd_rebuild_calendars(args: argparse.Namespace) -> int:

    from app.services.database import rebuild_all
    from app.services.errors import InvalidEntry

    def rebuild(db):  # type: ignore[no-untyped-def]
        try:
            return rebuild_all(db, command_day())
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    print(f"calendars rebuilt: {count(read(args, rebuild), 'patient')}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services import database as site

    if args.keep is not None and args.keep < 1:
        raise UsageError("--keep: keep at least 1 daily backup")
    if not (args.output or args.daily or args.keep):
        raise UsageError("backup: give -o FILE, --daily or --keep N")
    db = open_db(args)
    try:
        if args.keep:
            site.set_backup_keep(db, args.keep)
            print(f"backup: the newest {args.keep} daily backups are kept")
        if args.daily:
            report = site.daily_backup(db)
            print(f"backup: {report.path} ({site.holds(report.patients, report.audit_entries)}, "
                  "verified)" if report else "backup: today's backup is made")
        if args.output:
            report = site.backup_now(db, args.output)
            print(f"backup: {report.path} ({site.holds(report.patients, report.audit_entries)}, "
                  f"verified; manifest {report.manifest})")
    finally:
        db.close()
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services.database import holds, restore_backup

    report = restore_backup(args.backup, args.output, without_manifest=args.without_manifest)
    if report.warning:
        print(f"restore: warning: {report.warning}", file=sys.stderr)
    print(f"restore: {args.output} holds {holds(report.patients, report.audit_entries)}; "
          "checked:")
    for check in report.checked:
        print(f"  {check}")
    print(f"open it with: sitetrack --db sqlite:///{args.output}")
    return EXIT_OK


def cmd_time_zone(args: argparse.Namespace) -> int:
    from app.services.errors import InvalidEntry
    from app.services.site_time import set_site_zone, site_zone

    db = open_db(args)
    try:
        if args.zone:
            try:
                set_site_zone(db, args.zone, args.reason)
            except InvalidEntry as exc:
                raise UsageError(exc.message) from None
        print(f"site time zone: {site_zone(db)}")
    finally:
        db.close()
    return EXIT_OK


def cmd_audit_key(args: argparse.Namespace) -> int:
    from app.services.database import export_audit_key, import_audit_key

    def act(db):  # type: ignore[no-untyped-def]
        if args.direction == "export":
            return writing(args.file, lambda: export_audit_key(db, args.file))
        return import_audit_key(db, args.file)

    # importing needs no sign-in: without the key nobody can sign in here, and only this
    # database's own key, under which its whole chain verifies, is accepted
    database_id = read(args, act, login=args.direction == "export")
    verb = "written to" if args.direction == "export" else "installed from"
    print(f"audit key of database {database_id} {verb} {args.file}")
    return EXIT_OK


def cmd_pg_roles(args: argparse.Namespace) -> int:
    from db.pg_roles import grant_app_role

    db = open_db(args, login=False)  # the owner's connection: it migrates, then grants
    try:
        if db.backend != "postgresql":
            raise UsageError("pg-roles is for a shared PostgreSQL database (--db postgresql://"
                             "OWNER@HOST/DB)")
        try:
            with db.engine.begin() as conn:
                done = grant_app_role(conn, args.app)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    finally:
        db.close()
    print(f"pg-roles: {args.app} has its rights ({len(done)} statements):")
    for statement in done:
        print(f"  {statement}")
    return EXIT_OK
