"""`recist evaluate`: RECIST 1.1 over one patient's scans in a JSON file."""

from __future__ import annotations

import argparse
import sys

from cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    Parser,
    UsageError,
    protocol_arg,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    recist = sub.add_parser("recist", help="RECIST 1.1: evaluate one patient's scans")
    recist_sub = recist.add_subparsers(dest="recist_command", metavar="ACTION",
                                       parser_class=Parser, required=True)
    evaluate = recist_sub.add_parser("evaluate", help="timepoint and best overall response")
    evaluate.add_argument("file", metavar="FILE.json")
    evaluate.add_argument("--json", action="store_true", help="print JSON for scripts")
    evaluate.add_argument("--protocol", metavar="FILE", help="protocol file (its day counts)")
    evaluate.set_defaults(handler=cmd_recist_evaluate)

def cmd_recist_evaluate(args: argparse.Namespace) -> int:
    import json
    from decimal import Decimal
    from pathlib import Path

    from app.rules.dates import fmt_date
    from app.rules.recist import RecistError
    from app.rules.recist_json import evaluate_json, evaluation_json, read_scans

    protocol = protocol_arg(args.protocol)
    try:
        raw = Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    try:
        data = read_scans(raw)  # exact tenths of a millimetre
    except RecistError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    try:
        result = evaluate_json(data, protocol.response.confirm_min_days,
                               protocol.response.sd_min_days)
    except RecistError as exc:
        print(f"sitetrack: {args.file}: {exc}", file=sys.stderr)
        return EXIT_FAIL
    if args.json:
        print(json.dumps(evaluation_json(result), indent=2))
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
