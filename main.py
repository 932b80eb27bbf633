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
    sched = sub.add_parser(
        "schedule", help="print a patient's calendar of visits from the protocol",
        description="Build a patient's calendar (visits, windows, statuses) from the protocol "
                    "file, as the app does. Dates are YYYY-MM-DD.")
    sched.add_argument("--first-dose", required=True, metavar="DATE",
                       help="date of the first dose (the lead-in dose, Day -7)")
    sched.add_argument("--visit", action="append", default=[], metavar="CODE=DATE",
                       help="a visit done on DATE (repeatable), e.g. C1D1=2026-01-12")
    sched.add_argument("--missed", action="append", default=[], metavar="CODE[:REASON]",
                       help="a visit marked missed (repeatable)")
    sched.add_argument("--delay", action="append", default=[], metavar="CODE=DAYS:REASON",
                       help="a cycle day 1 delayed by DAYS, reason toxicity, patient, "
                            "logistics or other (repeatable), e.g. C3D1=7:toxicity")
    for flag, what in (("--last-dose", "the last dose"), ("--progression", "progression"),
                       ("--death", "death"), ("--withdrawn", "withdrawal of consent"),
                       ("--lost-to-follow-up", "loss to follow-up"),
                       ("--new-therapy", "the start of a new anticancer therapy")):
        sched.add_argument(flag, metavar="DATE", help=f"date of {what}")
    sched.add_argument("--today", metavar="DATE", help="the day to compute statuses for "
                       "(default: today)")
    sched.add_argument("--protocol", metavar="FILE", help="protocol file (default: IMP7068-101)")
    sched.add_argument("--json", action="store_true", help="print JSON for scripts")
    demo = sub.add_parser("demo", help="fill the demo database with fictional patients",
                          description="Fill a database with fictional patients at every stage "
                                      "(the demo file unless --db names an empty database).")
    demo.add_argument("--patients", type=int, default=40, metavar="N",
                      help="how many patients (default 40)")
    demo.add_argument("--today", metavar="DATE", help="the day the demo is built around")

    upcoming = sub.add_parser("upcoming", help="print the worklist: who is due",
                              description="Visits whose window is open or opens within N days, "
                                          "and overdue visits, by the last day of the window.")
    upcoming.add_argument("--days", type=int, default=14, metavar="N",
                          help="look ahead N days (default 14)")
    upcoming.add_argument("--today", metavar="DATE", help="default: today")
    upcoming.add_argument("--json", action="store_true", help="print JSON for scripts")

    pkt = sub.add_parser("pk-times", help="a visit's PK samples with their clock times",
                         description="Each PK sample of a visit: nominal time and window, from "
                                     "the dose it counts from (for LI24 and LI48 the Day -7 "
                                     "dose, for C1D2 the C1D1 dose).")
    pkt.add_argument("--visit", required=True, metavar="CODE")
    pkt.add_argument("--dose-time", required=True, metavar='"YYYY-MM-DD HH:MM"')
    pkt.add_argument("--protocol", metavar="FILE", help="protocol file (default: IMP7068-101)")
    pkt.add_argument("--json", action="store_true", help="print JSON for scripts")

    pkl = sub.add_parser("pk-listing", help="every PK sample recorded, with deviations")
    pkl.add_argument("-o", "--output", metavar="FILE", help="write to FILE.csv or FILE.xlsx")

    labels = sub.add_parser("pk-labels", help="a PDF of a visit's PK tube labels (Code128)")
    labels.add_argument("subject", metavar="SUBJECT")
    labels.add_argument("visit", metavar="CODE")
    labels.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    labels.add_argument("--page", choices=["A4", "Letter"], default="A4")

    ctcae = sub.add_parser("ctcae", help="the NCI CTCAE dictionary: import it, read a term")
    ctcae_sub = ctcae.add_subparsers(dest="ctcae_command", metavar="ACTION",
                                     parser_class=_Parser, required=True)
    ctcae_import = ctcae_sub.add_parser(
        "import", help="load NCI's CTCAE workbook (.xlsx) or a CSV export of it")
    ctcae_import.add_argument("file", metavar="FILE")
    ctcae_import.add_argument(
        "--replace", action="store_true",
        help="accept a file that lacks terms the loaded dictionary has: they stop being "
             "offered (terms adverse events are coded to are kept for them)")
    grades = ctcae_sub.add_parser("grades", help="the grades a term has, with NCI's text")
    grades.add_argument("term", metavar="TERM", help='a CTCAE term or MedDRA code, e.g. "Nausea"')
    grades.add_argument("--json", action="store_true", help="print JSON for scripts")

    recist = sub.add_parser("recist", help="RECIST 1.1: evaluate one patient's scans")
    recist_sub = recist.add_subparsers(dest="recist_command", metavar="ACTION",
                                       parser_class=_Parser, required=True)
    evaluate = recist_sub.add_parser("evaluate", help="timepoint and best overall response")
    evaluate.add_argument("file", metavar="FILE.json")
    evaluate.add_argument("--json", action="store_true", help="print JSON for scripts")
    evaluate.add_argument("--protocol", metavar="FILE", help="protocol file (its day counts)")

    sheets = sub.add_parser("worksheets", help="the worksheets of a clinic day, in one PDF",
                            description="All worksheets of the visits booked on DATE (or, "
                                        "where none is booked, whose target is DATE), in "
                                        "subject order.")
    sheets.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    sheets.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    sheets.add_argument("--page", choices=["A4", "Letter"], default="A4")
    sheet = sub.add_parser("worksheet", help="the worksheet of one visit")
    sheet.add_argument("subject", metavar="SUBJECT")
    sheet.add_argument("visit", metavar="CODE")
    sheet.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    sheet.add_argument("--page", choices=["A4", "Letter"], default="A4")

    sub.add_parser("rebuild-calendars",
                   help="recompute every patient's calendar from the protocol file",
                   description="After an amendment of the protocol file: every stored "
                               "calendar is rebuilt by the engine (nothing recorded changes).")

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
    rest = sub.add_parser(
        "restore", help="restore a backup into a NEW file (never over the live database)",
        description="Checks the backup (manifest checksum, integrity, audit chain), then "
                    "copies it into a new file; open that file with --db to use it.")
    rest.add_argument("backup", metavar="BACKUP")
    rest.add_argument("-o", "--output", required=True, metavar="NEW_FILE")

    devs = sub.add_parser("deviations", help="list visits done out of window and missed visits")
    devs.add_argument("--csv", metavar="FILE", help="write the listing to a CSV file")
    return parser


