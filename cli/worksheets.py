"""Worksheets on paper: one visit's, or a whole clinic day's, in one PDF."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    UsageError,
    command_day,
    parse_date,
    read,
    writing,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.database import Database
    from app.services.worksheets import WorksheetData


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sheets = sub.add_parser("worksheets", help="the worksheets of a clinic day, in one PDF",
                            description="All worksheets of the visits booked on DATE (or, "
                                        "where none is booked, whose target is DATE), every "
                                        "study's, in booking order.")
    sheets.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    sheets.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    sheets.add_argument("--page", choices=["A4", "Letter"], default="A4")
    sheets.set_defaults(handler=cmd_worksheets)
    sheet = sub.add_parser("worksheet", help="the worksheet of one visit")
    sheet.add_argument("subject", metavar="SUBJECT")
    sheet.add_argument("visit", metavar="CODE")
    sheet.add_argument("--study", metavar="CODE",
                       help="the study (when the subject ID is used in two)")
    sheet.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    sheet.add_argument("--page", choices=["A4", "Letter"], default="A4")
    sheet.set_defaults(handler=cmd_worksheet)

def _write_sheets(args: argparse.Namespace,
                  pick: Callable[[Database], list[tuple[int, str]]]) -> int:
    """Collect the worksheets `pick(db)` names and write them to args.output."""

    from app.services.errors import InvalidEntry
    from app.services.worksheets import day_worksheets
    from reports.worksheet import write_worksheets

    def collect(db: Database) -> list[WorksheetData]:
        try:  # the day's visits read together: one query per table
            return day_worksheets(db, pick(db), command_day())
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    sheets = read(args, collect)
    if not sheets:
        return EXIT_FAIL
    pages = writing(args.output, lambda: write_worksheets(sheets, args.output, args.page))
    print(f"{len(sheets)} worksheet{'s' if len(sheets) != 1 else ''}, {pages} pages, "
          f"written to {args.output}")
    return EXIT_OK


def cmd_worksheets(args: argparse.Namespace) -> int:
    from datetime import date

    from app.services.worksheets import clinic_day

    day: date = parse_date(args.date, "--date")  # a required option

    def pick(db: Database) -> list[tuple[int, str]]:
        visits = clinic_day(db, day)
        if not visits:
            print(f"sitetrack: no visits are booked or due on {day.isoformat()}: "
                  "no PDF written", file=sys.stderr)
        return visits

    return _write_sheets(args, pick)


def cmd_worksheet(args: argparse.Namespace) -> int:
    from app.services.worksheets import visit_by_subject

    def pick(db: Database) -> list[tuple[int, str]]:
        from app.services.errors import InvalidEntry

        try:
            return [visit_by_subject(db, args.subject, args.visit, args.study)]
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    return _write_sheets(args, pick)
