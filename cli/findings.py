"""Vital signs and ECG, con-meds and medical history of one patient on the command line:
`vitals list`, `conmeds list`, `history list`, as text or JSON."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from app.rules.dates import fmt_date
from cli.common import EXIT_OK, UsageError, json_dump, read

if TYPE_CHECKING:
    from app.services.database import Database

GROUPS = {"vitals": "a patient's vital signs and ECG readings, each QTcF with its CTCAE grade",
          "conmeds": "a patient's concomitant medications, prohibited ones flagged",
          "history": "a patient's medical history (CTCAE terms, baseline grades)"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, help_text in GROUPS.items():
        group = sub.add_parser(name, help=help_text)
        steps = group.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)
        listing = steps.add_parser("list", help=help_text)
        listing.add_argument("subject", metavar="SUBJECT")
        listing.add_argument("--study", metavar="CODE",
                             help="the patient's study, where the subject ID is in two")
        listing.add_argument("--json", action="store_true", help="print JSON for scripts")
        listing.set_defaults(handler=cmd_list, what=name)


def _patient(db: Database, args: argparse.Namespace) -> int:
    from app.services.patients import find_patient

    pid = find_patient(db, args.subject, args.study)
    if pid is None:
        raise UsageError(f"no patient with subject ID {args.subject}")
    return pid


def _vitals(db: Database, pid: int) -> list[dict[str, Any]]:
    from app.services.vitals import readings_of

    return [{"visit": r.visit_code, "date": r.day.isoformat() if r.day else None,
             "test": r.code, "label": r.label, "group": r.group, "value": r.value,
             "unit": r.unit, "grade": r.grade, "note": r.note} for r in readings_of(db, pid)]


def _conmeds(db: Database, pid: int) -> list[dict[str, Any]]:
    from app.services.conmeds import conmeds_of

    return [{"drug": c.drug, "dose": c.dose, "unit": c.unit, "route": c.route,
             "frequency": c.frequency, "indication": c.indication, "start": c.start,
             "end": c.end, "ongoing": c.ongoing, "prohibited": c.prohibited or None}
            for c in conmeds_of(db, pid)]


def _history(db: Database, pid: int) -> list[dict[str, Any]]:
    from app.services.conmeds import history_of

    return [{"term": h.term, "grade": h.grade, "start": h.start, "end": h.end,
             "ongoing": h.ongoing, "comment": h.comment} for h in history_of(db, pid)]


NOUNS = {"vitals": ("reading", "readings"), "conmeds": ("con-med", "con-meds"),
         "history": ("history item", "history items")}
LISTS = {"vitals": _vitals, "conmeds": _conmeds, "history": _history}


def _line(what: str, row: dict[str, Any]) -> str:
    if what == "vitals":
        day = fmt_date(date.fromisoformat(row["date"])) if row["date"] else ""
        grade = f"  grade {row['grade']}" if row["grade"] else ""
        return (f"  {row['visit']:<6} {day:<12} {row['label']:<24} "
                f"{row['value']:g} {row['unit']}{grade}  {row['note']}").rstrip()
    if what == "conmeds":
        dose = f"{row['dose']:g} {row['unit'] or ''}".strip() if row["dose"] is not None else ""
        end = "ongoing" if row["ongoing"] else row["end"]
        flag = f"  ** {row['prohibited']}" if row["prohibited"] else ""
        return (f"  {row['drug']:<24} {dose:<10} {row['route'] or '':<12} "
                f"{row['frequency'] or '':<6} {row['start']} to {end}  for "
                f"{row['indication']}{flag}")
    grade = f"grade {row['grade']}" if row["grade"] else "no grade"
    end = "ongoing" if row["ongoing"] else f"ended {row['end']}"
    return f"  {row['term']:<40} {grade:<9} from {row['start'] or 'unknown'}, {end}"


def cmd_list(args: argparse.Namespace) -> int:
    what = args.what
    rows = read(args, lambda db: LISTS[what](db, _patient(db, args)))
    if args.json:
        print(json_dump({"subject": args.subject.strip().upper(), what: rows}))
        return EXIT_OK
    one, many = NOUNS[what]
    print(f"{args.subject.strip().upper()}: {len(rows)} {one if len(rows) == 1 else many}")
    for row in rows:
        print(_line(what, row))
    return EXIT_OK
