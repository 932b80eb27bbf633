"""The monitor's commands: `sdv mark|list|plan`, `audit review` (and `audit reviewed`), and
`monitor-report`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from app.rules.dates import fmt_date
from app.wording.words import count
from cli.common import EXIT_OK, Parser, UsageError, open_db, parse_date, read, study_arg

if TYPE_CHECKING:
    from app.services.database import Database

STATES = ("verified", "partly-verified", "changed-since", "not-verified")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sdv = sub.add_parser("sdv", help="source-data verification: mark, list, the plan")
    sdv_sub = sdv.add_subparsers(dest="sdv_command", metavar="ACTION", parser_class=Parser,
                                 required=True)
    mark = sdv_sub.add_parser(
        "mark", help="mark a record verified (a monitor)",
        description="TARGET: a visit (C1D1), AE:ID, SCAN:ID or PK:VISIT. The whole record, or "
                    "only --fields.")
    mark.add_argument("subject", metavar="SUBJECT")
    mark.add_argument("target", metavar="TARGET")
    mark.add_argument("--fields", metavar="F,F", help="only these fields (default: all)")
    mark.add_argument("--study", metavar="CODE", help="the subject's study, when needed")
    mark.set_defaults(handler=cmd_sdv_mark)
    listing = sdv_sub.add_parser("list", help="every record with its verification state")
    listing.add_argument("--study", metavar="CODE", help="one study only")
    listing.add_argument("--state", choices=STATES, help="only records in this state")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=cmd_sdv_list)
    plan = sdv_sub.add_parser("plan", help="show or set a study's monitoring plan")
    plan.add_argument("study", metavar="CODE")
    plan.add_argument("--full-cycles", type=int, metavar="N",
                      help="verify screening and cycles 1 to N in full")
    plan.add_argument("--share", type=int, metavar="PERCENT", help="share of the rest")
    plan.add_argument("--every-sae", choices=("yes", "no"), help="every SAE in full")
    plan.add_argument("--reason", help="why the plan changes (kept in the audit trail)")
    plan.set_defaults(handler=cmd_sdv_plan)

    report = sub.add_parser("monitor-report", help="a monitoring visit report, signed (PDF)",
                            description="What was verified, the queries, deviations and "
                                        "open safety items of a period, e-signed by the "
                                        "monitor (the password is asked again).")
    report.add_argument("--study", metavar="CODE", required=True)
    report.add_argument("--from", dest="start", metavar="DATE", required=True)
    report.add_argument("--to", dest="end", metavar="DATE", required=True)
    report.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    report.set_defaults(handler=cmd_monitor_report)


def register_audit(audit_sub: argparse._SubParsersAction[Parser]) -> None:
    """`audit review` and `audit reviewed`, beside `audit verify`."""
    review = audit_sub.add_parser(
        "review", help="what the audit trail and sign-ins of a period hold to review",
        description="Changes after entry, corrections without a query, records entered in "
                    "error, late entries, sign-ins outside working hours, failed sign-ins "
                    "and refusals, with the reviewer's marks.")
    review.add_argument("--study", metavar="CODE", help="one study's patients only")
    review.add_argument("--from", dest="start", metavar="DATE", required=True)
    review.add_argument("--to", dest="end", metavar="DATE", required=True)
    review.add_argument("--json", action="store_true", help="print JSON for scripts")
    review.set_defaults(handler=cmd_audit_review)
    reviewed = audit_sub.add_parser("reviewed", help="mark lines of the review reviewed")
    reviewed.add_argument("keys", metavar="KEY", nargs="+", help="audit:SEQ or access:ID")
    reviewed.add_argument("--comment", required=True, help="what the review found")
    reviewed.set_defaults(handler=cmd_audit_reviewed)


def _patient(db: Database, subject: str, study: str | None) -> int:
    from app.services.patients import find_patient

    found = find_patient(db, subject, study)
    if found is None:
        raise UsageError(f"no patient {subject.strip().upper()}"
                         + (f" in {study}" if study else ""))
    return found


def _fields(text: str | None) -> Sequence[str] | None:
    return None if text is None else text.split(",")


def cmd_sdv_mark(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.sdv import key_of, sdv_rows, verify

    def run(db: Database) -> str:
        pid = _patient(db, args.subject, args.study)
        key = key_of(db, pid, args.target)
        verify(db, [key], local_now(), _fields(args.fields))
        row = next(r for r in sdv_rows(db, patient_id=pid) if r.key == key)
        return f"{row.subject_id} {row.target}: {row.state.value}"

    print(f"sdv: {read(args, run)}")
    return EXIT_OK


def cmd_sdv_list(args: argparse.Namespace) -> int:
    from app.services.sdv import sdv_rows

    rows = read(args, lambda db: sdv_rows(db, study_arg(db, args.study)))
    if args.state:
        rows = [r for r in rows if r.state.value == args.state]
    if args.json:
        print(json.dumps({"targets": [r.as_json() for r in rows]}, indent=2))
        return EXIT_OK
    print(count(len(rows), "record"))
    for r in rows:
        plan = f" [plan: {r.required}]" if r.required else ""
        changed = f" ({r.sdv.what_changed})" if r.sdv.changes else ""
        print(f"  {r.study:<14} {r.subject_id:<10} {r.target:<12} {fmt_date(r.when):<11} "
              f"{r.state.value}{changed}{plan}")
    return EXIT_OK


def cmd_sdv_plan(args: argparse.Namespace) -> int:
    from app.rules.sdv import SdvPlan
    from app.services.sdv import sdv_plan, set_sdv_plan

    def run(db: Database) -> SdvPlan:
        sid = study_arg(db, args.study)
        assert sid is not None
        plan = sdv_plan(db, sid)
        if args.full_cycles is None and args.share is None and args.every_sae is None:
            return plan
        new = SdvPlan(plan.full_cycles if args.full_cycles is None else args.full_cycles,
                      plan.share_percent if args.share is None else args.share,
                      plan.every_sae if args.every_sae is None else args.every_sae == "yes")
        set_sdv_plan(db, sid, new, args.reason or "")
        return new

    print(f"{args.study.strip().upper()}: {read(args, run).text}")
    return EXIT_OK


def _period(args: argparse.Namespace) -> tuple[date, date]:
    start, end = parse_date(args.start, "--from"), parse_date(args.end, "--to")
    assert start is not None and end is not None
    if end < start:
        raise UsageError("--to: the period ends before it starts")
    return start, end


def cmd_audit_review(args: argparse.Namespace) -> int:
    from app.rules.site_time import utc
    from app.services.audit_review import audit_review

    start, end = _period(args)
    rows = read(args, lambda db: audit_review(db, start, end, study_arg(db, args.study)))
    if args.json:
        print(json.dumps({"from": start.isoformat(), "to": end.isoformat(),
                          "lines": [r.as_json() for r in rows]}, indent=2))
        return EXIT_OK
    print(f"Audit review {fmt_date(start)} to {fmt_date(end)}: {count(len(rows), 'line')}")
    for r in rows:
        i = r.item
        when = utc(i.at).strftime("%Y-%m-%d %H:%M UTC")
        done = f" [reviewed by {r.reviewed_by}: {r.comment}]" if r.reviewed_by else ""
        why = f" (reason: {i.reason})" if i.reason else ""
        print(f"  {i.key:<12} {when}  {i.finding.value}: {i.actor}"
              f"{' ' + i.subject if i.subject else ''} {i.record}: {i.detail}{why}{done}")
    return EXIT_OK


def cmd_audit_reviewed(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.audit_review import mark_reviewed

    done = read(args, lambda db: mark_reviewed(db, args.keys, args.comment, local_now()))
    print(f"audit review: {count(done, 'line')} marked reviewed")
    return EXIT_OK


def cmd_monitor_report(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.monitor_report import monitor_report, sign_report
    from cli.common import read_password, writing
    from reports.monitor_report import write_monitor_report

    start, end = _period(args)
    db = open_db(args)
    try:
        sid = study_arg(db, args.study)
        assert sid is not None
        data = monitor_report(db, sid, start, end, local_now())
        signed = sign_report(db, data, read_password(args, "Password again to sign"),
                             local_now())
        writing(args.output, lambda: write_monitor_report(signed, args.output))
    finally:
        db.close()
    print(f"monitor-report: {args.output} written, signed by {signed.signature.printed_name}")
    return EXIT_OK
