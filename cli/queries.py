"""`queries list|open|answer|close|reopen`: the monitor's questions and the site's answers
from the command line; every refusal is one line and exit 2, nothing saved."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.rules.dates import fmt_datetime
from app.wording.words import count
from cli.common import (
    EXIT_OK,
    UsageError,
    command_day,
    json_dump,
    read,
    study_arg,
    writing,
)

if TYPE_CHECKING:
    from app.services.queries import QueryRow
    from db import Database

STATES = ("open", "answered", "closed")
TARGETS = ("C1D1 (a visit), AE:ID, SCAN:ID, PK:VISIT, PATIENT, or one field of one as "
           "C1D1.actual_date")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    queries = sub.add_parser("queries", help="list, open, answer, close or re-open queries",
                             description="A monitor (or an investigator) opens a query on a "
                                         "record; the site answers it; the one who opened it, "
                                         "or another monitor, closes or re-opens it.")
    steps = queries.add_subparsers(dest="step", metavar="STEP", required=True)
    listing = steps.add_parser("list", help="the queries, oldest first")
    listing.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    listing.add_argument("--state", choices=STATES, help="one state only")
    listing.add_argument("--today", metavar="DATE", help="ages counted to DATE (default: today)")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.add_argument("-o", "--output", metavar="FILE",
                         help="write the listing to FILE.csv or FILE.xlsx")
    listing.set_defaults(handler=cmd_list)

    opening = steps.add_parser("open", help="open a query on a record of a patient")
    opening.add_argument("subject", metavar="SUBJECT")
    opening.add_argument("--on", required=True, metavar="TARGET", help=TARGETS)
    opening.add_argument("--text", required=True, metavar="TEXT")
    opening.add_argument("--study", metavar="CODE", help="the subject's study, where needed")
    opening.set_defaults(handler=cmd_open)

    answer = steps.add_parser("answer", help="the site's answer to an open query")
    answer.add_argument("id", type=int, metavar="ID")
    answer.add_argument("--text", required=True, metavar="TEXT")
    answer.set_defaults(handler=cmd_answer)

    close = steps.add_parser("close", help="close a query (who opened it, or a monitor)")
    close.add_argument("id", type=int, metavar="ID")
    close.add_argument("--text", metavar="TEXT", help="a closing comment")
    close.set_defaults(handler=cmd_close)

    reopen = steps.add_parser("reopen", help="re-open an answered or closed query")
    reopen.add_argument("id", type=int, metavar="ID")
    reopen.add_argument("--text", required=True, metavar="TEXT")
    reopen.set_defaults(handler=cmd_reopen)


def _line(r: QueryRow) -> str:
    return (f"  {r.id:>4} {r.state.value:<8} {r.study:<14} {r.subject_id:<10} "
            f"{r.target.words:<32} {r.age_days:>3} d  {r.opened_by}: {r.text}")


def cmd_list(args: argparse.Namespace) -> int:
    from app.services.queries import export_queries, list_queries

    today = command_day(args)

    def run(db: Database) -> list[QueryRow]:
        rows = list_queries(db, today, study_id=study_arg(db, args.study), state=args.state)
        if args.output:
            writing(args.output, lambda: export_queries(
                db, args.output, rows, args.study or "All studies", db.actor))
        return rows

    rows = read(args, run)
    if args.output:
        print(f"queries: {count(len(rows), 'query', 'queries')} written to {args.output}")
        return EXIT_OK
    if args.json:
        print(json_dump({"queries": [r.to_json() for r in rows]}))
        return EXIT_OK
    print(f"{count(len(rows), 'query', 'queries')}")
    for r in rows:
        print(_line(r))
        if r.answer:
            print(f"       answered by {r.answered_by} on {fmt_datetime(r.answered_at)}: "
                  f"{r.answer}")
    return EXIT_OK


def _step(args: argparse.Namespace, do: Callable[[Database], object]) -> object:
    from app.errors import InvalidEntry

    def run(db: Database) -> object:
        try:
            return do(db)
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    return read(args, run)


def cmd_open(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.queries import open_query

    qid = _step(args, lambda db: open_query(db, args.subject, args.on, args.text,
                                            local_now(), args.study))
    print(f"queries: query {qid} opened on {args.subject.strip().upper()} {args.on.strip()}")
    return EXIT_OK


def cmd_answer(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.queries import answer_query

    _step(args, lambda db: answer_query(db, args.id, args.text, local_now()))
    print(f"queries: query {args.id} answered")
    return EXIT_OK


def cmd_close(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.queries import close_query

    _step(args, lambda db: close_query(db, args.id, args.text, local_now()))
    print(f"queries: query {args.id} closed")
    return EXIT_OK


def cmd_reopen(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.queries import reopen_query

    _step(args, lambda db: reopen_query(db, args.id, args.text, local_now()))
    print(f"queries: query {args.id} re-opened")
    return EXIT_OK