class UsageError(Exception):
    """Bad input on the command line: one line, exit 2."""


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.services.database import open_site_database

    if args.demo and not args.db:
        from datetime import date

        from app.protocol import default_protocol
        from app.services.demo import demo_url, seed_demo

        db = open_site_database(demo_url())
        seed_demo(db, default_protocol(), date.today())
        return db
    return open_site_database(args.db)


def _read(args: argparse.Namespace, query):  # type: ignore[no-untyped-def]
    """Open the database, run one read, close it again."""
    db = _open(args)
    try:
        return query(db)
    finally:
        db.close()


def _writing(path: str, write):  # type: ignore[no-untyped-def]
    """Write a file; a path that cannot be written is one line and exit 2."""
    try:
        return write()
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from app.services.database import verify_audit_trail

    report = _read(args, verify_audit_trail)
    if report.intact:
        print(f"audit trail intact: {report.count} entries")
        return EXIT_OK
    print(f"audit trail broken at entry {report.broken_seq}: {report.problem}", file=sys.stderr)
    return EXIT_FAIL


def _date(text: str | None, what: str):  # type: ignore[no-untyped-def]
    from app.dates import parse_iso_date

    if text is None:
        return None
    try:
        return parse_iso_date(text, what)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _code_date_pairs(items: list[str]) -> dict:
    out: dict = {}
    for item in items:
        code, sep, when = item.partition("=")
        code = code.strip().upper()
        if not sep or not code:
            raise UsageError(f"--visit '{item}' must be CODE=DATE, e.g. C1D1=2026-01-12")
        day = _date(when, f"date of {code}")
        if code in out:
            raise UsageError(f"{code} is given twice ({out[code].isoformat()} and "
                             f"{day.isoformat()}): a visit happens once")
        out[code] = day
    return out


