"""`sign list` and `sign KIND:ID --meaning M`: the investigator's e-signatures.

`sign KIND:ID` prints the content it signs, then reads the password again (a signature is
the person, not the session), and binds the record's version and the hash of what it
printed."""

from __future__ import annotations

import argparse
from typing import Any

from cli.common import EXIT_OK, UsageError, command_day, json_dump, open_db, read_password


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sign = sub.add_parser(
        "sign", help="what waits for your e-signature (`sign list`), or sign one item",
        description="`sign list` prints what waits for an investigator's signature, oldest "
                    "first; `sign KIND:ID --meaning MEANING` prints the item's content, reads "
                    "your password again and signs it as printed.")
    sign.add_argument("item", metavar="list|KIND:ID",
                      help="`list`, or the item to sign as `sign list` names it (ae:12)")
    sign.add_argument("--kind", help="list one kind only: " + ", ".join(_kinds()))
    sign.add_argument("--study", metavar="CODE", help="list one study only")
    sign.add_argument("--json", action="store_true", help="print JSON for scripts")
    sign.add_argument("--meaning", help="what the signature means: reviewed, approved or "
                                        "assessed (default: the kind's own)")
    sign.add_argument("--today", metavar="DATE", help="default: today")
    sign.set_defaults(handler=cmd_sign)


def _kinds() -> list[str]:
    from app.services.signatures import KIND_WORDS

    return list(KIND_WORDS)


def cmd_sign(args: argparse.Namespace) -> int:
    if args.item == "list":
        return _list(args)
    if args.kind or args.study:
        raise UsageError("--kind and --study choose what `sign list` lists")
    return _sign(args)


def _list(args: argparse.Namespace) -> int:
    from app.services.signing import SignFilter, waiting
    from cli.common import study_arg

    if args.kind and args.kind not in _kinds():
        raise UsageError(f"--kind: one of {', '.join(_kinds())}")
    today = command_day(args)
    db = open_db(args)
    try:
        found = waiting(db, SignFilter(kind=args.kind, study_id=study_arg(db, args.study)),
                        today)
    finally:
        db.close()
    rows = [_row(t) for t in found.items]
    if args.json:
        print(json_dump({"counts": found.counts, "items": rows}))
        return EXIT_OK
    print(f"{len(rows)} to sign, oldest first ("
          + ", ".join(f"{k}: {n}" for k, n in found.counts.items() if n) + ")")
    for r in rows:
        print(f"  {r['id']:<16} {r['date']}  {r['study']:<12} {r['subject']:<10} {r['what']} "
              f"({r['state']})")
    return EXIT_OK


def _row(t: Any) -> dict[str, Any]:
    from app.rules.dates import fmt_date

    return {"id": t.item_id, "kind": t.kind, "study": t.study, "subject": t.subject_id,
            "what": t.what, "date": fmt_date(t.when), "state": t.state}


def _sign(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.rules.signing import meaning_of
    from app.services.accounts import AccessDenied
    from app.services.signatures import Meaning
    from app.services.signing import find_item, open_sitting, sign_in_sitting, sign_page

    today = command_day(args)
    db = open_db(args)
    try:
        page = sign_page(db, find_item(db, args.item), today)
        meaning = meaning_of(args.meaning or page.meaning, [m.value for m in Meaning])
        print(f"{page.kind_words} of {page.item.subject_id}: {page.item.what}")
        for line in (*page.lines, *page.computed):
            print(f"  {line.label}: {line.value}")
        print(f"Meaning: {meaning}")
        try:
            sitting = open_sitting(db, read_password(args, "Password to sign"), local_now())
        except AccessDenied as exc:
            raise UsageError(exc.message) from None
        view, _ = sign_in_sitting(db, sitting, page, meaning, local_now())
    finally:
        db.close()
    print(f"signed: {args.item}, {view.text}")
    return EXIT_OK
