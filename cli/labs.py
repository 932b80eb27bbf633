"""`labs`: a patient's lab results with their grades, a lab's file imported for review, the
labs' reference ranges and the site's column mappings (issue 36)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    Parser,
    UsageError,
    command_day,
    json_dump,
    parse_date,
    read,
)

if TYPE_CHECKING:
    from app.services.database import Database
    from app.services.labs import LabRow


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    labs = sub.add_parser("labs", help="lab results: list, import for review, ranges")
    do = labs.add_subparsers(dest="labs_command", metavar="ACTION", parser_class=Parser,
                             required=True)
    imp = do.add_parser("import", help="a lab's CSV/XLSX export or a FHIR R4 Bundle (.json): "
                                       "its results held for review, each bad row refused")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--mapping", metavar="NAME", help="the site's column mapping to read it "
                                                       "with (default: the standard columns)")
    imp.add_argument("--dry-run", action="store_true", help="check only: keep nothing")
    imp.add_argument("--today", metavar="DATE", help="default: today")
    imp.add_argument("--json", action="store_true", help="print JSON for scripts")
    imp.set_defaults(handler=cmd_labs_import)
    lst = do.add_parser("list", help="a patient's results: value, unit, range, grade, reason")
    lst.add_argument("subject", metavar="SUBJECT")
    lst.add_argument("--study", metavar="CODE", help="where the subject ID is in two studies")
    lst.add_argument("--today", metavar="DATE", help="default: today")
    lst.add_argument("--json", action="store_true", help="print JSON for scripts")
    lst.set_defaults(handler=cmd_labs_list)
    rng = do.add_parser("range", help="add a lab's reference range of an analyte")
    rng.add_argument("lab", metavar="LAB")
    rng.add_argument("analyte", metavar="ANALYTE", help="its code or name (NEUT, Neutrophils)")
    rng.add_argument("--lln", metavar="X")
    rng.add_argument("--uln", metavar="X")
    rng.add_argument("--unit", required=True, metavar="U")
    rng.add_argument("--sex", choices=["M", "F"], help="default: both")
    rng.add_argument("--from", dest="valid_from", required=True, metavar="DATE")
    rng.add_argument("--to", dest="valid_to", metavar="DATE", help="default: still in use")
    rng.add_argument("--study", metavar="CODE", help="whose analytes (default: IMP7068-101)")
    rng.set_defaults(handler=cmd_labs_range)
    rngs = do.add_parser("ranges", help="the reference ranges kept")
    rngs.add_argument("--json", action="store_true", help="print JSON for scripts")
    rngs.set_defaults(handler=cmd_labs_ranges)
    mapping = do.add_parser("mapping", help="save a named column mapping from a JSON file: "
                                            '{"columns": {"subject": "Patient", ...}, '
                                            '"tests": {"ANC": "NEUT"}, "lab": "..."}')
    mapping.add_argument("name", metavar="NAME")
    mapping.add_argument("file", metavar="FILE.json")
    mapping.add_argument("--reason", help="why a saved mapping changes")
    mapping.set_defaults(handler=cmd_labs_mapping)


def cmd_labs_import(args: argparse.Namespace) -> int:
    from app.infra.clock import Clock
    from app.services.lab_import import import_labs

    today = command_day(args)
    report = read(args, lambda db: import_labs(db, args.file, today, Clock.utc_now(),
                                               args.mapping, args.dry_run))
    if args.json:
        print(json_dump({"file": report.file, "kind": report.kind, "saved": report.saved,
                         "held_for_review": [{"row": n, "subject": s, "analyte": a}
                                             for n, s, a in report.landed],
                         "refused": [{"row": p.number, "field": p.field,
                                      "message": p.message} for p in report.problems]}))
    else:
        print(f"{report.file}: {report.summary()}")
        for p in report.problems:
            print(f"  {p}")
    return EXIT_FAIL if report.problems else EXIT_OK


def _row_json(r: LabRow) -> dict[str, Any]:
    return {"id": r.id, "analyte": r.analyte, "name": r.name, "panel": r.panel, "lab": r.lab,
            "sample_date": r.sample_date.isoformat(), "sample_id": r.sample_id,
            "value": r.value, "unit": r.unit, "value_kept": r.kept, "unit_kept": r.kept_unit,
            "lln": r.lln, "uln": r.uln, "status": r.status, "source": r.source,
            "review_reason": r.review_reason, "grade": r.grade,
            "reason": r.grade_reason or None,
            "grades": [{"term": g.term, "grade": g.grade, "reason": str(g.reason),
                        "note": g.note or None} for g in r.grades],
            "proposed_ae": None if r.proposal is None else {
                "term": r.proposal.term, "grade": r.proposal.grade,
                "onset": r.proposal.onset.isoformat(), "ae_id": r.proposal.ae_id},
            "ae_decision": r.ae_decision, "ae_reason": r.ae_reason, "ae_id": r.ae_id}


def cmd_labs_list(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services.labs import patient_labs
    from app.services.patients import find_patient

    today = command_day(args)

    def run(db: Database) -> list[LabRow]:
        pid = find_patient(db, args.subject, args.study)
        if pid is None:
            raise UsageError(f"no patient with subject ID {args.subject}")
        return patient_labs(db, pid, today)

    rows = read(args, run)
    if args.json:
        print(json_dump({"subject": args.subject.upper(),
                         "results": [_row_json(r) for r in rows]}))
        return EXIT_OK
    for r in rows:
        grade = "" if r.grade is None else f"  grade {r.grade}"
        print(f"{fmt_date(r.sample_date)}  {r.name}: {r.value} {r.unit} "
              f"[{r.range_text or 'no range'} {r.kept_unit}] {r.status}{grade}")
        if r.grade_reason:
            print(f"    {r.grade_reason}")
        if r.proposal:
            print(f"    proposes: {r.proposal.term} grade {r.proposal.grade}")
    if not rows:
        print(f"{args.subject.upper()}: no lab results")
    return EXIT_OK


def cmd_labs_range(args: argparse.Namespace) -> int:
    from app.rules.lab_entry import RangeRow
    from app.rules.lab_units import amount
    from app.services.lab_ranges import add_range
    from app.services.studies import study_named, study_protocol

    lln = amount(args.lln, "--lln") if args.lln else None
    uln = amount(args.uln, "--uln") if args.uln else None
    row = RangeRow(args.lab, args.analyte, args.sex, lln, uln, args.unit,
                   parse_date(args.valid_from, "--from"), parse_date(args.valid_to, "--to"))

    def run(db: Database) -> int:
        protocol = study_protocol(db, study_named(db, args.study or "IMP7068-101"))
        return add_range(db, row, protocol.labs)

    rid = read(args, run)
    print(f"reference range {rid} kept")
    return EXIT_OK


def cmd_labs_ranges(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services.lab_ranges import reference_ranges

    rows = read(args, reference_ranges)
    if args.json:
        print(json_dump([{"id": r.id, "lab": r.lab, "analyte": r.analyte, "sex": r.sex,
                          "lln": None if r.lln is None else str(r.lln),
                          "uln": None if r.uln is None else str(r.uln), "unit": r.unit,
                          "valid_from": r.valid_from.isoformat(),
                          "valid_to": r.valid_to.isoformat() if r.valid_to else None}
                         for r in rows]))
        return EXIT_OK
    for r in rows:
        print(f"{r.lab}  {r.analyte} {r.sex or 'M/F'}: {r.lln or ''} - {r.uln or ''} {r.unit}"
              f"  from {fmt_date(r.valid_from)}"
              + (f" to {fmt_date(r.valid_to)}" if r.valid_to else ""))
    return EXIT_OK


def cmd_labs_mapping(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.rules.lab_import import Mapping
    from app.services.lab_ranges import save_mapping

    try:
        mapping = Mapping.from_json(args.name, Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError, AttributeError) as exc:
        raise UsageError(f"{args.file}: not a mapping ({exc})") from None
    read(args, lambda db: save_mapping(db, mapping, args.reason))
    print(f"mapping {args.name} saved")
    return EXIT_OK
