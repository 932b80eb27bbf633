"""`study list|add|amend|reconsent`: the studies the site runs, their protocol versions, and
each patient's re-consent to an amendment."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from app.wording.words import count
from cli.common import EXIT_OK, EXIT_USAGE, Parser, UsageError, command_day, parse_date, read

if TYPE_CHECKING:
    from app.services.database import Database

T = TypeVar("T")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    study = sub.add_parser("study", help="the studies of the site: list, add, amend")
    study_sub = study.add_subparsers(dest="study_command", metavar="ACTION",
                                     parser_class=Parser, required=True)
    listing = study_sub.add_parser("list", help="each study with its protocol versions")
    listing.set_defaults(handler=cmd_study_list)
    add = study_sub.add_parser(
        "add", help="add a study from its protocol file (checked first)",
        description="The file is checked whole and kept in the database; its first version "
                    "applies from the start. An administrator adds studies.")
    add.add_argument("file", metavar="FILE.toml")
    add.set_defaults(handler=cmd_study_add)
    amend = study_sub.add_parser(
        "amend", help="add a new version of a study's protocol",
        description="Patients consented on or after --effective follow the new version at "
                    "once; the others when their re-consent is recorded. Visits already done "
                    "never move. The report lists, per patient, the visits still to come that "
                    "change.")
    amend.add_argument("code", metavar="CODE", help="the study's code, e.g. IMP7068-101")
    amend.add_argument("file", metavar="FILE.toml")
    amend.add_argument("--effective", metavar="DATE", required=True,
                       help="the date the amendment applies from (YYYY-MM-DD)")
    amend.add_argument("--dry-run", action="store_true",
                       help="report what would change; save nothing")
    amend.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    amend.set_defaults(handler=cmd_study_amend)
    reconsent = study_sub.add_parser(
        "reconsent", help="record a patient's consent to an amendment",
        description="From that date the patient's calendar follows the amendment.")
    reconsent.add_argument("subject", metavar="SUBJECT")
    reconsent.add_argument("version", metavar="VERSION", help="the amendment's version label")
    reconsent.add_argument("--date", metavar="DATE", required=True,
                           help="the date of the re-consent (YYYY-MM-DD)")
    reconsent.add_argument("--study", metavar="CODE",
                           help="the study (when the subject ID is used in two)")
    reconsent.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    reconsent.set_defaults(handler=cmd_study_reconsent)
    assign = study_sub.add_parser(
        "assign", help="assign an account to a study, with its role there",
        description="An account assigned to any study sees only its studies' patients; an "
                    "account assigned to none works on every study.")
    assign.add_argument("account", metavar="ACCOUNT")
    assign.add_argument("code", metavar="CODE")
    assign.add_argument("--role", required=True,
                        help="nurse, investigator or monitor in that study")
    assign.set_defaults(handler=cmd_study_assign)
    unassign = study_sub.add_parser("unassign", help="take an account off a study")
    unassign.add_argument("account", metavar="ACCOUNT")
    unassign.add_argument("code", metavar="CODE")
    unassign.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    unassign.set_defaults(handler=cmd_study_unassign)


def cmd_study_list(args: argparse.Namespace) -> int:
    from app.services.studies import list_studies
    from app.services.study_members import members

    studies, assigned = read(args, lambda db: (list_studies(db), members(db)))
    for s in studies:
        print(f"{s.code:<16} {s.patients:>5} patient{'' if s.patients == 1 else 's'}  {s.title}")
        for v in s.versions:
            print(f"    {v.label:<28} from {v.applies_from:<12} {v.file_name}  "
                  f"sha256 {v.sha256[:12]}")
        if assigned.get(s.id):
            print("    accounts: " + ", ".join(f"{n} ({r})" for n, r in assigned[s.id]))
    return EXIT_OK


def _checked(args: argparse.Namespace, act: Callable[[Database], T]) -> T | None:
    """`act` on the database, signed in; a protocol file's problems printed one per line
    (None back: exit 2, nothing added)."""
    from app.rules.protocol import ProtocolError

    try:
        return read(args, act)
    except ProtocolError as exc:
        n = len(exc.problems)
        print(f"sitetrack: {exc.path}: {n} problem{'' if n == 1 else 's'}; nothing was added",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def cmd_study_add(args: argparse.Namespace) -> int:
    from app.services.studies import add_study

    study = _checked(args, lambda db: add_study(db, args.file))
    if study is None:
        return EXIT_USAGE
    print(f"study: {study.code} added ({study.current.label}, from {args.file})")
    return EXIT_OK


def cmd_study_amend(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services.amendments import amend_study

    effective = parse_date(args.effective, "--effective")
    assert effective is not None
    report = _checked(args, lambda db: amend_study(db, args.code, args.file, effective,
                                                   command_day(args), dry_run=args.dry_run))
    if report is None:
        return EXIT_USAGE
    verb = "is added" if report.saved else "would be added (dry run: nothing saved)"
    print(f"{report.study}: {report.label} {verb}, applying from {fmt_date(report.effective)}")
    changed = [p for p in report.patients if p.changes]
    for p in report.patients:
        when = "now (consented from that date)" if p.now else "when re-consented"
        if not p.changes:
            continue
        print(f"  {p.subject_id}: {len(p.changes)} visit{'' if len(p.changes) == 1 else 's'} "
              f"change {when}")
        for c in p.changes:
            print(f"    {c.text}")
    print(f"{len(changed)} of {count(len(report.patients), 'patient')} have visits to come "
          "that change")
    return EXIT_OK


def cmd_study_reconsent(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services.amendments import record_reconsent
    from app.services.patients import find_patient

    when = parse_date(args.date, "--date")
    assert when is not None

    def act(db: Database) -> str:
        pid = find_patient(db, args.subject, args.study)
        if pid is None:
            raise UsageError(f"no patient {args.subject}")
        return record_reconsent(db, pid, args.version, when, command_day(args))

    label = read(args, act)
    print(f"study: {args.subject.upper()} re-consented to {label} on {fmt_date(when)}; "
          "the calendar follows it from now on")
    return EXIT_OK


def cmd_study_assign(args: argparse.Namespace) -> int:
    from app.services.study_members import assign_account

    read(args, lambda db: assign_account(db, args.account, args.code, args.role))
    print(f"study: {args.account} works on {args.code.upper()} as {args.role.lower()}")
    return EXIT_OK


def cmd_study_unassign(args: argparse.Namespace) -> int:
    from app.services.study_members import unassign_account

    read(args, lambda db: unassign_account(db, args.account, args.code, args.reason))
    print(f"study: {args.account} no longer works on {args.code.upper()} (kept on record)")
    return EXIT_OK