def cmd_schedule(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from app.schedule import CycleDelay, PatientFacts, ScheduleError, build_calendar

    protocol = _load_protocol(args.protocol)
    missed: dict[str, str] = {}
    for item in args.missed:
        code, _, reason = item.partition(":")
        missed[code.strip().upper()] = reason.strip()
    delays: dict[str, CycleDelay] = {}
    for item in args.delay:
        code, sep, rest = item.partition("=")
        days, sep2, reason = rest.partition(":")
        code = code.strip().upper()
        if not sep or not sep2 or not days.strip().lstrip("-").isdigit():
            raise UsageError(f"--delay '{item}' must be CODE=DAYS:REASON, e.g. C3D1=7:toxicity")
        delays[code] = CycleDelay(code, int(days), reason.strip().lower())
    facts = PatientFacts(
        first_dose=_date(args.first_dose, "--first-dose"),
        done=_code_date_pairs(args.visit),
        missed=missed,
        delays=delays,
        last_dose=_date(args.last_dose, "--last-dose"),
        progression=_date(args.progression, "--progression"),
        death=_date(args.death, "--death"),
        withdrawal=_date(args.withdrawn, "--withdrawn"),
        lost_to_follow_up=_date(args.lost_to_follow_up, "--lost-to-follow-up"),
        new_anticancer_therapy=_date(args.new_therapy, "--new-therapy"),
    )
    today = _date(args.today, "--today") or date.today()
    try:
        calendar = build_calendar(protocol, facts, today)
    except ScheduleError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(calendar.to_json(), indent=2))
        return EXIT_OK
    print(format_calendar(calendar, protocol.code))
    return EXIT_OK


def format_calendar(calendar, study: str) -> str:  # type: ignore[no-untyped-def]
    from app.dates import fmt_date

    rows = [("Code", "Visit", "Target", "Window", "Actual", "Status")]
    for v in calendar.visits:
        status = v.status.replace("_", " ")
        if v.reason:
            status += f" ({v.reason})"
        window = (fmt_date(v.target) if v.earliest == v.latest
                  else f"{fmt_date(v.earliest)} to {fmt_date(v.latest)}")
        rows.append((v.code, v.label, fmt_date(v.target), window, fmt_date(v.actual), status))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"{study}: {len(calendar.visits)} visits, statuses as of {fmt_date(calendar.today)}"]
    for i, r in enumerate(rows):
        cells = "  ".join(c.ljust(w) for c, w in zip(r[:5], widths, strict=True))
        lines.append(f"{cells}  {r[5]}")
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  ------")
    return "\n".join(lines)


def cmd_demo(args: argparse.Namespace) -> int:
    from datetime import date

    from app.protocol import default_protocol
    from app.services.database import open_site_database
    from app.services.demo import demo_url, seed_demo
    from app.services.errors import InvalidEntry

    if args.patients < 1 or args.patients > 20000:
        raise UsageError("--patients must be between 1 and 20000")
    today = _date(args.today, "--today") or date.today()
    db = open_site_database(args.db or demo_url())
    try:
        added = seed_demo(db, default_protocol(), today, args.patients)
    except InvalidEntry as exc:
        raise UsageError(exc.message) from None
    finally:
        db.close()
    where = db.display_name
    print(f"demo: {added} fictional patients added to {where}" if added
          else f"demo: {where} already holds the demo patients")
    return EXIT_OK


def cmd_upcoming(args: argparse.Namespace) -> int:
    import json
    from datetime import date, timedelta

    from app.dates import fmt_date
    from app.services.worklist import worklist

    if args.days < 0:
        raise UsageError("--days must be 0 or more")
    today = _date(args.today, "--today") or date.today()
    rows = _read(args, lambda db: worklist(db, today, args.days))
    if args.json:
        print(json.dumps({"visits": [r.to_json() for r in rows]}, indent=2))
        return EXIT_OK
    until = today + timedelta(days=args.days)
    print(f"Due from {fmt_date(today)} to {fmt_date(until)}, and overdue: {len(rows)} visits")
    for r in rows:
        booked = f"booked {fmt_date(r.booked_date)}" if r.booked_date else "not booked"
        flag = " (window closes today)" if r.closes_today else ""
        print(f"  {r.subject_id:<10} {r.code:<6} {fmt_date(r.earliest)} to {fmt_date(r.latest)}"
              f"  {r.status:<8} {booked}{flag}")
    return EXIT_OK


