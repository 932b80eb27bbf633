"""The NCI CTCAE dictionary: import NCI's file, read a term's grades."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    Parser,
    UsageError,
    open_db,
    read,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from app.rules.ctcae import CtcaeEntry
    from app.services.database import Database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ctcae = sub.add_parser("ctcae", help="the NCI CTCAE dictionary: import it, read a term")
    ctcae_sub = ctcae.add_subparsers(dest="ctcae_command", metavar="ACTION",
                                     parser_class=Parser, required=True)
    ctcae_import = ctcae_sub.add_parser(
        "import", help="load NCI's CTCAE workbook (.xlsx) or a CSV export of it")
    ctcae_import.add_argument("file", metavar="FILE")
    ctcae_import.add_argument(
        "--replace", action="store_true",
        help="accept a file that lacks terms the loaded dictionary has: they stop being "
             "offered (terms adverse events are coded to are kept for them)")
    ctcae_import.set_defaults(handler=cmd_ctcae_import)
    grades = ctcae_sub.add_parser("grades", help="the grades a term has, with NCI's text")
    grades.add_argument("term", metavar="TERM", help='a CTCAE term or MedDRA code, e.g. "Nausea"')
    grades.add_argument("--json", action="store_true", help="print JSON for scripts")
    grades.set_defaults(handler=cmd_ctcae_grades)
    lab = ctcae_sub.add_parser(
        "lab-grade", help="a lab value's CTCAE v5.0 grade, derived from the value")
    lab.add_argument("term", metavar="TERM",
                     help='a lab-defined CTCAE term, e.g. "Neutrophil count decreased"')
    lab.add_argument("--value", required=True, metavar="V")
    lab.add_argument("--unit", required=True, metavar="U", help='e.g. "10^9/L", "/mm3", "g/dL"')
    lab.add_argument("--uln", metavar="X", help="the lab's upper limit of normal, in U")
    lab.add_argument("--lln", metavar="X", help="the lab's lower limit of normal, in U")
    lab.add_argument("--baseline", metavar="B", help="the patient's baseline value, in U")
    lab.add_argument("--json", action="store_true", help="print JSON for scripts")
    lab.set_defaults(handler=cmd_ctcae_lab_grade)

def cmd_ctcae_import(args: argparse.Namespace) -> int:
    from app.rules.ctcae import CtcaeFileError
    from app.services.dictionary import import_dictionary

    db = open_db(args)
    try:
        result = import_dictionary(db, args.file, replace=args.replace)
    except CtcaeFileError as exc:
        raise UsageError(f"{exc} (the loaded dictionary was left as it was)") from None
    finally:
        db.close()
    print(result.summary())
    return EXIT_OK


def cmd_ctcae_grades(args: argparse.Namespace) -> int:
    import json

    from app.services.dictionary import closest_terms, dictionary_info, find_term

    def look(db: Database) -> tuple[CtcaeEntry | None, list[str]]:
        if dictionary_info(db) is None:
            raise UsageError("the CTCAE dictionary is not loaded: sitetrack ctcae import FILE")
        entry = find_term(db, args.term)
        return entry, ([] if entry else closest_terms(db, args.term))

    entry, close = read(args, look, login=False)  # the dictionary: no patient data
    if entry is None:
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        print(f"sitetrack: '{args.term}' is not a CTCAE v5.0 term{hint}", file=sys.stderr)
        return EXIT_FAIL
    if args.json:
        print(json.dumps({"term": entry.term, "meddra_code": entry.meddra_code,
                          "soc": entry.soc,
                          "grades": {str(g): t for g, t in entry.grades.items()}}, indent=2))
        return EXIT_OK
    print(f"{entry.term} (MedDRA {entry.meddra_code}) · {entry.soc}")
    for g in (1, 2, 3, 4, 5):
        text = entry.grades.get(g)
        print(f"  Grade {g}: {text if text else '(does not exist for this term)'}")
    if entry.definition:
        print(f"  Definition: {entry.definition}")
    return EXIT_OK


def cmd_ctcae_lab_grade(args: argparse.Namespace) -> int:
    """A pure rule: no database, no sign-in."""
    import json

    from app.rules.lab_grades import Limits, grade
    from app.rules.lab_units import amount

    def optional(text: str | None, name: str) -> Decimal | None:
        return None if text is None else amount(text, name)

    value = amount(args.value, "--value")
    limits = Limits(lln=optional(args.lln, "--lln"), uln=optional(args.uln, "--uln"),
                    baseline=optional(args.baseline, "--baseline"))
    found = grade(args.term, value, args.unit, limits)
    if args.json:
        print(json.dumps({
            "term": found.term, "meddra_code": found.meddra_code, "grade": found.grade,
            "reason": str(found.reason), "criterion": found.criterion,
            "baseline_abnormal": found.baseline_abnormal, "note": found.note or None,
            "value": str(value), "unit": args.unit,
            "lln": args.lln, "uln": args.uln, "baseline": args.baseline}, indent=2))
        return EXIT_OK
    print(f"{found.term}: grade {found.grade}")
    print(f"  {found.reason}")
    if found.note:
        print(f"  Note: {found.note}")
    return EXIT_OK
