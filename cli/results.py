"""`endpoints` and `check-data`: the site's results, and stored data a rule now forbids."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    UsageError,
    command_day,
    json_dump,
    read,
    study_arg,
)

if TYPE_CHECKING:
    from app.rules.protocol import Protocol
    from app.services.database import Database

GROUP_CHOICES = ("part", "dose-level", "cohort")

if TYPE_CHECKING:
    from app.services.site_results import GroupResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ends = sub.add_parser(
        "endpoints", help="ORR, DCR, PFS, DOR and OS for the site, or by group",
        description="Per group: patients dosed, confirmed ORR and DCR with exact 95 %% "
                    "(Clopper-Pearson) intervals, Kaplan-Meier medians of PFS, DOR and OS with "
                    "95 %% intervals, and the DLT tally per dose level of Part 1.")
    ends.add_argument("--by", choices=GROUP_CHOICES,
                      help="split by part, dose level (Part 1) or cohort (Part 2)")
    ends.add_argument("--today", metavar="DATE", help="default: today")
    ends.add_argument("--json", action="store_true", help="print JSON for scripts")
    ends.add_argument("--censoring", choices=["fda-2018", "all-events"], default="fda-2018",
                      help="PFS as the protocol's FDA 2018 rule censors it (default), or with "
                           "every progression or death as an event (EMA-style) beside it")
    ends.add_argument("--study", metavar="CODE", help="the study (default: IMP7068-101)")
    ends.set_defaults(handler=cmd_endpoints)

    check = sub.add_parser(
        "check-data", help="list stored data that breaks a study rule, with what to correct",
        description="Stored data that a rule of the study forbids (a baseline scan after the "
                    "first dose, a treatment visit before any dose, ...). Nothing is changed: "
                    "exit 1 when something is listed.")
    check.add_argument("--today", metavar="DATE", help="default: today")
    check.add_argument("--json", action="store_true", help="print JSON for scripts")
    check.add_argument("--study", metavar="CODE", help="one study (default: every study, "
                       "each patient against the protocol version they follow)")
    check.set_defaults(handler=cmd_check_data)


DEFAULT = "IMP7068-101"


def _protocol(db: Database, code: str | None) -> Protocol | None:
    """--study CODE as its current protocol (None: every study)."""
    from app.services.studies import study_protocol

    study_id = study_arg(db, code)
    return None if study_id is None else study_protocol(db, study_id)


def _one_protocol(db: Database, code: str) -> Protocol:
    """--study CODE as its current protocol, where a code is given."""
    protocol = _protocol(db, code)
    if protocol is None:  # only an empty code names no study
        raise UsageError("--study: give a study's code")
    return protocol


def cmd_endpoints(args: argparse.Namespace) -> int:
    from app.rules.groups import GroupBy
    from app.services.site_results import site_results

    today = command_day(args)
    by = GroupBy(args.by) if args.by else None
    results = read(args, lambda db: site_results(db, _one_protocol(db, args.study or DEFAULT),
                                                 today, by))
    every = args.censoring == "all-events"
    if args.json:
        print(json_dump({"by": args.by, "censoring": args.censoring,
                         "groups": [_group_json(g, every) for g in results.groups],
                         "dlt_by_dose_level": [t.to_json() for t in results.dlts]}))
        return EXIT_OK
    print(f"Results on {today.isoformat()}" + (f", by {by.word.lower()}" if by else ""))
    for g in results.groups:
        print(f"\n{g.group}: {g.n} patients dosed")
        print(f"  ORR (confirmed)  {g.orr}")
        print(f"  DCR              {g.dcr}")
        print(f"  Median PFS       {g.pfs}")
        print(f"                   {g.convention}")
        if every:
            print(f"  Median PFS, every progression or death an event (EMA-style)  "
                  f"{g.pfs_all_events}")
        print(f"  Median DOR       {g.dor}")
        print(f"  Median OS        {g.os}")
    print("\nDLTs per dose level (Part 1): patients with a DLT / patients dosed")
    for t in results.dlts:
        print(f"  {t.dose_level:<50} {t.with_dlt}/{t.dosed}")
    return EXIT_OK


def _group_json(g: GroupResult, every: bool) -> dict[str, object]:
    """A group's results; the all-events PFS only when asked for (beside the FDA figure)."""
    out = g.to_json()
    if not every:
        out.pop("pfs_all_events")
    return out


def cmd_check_data(args: argparse.Namespace) -> int:
    from app.services.data_checks import check_data

    today = command_day(args)
    findings = read(args, lambda db: check_data(
        db, _protocol(db, args.study), today))
    if args.json:
        print(json_dump({"findings": [f.to_json() for f in findings]}))
    elif not findings:
        print("check-data: nothing to correct")
    else:
        print(f"check-data: {len(findings)} things to correct")
        for f in findings:
            print(f"  {f.subject_id:<10} {f.what}: {f.problem}. {f.fix}")
    return EXIT_FAIL if findings else EXIT_OK