def _load_protocol(path: str | None):  # type: ignore[no-untyped-def]
    from app.protocol import ProtocolError, default_protocol, load_protocol

    try:
        return load_protocol(path) if path else default_protocol()
    except ProtocolError as exc:
        raise UsageError("; ".join(f"{exc.path}: {p}" for p in exc.problems)) from None


def cmd_pk_times(args: argparse.Namespace) -> int:
    import json
    from datetime import datetime

    from app import pk
    from app.dates import fmt_datetime

    protocol = _load_protocol(args.protocol)
    try:
        dose = datetime.strptime(args.dose_time.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise UsageError(f"--dose-time '{args.dose_time}' is not a date and time: use "
                         '"YYYY-MM-DD HH:MM" (24-hour)') from None
    code = args.visit.strip().upper()
    try:
        times = pk.sample_times(protocol, code, dose)
    except pk.PkError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps({"samples": [t.to_json() for t in times]}, indent=2))
        return EXIT_OK
    dose_of = times[0].slot.dose_of
    print(f"{code}: {len(times)} PK samples, counted from the {dose_of} dose at "
          f"{fmt_datetime(dose)}")
    for t in times:
        print(f"  {t.slot.label:<9} due {fmt_datetime(t.nominal)}   window "
              f"{t.earliest:%H:%M} to {t.latest:%H:%M}")
    return EXIT_OK


def cmd_pk_listing(args: argparse.Namespace) -> int:
    from app.dates import fmt_datetime
    from app.protocol import default_protocol
    from app.services.errors import InvalidEntry
    from app.services.pk import export_pk_listing, pk_listing

    rows = _read(args, lambda db: pk_listing(db, default_protocol()))
    if args.output:
        try:
            n = _writing(args.output, lambda: export_pk_listing(rows, args.output))
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None
        print(f"pk-listing: {n} samples written to {args.output}")
        return EXIT_OK
    print(f"{len(rows)} PK samples")
    for r in rows:
        dev = "" if r.deviation_min is None else f"{r.deviation_min:+.0f} min"
        print(f"  {r.subject_id:<10} {r.visit:<6} {r.timepoint:<9} nominal "
              f"{fmt_datetime(r.nominal):<18} actual {fmt_datetime(r.actual):<18} "
              f"{dev:>9}  {r.flag}")
    return EXIT_OK


def cmd_pk_labels(args: argparse.Namespace) -> int:
    from app.protocol import default_protocol
    from app.services.errors import InvalidEntry
    from app.services.patients import find_patient
    from app.services.pk import pk_panel
    from reports.pk_labels import write_pk_labels

    def panel(db):  # type: ignore[no-untyped-def]
        pid = find_patient(db, args.subject)
        if pid is None:
            raise UsageError(f"no patient with subject ID {args.subject}")
        try:
            return pk_panel(db, default_protocol(), pid, args.visit.strip().upper())
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    visit = _read(args, panel)
    n = _writing(args.output, lambda: write_pk_labels(visit, args.output, args.page))
    print(f"pk-labels: {n} labels for {visit.subject_id} {visit.visit_code} written to "
          f"{args.output}")
    return EXIT_OK


def cmd_ctcae_import(args: argparse.Namespace) -> int:
    from app.ctcae import CtcaeFileError
    from app.services.ctcae import import_dictionary

    db = _open(args)
    try:
        result = import_dictionary(db, args.file, replace=args.replace)
    except CtcaeFileError as exc:
        raise UsageError(f"{exc} (the loaded dictionary was left as it was)") from None
    finally:
        db.close()
    print(result.summary())
    return EXIT_OK


