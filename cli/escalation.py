"""`escalation`: the site's dose-escalation summary (per dose level: enrolled, DLT-evaluable,
with a DLT, with each patient's status and why) and the SMC's decisions."""

from __future__ import annotations

import argparse

from app.rules.dates import fmt_date
from cli.common import EXIT_OK, command_day, json_dump, read, study_arg, writing


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    esc = sub.add_parser("escalation", help="the dose-escalation summary: per dose level, "
                         "patients enrolled, DLT-evaluable and with a DLT; the SMC's decisions")
    esc.add_argument("--study", metavar="CODE", help="the study (default: the first one)")
    esc.add_argument("--today", metavar="DATE", help="default: today")
    esc.add_argument("--json", action="store_true", help="print JSON for scripts")
    esc.add_argument("--csv", metavar="FILE", help="write the summary and the DLT review list "
                     "(.xlsx: two sheets; .csv: two files)")
    esc.set_defaults(handler=cmd_escalation)


def cmd_escalation(args: argparse.Namespace) -> int:
    from app.services.escalation_view import escalation_view, export_escalation
    from app.services.studies import DEFAULT_STUDY

    today = command_day(args)

    def run(db):  # type: ignore[no-untyped-def]
        view = escalation_view(db, study_arg(db, args.study) or DEFAULT_STUDY, today)
        if args.csv:
            writing(args.csv, lambda: export_escalation(db, args.csv, view, db.actor))
        return view

    view = read(args, run)
    if args.json:
        from app.services.escalation_view import summary

        print(json_dump(summary(view)))
        return EXIT_OK
    if args.csv:
        print(f"escalation: summary and DLT review list written to {args.csv}"
              + ("" if args.csv.lower().endswith(".xlsx") else " (and its -dlt-review file)"))
        return EXIT_OK
    print(f"{view.study}: {view.design} dose escalation"
          + (f"; RP2D {view.rp2d}" if view.rp2d else "") + (f"; MTD {view.mtd}" if view.mtd
                                                             else ""))
    print(f"  {'Dose level':<16} {'Enrolled':>8} {'Evaluable':>9} {'DLT':>4}  Slots")
    for lv in view.levels:
        slots = "not recorded" if lv.opened is None else f"{lv.opened} opened, {lv.open} open"
        print(f"  {lv.dose:<16} {lv.enrolled:>8} {lv.evaluable:>9} {lv.with_dlt:>4}  {slots}")
        for p in lv.patients:
            reviewed = "; reviewed" if p.review else ""
            print(f"      {p.subject_id:<10} {p.evaluability.status.value}: "
                  f"{p.evaluability.why}{reviewed}")
    print("SMC decisions:" if view.decisions else "SMC decisions: none recorded")
    for d in view.decisions:
        ref = f" ({d.minutes_ref})" if d.minutes_ref else ""
        print(f"  {fmt_date(d.decided_on)}  {d.decision} at {d.dose_level}{ref}")
    return EXIT_OK
