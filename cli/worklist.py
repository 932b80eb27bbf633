"""`upcoming` and `deviations`: who is due, and what went outside the protocol."""

from __future__ import annotations

import argparse

from app.rules.dates import fmt_date
from app.wording.words import count
from cli.common import (
    EXIT_OK,
    UsageError,
    command_day,
    read,
    study_arg,
    writing,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    upcoming = sub.add_parser("upcoming", help="print the worklist: who is due",
                              description="Visits whose window is open or opens within N days, "
                                          "and overdue visits, by the last day of the window.")
    upcoming.add_argument("--days", type=int, default=14, metavar="N",
                          help="look ahead N days (default 14)")
    upcoming.add_argument("--today", metavar="DATE", help="default: today")
    upcoming.add_argument("--json", action="store_true", help="print JSON for scripts")
    upcoming.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    upcoming.set_defaults(handler=cmd_upcoming)

    devs = sub.add_parser("deviations", help="every deviation: visits out of window or missed, "
                          "doses and scans outside their windows, PK samples, late SAEs")
    devs.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    devs.add_argument("--csv", metavar="FILE", help="write the log to a file (.csv or .xlsx)")
    devs.set_defaults(handler=cmd_deviations)

def cmd_upcoming(args: argparse.Namespace) -> int:
    import json
    from datetime import timedelta

    from app.errors import InvalidEntry
    from app.services.worklist import check_lookahead, worklist

    try:
        check_lookahead(args.days)
    except InvalidEntry as exc:
        raise UsageError(f"--days: {exc.message}") from None
    today = command_day(args)
    rows = read(args, lambda db: worklist(db, today, args.days, study_id=study_arg(db, args.study)))
    if args.json:
        print(json.dumps({"visits": [r.to_json() for r in rows]}, indent=2))
        return EXIT_OK
    until = today + timedelta(days=args.days)
    print(f"Due from {fmt_date(today)} to {fmt_date(until)}, and overdue: "
          f"{count(len(rows), 'visit')}")
    for r in rows:
        booked = f"booked {fmt_date(r.booked_date)}" if r.booked_date else "not booked"
        flag = " (window closes today)" if r.closes_today else ""
        print(f"  {r.study:<14} {r.subject_id:<10} {r.code:<6} {fmt_date(r.earliest)} to "
              f"{fmt_date(r.latest)}  {r.status:<8} {booked}{flag}")
    return EXIT_OK


def cmd_deviations(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from app.services.deviation_log import deviation_log, log_table
    from app.services.exports import export_listing

    def run(db):  # type: ignore[no-untyped-def]
        study = study_arg(db, args.study)
        log = deviation_log(db, study, datetime.now(UTC))
        if args.csv:
            columns, rows = log_table(log)
            writing(args.csv, lambda: export_listing(
                db, args.csv, "Deviations", args.study or "All studies", db.actor,
                columns, rows))
        return log

    log = read(args, run)
    if args.csv:
        print(f"deviations: {count(len(log), 'row')} written to {args.csv}")
        return EXIT_OK
    print(count(len(log), "deviation"))
    for d in log:
        status = "reviewed" + (", important" if d.important else "") \
            if d.status == "reviewed" else "new"
        print(f"  {d.study:<14} {d.subject_id:<10} {fmt_date(d.day)}  {d.kind}: {d.what}: "
              f"{d.detail}" + (f" ({d.reason})" if d.reason else "") + f" [{status}]")
    return EXIT_OK