def cmd_ctcae_grades(args: argparse.Namespace) -> int:
    import json

    from app.services.ctcae import closest_terms, dictionary_info, find_term

    def look(db):  # type: ignore[no-untyped-def]
        if dictionary_info(db) is None:
            raise UsageError("the CTCAE dictionary is not loaded: sitetrack ctcae import FILE")
        entry = find_term(db, args.term)
        return entry, ([] if entry else closest_terms(db, args.term))

    entry, close = _read(args, look)
    if entry is None:
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        print(f"sitetrack: '{args.term}' is not a CTCAE v5.0 term{hint}", file=sys.stderr)
        return EXIT_FAIL
    if args.json:
        print(json.dumps({"term": entry.term, "meddra_code": entry.meddra_code,
                          "soc": entry.soc,
                          "grades": {str(g): t for g, t in entry.grades.items()}}, indent=2))
        return EXIT_OK
    print(f"{entry.term} (MedDRA {entry.meddra_code}) · {entry.soc}")
    for g in (1, 2, 3, 4, 5):
        text = entry.grades.get(g)
        print(f"  Grade {g}: {text if text else '(does not exist for this term)'}")
    if entry.definition:
        print(f"  Definition: {entry.definition}")
    return EXIT_OK


def cmd_recist_evaluate(args: argparse.Namespace) -> int:
    import json
    from decimal import Decimal

    from app.dates import fmt_date
    from app.recist import RecistError, evaluate_json

    protocol = _load_protocol(args.protocol)
    try:
        with open(args.file, encoding="utf-8") as fh:
            data = json.load(fh, parse_float=Decimal)  # exact tenths of a millimetre
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{args.file} is not JSON ({exc})") from None
    try:
        result = evaluate_json(data, protocol.response.confirm_min_days,
                               protocol.response.sd_min_days)
    except RecistError as exc:
        print(f"sitetrack: {args.file}: {exc}", file=sys.stderr)
        return EXIT_FAIL
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
        return EXIT_OK
    print(f"{'Date':<12} {'Sum mm':>7} {'vs base':>8} {'vs nadir':>9}  {'Target':<7} "
          f"{'Non-target':<14} Overall")
    for t in result.timepoints:
        def pct(v: Decimal | None) -> str:
            return "" if v is None else f"{v:+.1f}%"
        print(f"{fmt_date(t.date):<12} {'' if t.sum_mm is None else t.sum_mm:>7} "
              f"{pct(t.change_from_baseline_pct):>8} {pct(t.change_from_nadir_pct):>9}  "
              f"{t.target or '':<7} {t.non_target or '':<14} {t.overall}")
    print(f"Best overall response: {result.best_overall_response}"
          + (f" (confirmed {fmt_date(result.confirmed_on)})" if result.confirmed_on else ""))
    if result.first_progression_date:
        print(f"First progression: {fmt_date(result.first_progression_date)}")
    return EXIT_OK


def _write_sheets(args: argparse.Namespace, pick) -> int:  # type: ignore[no-untyped-def]
    """Collect the worksheets `pick(db)` names and write them to args.output."""
    from datetime import date

    from app.protocol import default_protocol
    from app.services.errors import InvalidEntry
    from app.services.worksheets import worksheet_data
    from reports.worksheet import write_worksheets

    def collect(db):  # type: ignore[no-untyped-def]
        try:
            return [worksheet_data(db, default_protocol(), pid, code, date.today())
                    for pid, code in pick(db)]
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    sheets = _read(args, collect)
    if not sheets:
        return EXIT_FAIL
    pages = _writing(args.output, lambda: write_worksheets(sheets, args.output, args.page))
    print(f"{len(sheets)} worksheet{'s' if len(sheets) != 1 else ''}, {pages} pages, "
          f"written to {args.output}")
    return EXIT_OK


def cmd_worksheets(args: argparse.Namespace) -> int:
    from app.services.worksheets import clinic_day

    day = _date(args.date, "--date")

    def pick(db):  # type: ignore[no-untyped-def]
        visits = clinic_day(db, day)
        if not visits:
            print(f"sitetrack: no visits are booked or due on {day.isoformat()}: "
                  "no PDF written", file=sys.stderr)
        return visits

    return _write_sheets(args, pick)


