"""`delegation list|add|end|approve|settings|training|print|export`: each study's delegation
of authority log, kept by an administrator or the study's principal investigator and
approved by the PI's e-signature (the password read again)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from cli.common import EXIT_OK, UsageError, json_dump, parse_date, read, read_password, writing

if TYPE_CHECKING:
    from app.services.database import Database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    top = sub.add_parser("delegation", help="the delegation of authority log of each study")
    cmds = top.add_subparsers(dest="delegation_command", metavar="ACTION", required=True)
    listing = cmds.add_parser("list", help="who is delegated which task, from and to when")
    listing.add_argument("--study", metavar="CODE")
    listing.add_argument("--json", action="store_true", help="as JSON")
    listing.set_defaults(handler=cmd_list)
    add = cmds.add_parser("add", help="delegate tasks to an account (awaits the PI's approval)")
    add.add_argument("account", metavar="ACCOUNT")
    add.add_argument("--study", metavar="CODE", required=True)
    add.add_argument("--tasks", metavar="TASK[,TASK]", required=True,
                     help="enrolment, consent, ae_assessment, dosing, pk_sampling, "
                          "tumour_measurement, data_entry, query_answers, signing")
    add.add_argument("--from", dest="start", metavar="DATE", required=True)
    add.add_argument("--to", dest="end", metavar="DATE")
    add.set_defaults(handler=cmd_add)
    end = cmds.add_parser("end", help="end an account's task on a day (its last)")
    end.add_argument("account", metavar="ACCOUNT")
    end.add_argument("--study", metavar="CODE", required=True)
    end.add_argument("--tasks", metavar="TASK[,TASK]", required=True)
    end.add_argument("--on", metavar="DATE", required=True)
    end.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    end.set_defaults(handler=cmd_end)
    approve = cmds.add_parser("approve", help="the PI approves (e-signs) an account's tasks; "
                                              "the password is read again")
    approve.add_argument("account", metavar="ACCOUNT")
    approve.add_argument("--study", metavar="CODE", required=True)
    approve.set_defaults(handler=cmd_approve)
    settings = cmds.add_parser("settings", help="a study's PI, enforcement, training rule")
    settings.add_argument("--study", metavar="CODE", required=True)
    settings.add_argument("--pi", metavar="ACCOUNT", help="the principal investigator")
    settings.add_argument("--enforce", choices=("on", "off"))
    settings.add_argument("--training-rule", choices=("warn", "block"),
                          help="protocol training missing for the version in force")
    settings.set_defaults(handler=cmd_settings)
    training = cmds.add_parser("training", help="record an account's training")
    training.add_argument("account", metavar="ACCOUNT")
    training.add_argument("--kind", choices=("gcp", "protocol"), required=True)
    training.add_argument("--completed", metavar="DATE", required=True)
    training.add_argument("--expires", metavar="DATE")
    training.add_argument("--study", metavar="CODE", help="protocol training: the study")
    training.add_argument("--version", metavar="LABEL", help="protocol training: its version")
    training.set_defaults(handler=cmd_training)
    for name, what in (("print", "the printed log (PDF)"), ("export", "CSV or XLSX")):
        out = cmds.add_parser(name, help=what)
        out.add_argument("--study", metavar="CODE")
        out.add_argument("--out", metavar="FILE", required=True)
        out.set_defaults(handler=cmd_print if name == "print" else cmd_export)


def _day(text: str, what: str) -> date:
    day = parse_date(text, what)
    if day is None:
        raise UsageError(f"{what}: give a date")
    return day


def cmd_list(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services.delegation import delegation_list
    from reports.delegation_log import approval_text

    rows = read(args, lambda db: delegation_list(db, args.study))
    if args.json:
        print(json_dump([{
            "study": r.study, "account": r.account, "name": r.printed_name, "role": r.role,
            "task": r.task, "task_words": r.task_word, "from": r.start.isoformat(),
            "to": r.end.isoformat() if r.end else None, "approved_by": r.approved_by,
            "approved_name": r.approved_name,
            "approved_at": r.approved_at.isoformat() if r.approved_at else None}
            for r in rows]))
        return EXIT_OK
    for r in rows:
        print(f"{r.study:<14} {r.account:<14} {r.task_word:<26} {fmt_date(r.start)} to "
              f"{fmt_date(r.end) if r.end else 'ongoing':<11}  {approval_text(r)}")
    if not rows:
        print("delegation: no task is delegated")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from app.services.delegation import add_delegation

    start = _day(args.start, "--from")
    end = parse_date(args.end, "--to")
    ids = read(args, lambda db: add_delegation(db, args.account, args.study, args.tasks,
                                               start, end))
    print(f"delegation: {len(ids)} task(s) delegated to {args.account.lower()} on "
          f"{args.study.upper()}; awaiting the principal investigator's approval")
    return EXIT_OK


def cmd_end(args: argparse.Namespace) -> int:
    from app.services.delegation import end_delegation

    on = _day(args.on, "--on")
    n = read(args, lambda db: end_delegation(db, args.account, args.study, args.tasks, on,
                                             args.reason))
    print(f"delegation: {n} task(s) of {args.account.lower()} end on {args.on}")
    return EXIT_OK


def cmd_approve(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.delegation import approve_delegations

    def act(db: Database) -> int:
        password = read_password(args, "Password to sign the approval")
        return approve_delegations(db, args.account, args.study, password, local_now())

    n = read(args, act)
    print(f"delegation: {n} task(s) of {args.account.lower()} on {args.study.upper()} "
          "approved (signed)")
    return EXIT_OK


def cmd_settings(args: argparse.Namespace) -> int:
    from app.services.delegation import set_study_rules

    enforced = None if args.enforce is None else args.enforce == "on"
    read(args, lambda db: set_study_rules(db, args.study, principal=args.pi,
                                          enforced=enforced, training_rule=args.training_rule))
    print(f"delegation: settings of {args.study.upper()} saved")
    return EXIT_OK


def cmd_training(args: argparse.Namespace) -> int:
    from app.services.training import add_training

    completed = _day(args.completed, "--completed")
    expires = parse_date(args.expires, "--expires")
    read(args, lambda db: add_training(db, args.account, args.kind, completed, expires,
                                       args.study, args.version))
    print(f"delegation: {args.kind} training of {args.account.lower()} recorded")
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    from app.infra.clock import Clock
    from app.services.delegation import delegation_list, principals
    from app.services.exports import site_name
    from reports.delegation_log import print_delegation_log

    rows, pis, site = read(args, lambda db: (delegation_list(db, args.study),
                                             principals(db, args.study), site_name(db)))
    writing(args.out, lambda: print_delegation_log(args.out, rows, site, Clock.utc_now(), pis))
    print(f"delegation: the log printed to {args.out}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from app.services.delegation import delegation_list
    from app.services.exports import export_listing
    from reports.delegation_log import COLUMNS, log_rows

    def act(db: Database) -> int:
        rows = delegation_list(db, args.study)
        return export_listing(db, args.out, "Delegation of authority log",
                              args.study.upper() if args.study else "all studies", db.actor,
                              ["Study", *COLUMNS],
                              [[r.study, *line] for r, line in zip(rows, log_rows(rows),
                                                                   strict=True)])

    n = writing(args.out, lambda: read(args, act))
    print(f"delegation: {n} row(s) exported to {args.out}")
    return EXIT_OK
