"""`ical` and `export sdtm`: the visits for Outlook and other calendars (RFC 5545), and the
site's data as SDTM datasets (SDTMIG 3.4) for a sponsor."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.wording.words import count
from cli.common import EXIT_OK, UsageError, command_day, read, study_arg, writing

if TYPE_CHECKING:
    from app.services.database import Database
    from app.services.patient_import import ImportReport


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ical = sub.add_parser(
        "ical", help="write the visits due and booked as an iCalendar (.ics) file",
        description="Booked visits as timed events, visits not booked yet as all-day events "
                    "over their window; the same visit keeps its UID, so importing a newer "
                    "file updates the calendar. Subject IDs and visit codes only: no names.")
    ical.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    ical.add_argument("--patient", metavar="SUBJECT", help="one patient's visits only")
    ical.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    ical.add_argument("--days", type=int, default=90, metavar="N",
                      help="visits whose window opens within N days (default 90), and overdue")
    ical.add_argument("--reminder", choices=["none", "day-before", "hour-before"],
                      help="a reminder on each booked visit (default: the site's setting)")
    ical.add_argument("--today", metavar="DATE", help="default: today")
    ical.set_defaults(handler=cmd_ical)

    export = sub.add_parser("export", help="export the site's data for a sponsor")
    kinds = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    sdtm = kinds.add_parser(
        "sdtm", help="SDTM datasets (DM, SV, AE, SUPPAE, EX, PC, TU, TR, RS, DS, DV)",
        description="Per study, a folder named by its code in DIR holding its SDTMIG 3.4 "
                    "datasets with SDTM CT 2024-12-20's terms: SAS XPORT v5 (.xpt, the "
                    "submission format), CSV, or one XLSX workbook; with --define, its "
                    "define.xml 2.1. Every dataset is checked first (required variables, "
                    "code lists, ISO 8601 dates, study days, --SEQ, lengths): what does not "
                    "conform is named, and nothing is written.")
    sdtm.add_argument("-o", "--output", required=True, metavar="DIR")
    sdtm.add_argument("--format", choices=["xpt", "csv", "xlsx"], default="xpt",
                      help="the datasets' files (default xpt)")
    sdtm.add_argument("--define", action="store_true", help="write each study's define.xml")
    sdtm.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    sdtm.add_argument("--today", metavar="DATE", help="default: today")
    sdtm.set_defaults(handler=cmd_export_sdtm)
    odm = kinds.add_parser(
        "odm", help="CDISC ODM 1.3.2 XML: each study's metadata and clinical data",
        description="Study metadata (visits as StudyEventDefs, forms, item groups, items with "
                    "their DataTypes and code lists) and clinical data (subjects, visits, PK "
                    "samples, adverse events, tumour responses), each value with its last "
                    "change (AuditRecord) and each signed record with its e-signature.")
    odm.add_argument("-o", "--output", required=True, metavar="FILE.xml")
    odm.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    odm.add_argument("--today", metavar="DATE", help="default: today")
    odm.set_defaults(handler=cmd_export_odm)

    imp = sub.add_parser("import", help="bring data in from a spreadsheet")
    what = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    patients = what.add_parser(
        "patients", help="enrol the patients of a CSV or XLSX file with their past visits",
        description="One patient per row: Subject ID, Initials, Year of birth, Sex, Part, "
                    "Dose level, Cohort, Consent date, Screening date, Planned first dose, "
                    "Study; and a column per visit code (LI, C1D1, ...) with the date it was "
                    "done ('C2D1 why': the reason a visit was outside its window). All or "
                    "nothing: any problem, and nothing is imported.")
    patients.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    patients.add_argument("--dry-run", action="store_true",
                          help="report what would be imported; save nothing")
    patients.add_argument("--today", metavar="DATE", help="default: today")
    patients.set_defaults(handler=cmd_import_patients)


def cmd_ical(args: argparse.Namespace) -> int:
    from app.errors import InvalidEntry
    from app.exchange.ical import Reminder
    from app.services.ical_export import export_ical
    from app.services.patients import find_patient
    from app.services.worklist import check_lookahead

    try:
        check_lookahead(args.days)
    except InvalidEntry as exc:
        raise UsageError(f"--days: {exc.message}") from None
    today = command_day(args)

    def run(db: Database) -> int:
        pid = None
        if args.patient:
            pid = find_patient(db, args.patient, args.study)
            if pid is None:
                raise UsageError(f"no patient with subject ID {args.patient}")
        study = study_arg(db, args.study)
        reminder = Reminder(args.reminder) if args.reminder else None
        return writing(args.output, lambda: export_ical(db, args.output, today, args.days,
                                                        pid, study, reminder))

    n = read(args, run)
    print(f"calendar: {count(n, 'visit')} written to {args.output}")
    return EXIT_OK


def cmd_export_sdtm(args: argparse.Namespace) -> int:
    from app.infra.clock import Clock
    from app.services.errors import InvalidEntry
    from app.services.sdtm import export_sdtm

    today = command_day(args)

    def run(db: Database) -> dict[str, dict[str, int]]:
        study = study_arg(db, args.study)
        try:
            return writing(args.output, lambda: export_sdtm(
                db, args.output, today, Clock.utc_now(), db.actor, args.format, args.define,
                study))
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    written = read(args, run)
    for code, counts in written.items():
        print(f"SDTM {code} ({args.format}) written to {args.output}: "
              + ", ".join(f"{name} {n}" for name, n in counts.items()))
    return EXIT_OK


def cmd_export_odm(args: argparse.Namespace) -> int:
    from app.infra.clock import Clock
    from app.services.odm_export import export_odm

    today = command_day(args)

    def run(db: Database) -> int:
        study = study_arg(db, args.study)
        return writing(args.output, lambda: export_odm(db, args.output, today,
                                                       Clock.utc_now(), study))

    n = read(args, run)
    print(f"ODM 1.3.2: {count(n, 'subject')} written to {args.output}")
    return EXIT_OK


def cmd_import_patients(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.rules.protocol import default_protocol
    from app.services.errors import InvalidEntry
    from app.services.patient_import import import_patients

    today = command_day(args)
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{args.file}: no such file")

    def run(db: Database) -> ImportReport:
        try:
            return import_patients(db, default_protocol(), path, today, args.dry_run)
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    report = read(args, run)
    for line in report.created if not report.problems else []:
        print(f"  {line}")
    for problem in report.problems:
        print(f"  {problem}")
    print(report.summary())
    return EXIT_OK if not report.problems else 1