def cmd_worksheet(args: argparse.Namespace) -> int:
    from app.services.worksheets import visit_by_subject

    def pick(db):  # type: ignore[no-untyped-def]
        from app.services.errors import InvalidEntry

        try:
            return [visit_by_subject(db, args.subject, args.visit)]
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    return _write_sheets(args, pick)


def cmd_rebuild_calendars(args: argparse.Namespace) -> int:
    from datetime import date

    from app.protocol import default_protocol
    from app.services.database import rebuild_all
    from app.services.errors import InvalidEntry

    def rebuild(db):  # type: ignore[no-untyped-def]
        try:
            return rebuild_all(db, default_protocol(), date.today())
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    print(f"calendars rebuilt: {_read(args, rebuild)} patients")
    return EXIT_OK


def cmd_deviations(args: argparse.Namespace) -> int:
    from app.dates import fmt_date
    from app.services.worklist import deviations, export_deviations_csv

    rows = _read(args, deviations)
    if args.csv:
        n = _writing(args.csv, lambda: export_deviations_csv(rows, args.csv))
        print(f"deviations: {n} rows written to {args.csv}")
        return EXIT_OK
    print(f"{len(rows)} deviations")
    for r in rows:
        what = (f"missed ({r.reason})" if r.deviation == "missed"
                else f"done {fmt_date(r.actual)}, {abs(r.days_outside or 0)} days "
                     f"{'late' if (r.days_outside or 0) > 0 else 'early'}")
        print(f"  {r.subject_id:<10} {r.code:<6} window {fmt_date(r.earliest)} to "
              f"{fmt_date(r.latest)}: {what}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services import database as site

    if args.keep is not None and args.keep < 1:
        raise UsageError("--keep: keep at least 1 daily backup")
    if not (args.output or args.daily or args.keep):
        raise UsageError("backup: give -o FILE, --daily or --keep N")
    db = _open(args)
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

    patients, entries = restore_backup(args.backup, args.output)
    print(f"restore: {args.output} holds {holds(patients, entries)} "
          f"(checked); open it with: sitetrack --db sqlite:///{args.output}")
    return EXIT_OK


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
    from ui.app import run_gui

    db = _open(args)
    demo = is_demo(db)
    if not demo:
        _daily_backup_in_background(db)
    return run_gui(db, default_protocol(), demo=demo)


COMMANDS: dict[tuple[str | None, ...], Callable[[argparse.Namespace], int]] = {
    (None,): cmd_gui,
    ("audit", "verify"): cmd_audit_verify,
    ("schedule",): cmd_schedule,
    ("demo",): cmd_demo,
    ("upcoming",): cmd_upcoming,
    ("deviations",): cmd_deviations,
    ("pk-times",): cmd_pk_times,
    ("pk-listing",): cmd_pk_listing,
    ("pk-labels",): cmd_pk_labels,
    ("ctcae", "import"): cmd_ctcae_import,
    ("ctcae", "grades"): cmd_ctcae_grades,
    ("recist", "evaluate"): cmd_recist_evaluate,
    ("worksheets",): cmd_worksheets,
    ("worksheet",): cmd_worksheet,
    ("rebuild-calendars",): cmd_rebuild_calendars,
    ("backup",): cmd_backup,
    ("restore",): cmd_restore,
}


def main(argv: Sequence[str] | None = None) -> int:
    import os

    if os.name == "posix":
        os.umask(0o077)  # databases, backups, exports and logs: readable by their owner only
    args = build_parser().parse_args(argv)
    key = (args.command,) + ((getattr(args, f"{args.command}_command"),)
                             if args.command and hasattr(args, f"{args.command}_command") else ())
    handler = COMMANDS[key]
    from db.errors import DatabaseRefused, StorageProblem

    try:
        return handler(args)
    except UsageError as exc:
        print(f"sitetrack: {exc}", file=sys.stderr)
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
        from app.logs import record_failure

        where = record_failure(exc)
        said = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
        print(f"sitetrack: unexpected error: {type(exc).__name__}: {said}"
              + (f" (details in {where})" if where else ""), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
