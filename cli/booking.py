"""The appointment book on the command line: `book`, `cancel-booking`, `book-cycle`,
`planner`, `rebook` (bookings a change of the calendar left behind) and `resources`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from cli.common import EXIT_OK, UsageError, command_day, json_dump, open_db, parse_date, read

if TYPE_CHECKING:
    from app.rules.booking import Block
    from app.rules.booking_plan import Proposal
    from app.rules.protocol import Protocol
    from app.services.database import Database

T = TypeVar("T")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bk = sub.add_parser("book", help="book a visit at a time, in a chair, with a nurse",
                        description="Book (or move) one visit of a patient: the window, the "
                                    "site's day and hours, the chair and the nurse are checked.")
    bk.add_argument("subject", metavar="SUBJECT")
    bk.add_argument("visit", metavar="VISIT")
    bk.add_argument("--at", required=True, metavar='"DD-MMM-YYYY HH:MM"')
    bk.add_argument("--chair", metavar="NAME", help="a chair or room (default: a free one)")
    bk.add_argument("--nurse", metavar="ACCOUNT", help="the nurse booked with the patient")
    bk.add_argument("--why-outside", metavar="TEXT", help="why booked outside the window")
    bk.add_argument("--reason", metavar="TEXT", help="why a saved booking is moved")
    _common(bk)
    bk.set_defaults(handler=cmd_book)

    cb = sub.add_parser("cancel-booking", help="cancel a visit's booking, with the reason")
    cb.add_argument("subject", metavar="SUBJECT")
    cb.add_argument("visit", metavar="VISIT")
    cb.add_argument("--reason", required=True, metavar="TEXT")
    _common(cb)
    cb.set_defaults(handler=cmd_cancel)

    cy = sub.add_parser("book-cycle", help="propose (and book) every visit of a cycle at once",
                        description="Every visit of the cycle not booked yet, at its target at "
                                    "the patient's usual time on a free chair; a visit moved "
                                    "off its target says why.")
    cy.add_argument("subject", metavar="SUBJECT")
    cy.add_argument("cycle", metavar="CYCLE", type=int)
    cy.add_argument("--at", metavar="HH:MM", help="the time (default: the patient's usual)")
    cy.add_argument("--nurse", metavar="ACCOUNT")
    cy.add_argument("--dry-run", action="store_true", help="show the proposal, book nothing")
    _common(cy)
    cy.set_defaults(handler=cmd_book_cycle)

    pl = sub.add_parser("planner", help="chairs x hours of a day or a week, with nurse load")
    pl.add_argument("--date", required=True, metavar="DATE")
    pl.add_argument("--days", type=int, default=1, metavar="N")
    pl.add_argument("--json", action="store_true", help="print JSON for scripts")
    pl.set_defaults(handler=cmd_planner)

    rb = sub.add_parser("rebook", help="bookings now outside their window or not expected")
    rb.add_argument("--today", metavar="DATE")
    rb.add_argument("--json", action="store_true", help="print JSON for scripts")
    rb.set_defaults(handler=cmd_rebook)

    res = sub.add_parser("resources", help="the site's chairs, rooms, closures, hours, staff")
    rsub = res.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = rsub.add_parser("list", help="list the resources")
    ls.add_argument("--json", action="store_true", help="print JSON for scripts")
    add = rsub.add_parser("add", help="add a chair (or with --room, a room)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--room", action="store_true")
    close = rsub.add_parser("close", help="close the site on a day (a holiday)")
    close.add_argument("day", metavar="DATE")
    close.add_argument("label", metavar="LABEL")
    close.add_argument("--today", metavar="DATE")
    hours = rsub.add_parser("hours", help='the opening hours, "08:00-18:00 Mon-Fri"')
    hours.add_argument("hours", metavar="HOURS")
    works = rsub.add_parser("works", help='an account\'s working days, "Mon Tue Thu"')
    works.add_argument("account", metavar="ACCOUNT")
    works.add_argument("days", metavar="DAYS")
    res.set_defaults(handler=cmd_resources)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--study", metavar="CODE", help="the patient's study, where two share an ID")
    p.add_argument("--today", metavar="DATE", help="the day to book from (default: today)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")


def parse_at(text: str) -> datetime:
    """ "12-JAN-2026 09:30" (or "2026-01-12 09:30")."""
    from app.rules.dates import parse_user_time

    day_text, _, clock = text.strip().rpartition(" ")
    day = parse_date(day_text or text, "--at")
    try:
        at = parse_user_time(clock) if day_text else None
    except ValueError as exc:
        raise UsageError(f"--at: {exc}") from None
    if at is None:
        raise UsageError('--at: give the date and the time, "12-JAN-2026 09:30"')
    return datetime.combine(day, at)


def _patient(db: Database, args: argparse.Namespace) -> tuple[int, Protocol]:
    from app.services.patients import find_patient
    from app.services.studies import protocol_of_patient

    pid = find_patient(db, args.subject, args.study)
    if pid is None:
        raise UsageError(f"no patient with subject ID {args.subject}")
    return pid, protocol_of_patient(db, pid)


def _run(args: argparse.Namespace, work: Callable[[Database], T]) -> T:
    """Open the database signed in, do the work, close it."""
    db = open_db(args)
    try:
        return work(db)
    finally:
        db.close()


def cmd_book(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date, fmt_time
    from app.services.booking import Choice, book_visit

    when, code, today = parse_at(args.at), args.visit.strip().upper(), command_day(args)

    def work(db: Database) -> Block:
        pid, protocol = _patient(db, args)
        return book_visit(db, protocol, pid, code, Choice(code, when, args.chair, args.nurse,
                                                          args.why_outside), today, args.reason)

    block = _run(args, work)
    if args.json:
        from app.services.planner import block_json

        print(json_dump(block_json(block)))
        return EXIT_OK
    print(f"{args.subject} {code} booked on {fmt_date(when.date())}"
          + f" {fmt_time(block.start.time())} to {fmt_time(block.end.time())}"
          + (f", {block.place}" if block.place else "")
          + (f", nurse {block.nurse}" if block.nurse else ""))
    return EXIT_OK


def cmd_cancel(args: argparse.Namespace) -> int:
    from app.services.booking import cancel_booking

    code, today = args.visit.strip().upper(), command_day(args)

    def work(db: Database) -> None:
        pid, protocol = _patient(db, args)
        cancel_booking(db, protocol, pid, code, today, args.reason)

    _run(args, work)
    print(f"{args.subject} {code}: booking cancelled ({args.reason})")
    return EXIT_OK


def cmd_book_cycle(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_datetime, parse_user_time
    from app.services.booking import book_choices, choices_of, cycle_proposal

    try:
        at = parse_user_time(args.at) if args.at else None
    except ValueError as exc:
        raise UsageError(f"--at: {exc}") from None
    today = command_day(args)

    def work(db: Database) -> list[Proposal]:
        pid, protocol = _patient(db, args)
        proposal = cycle_proposal(db, protocol, pid, args.cycle, at, today, args.nurse)
        if not args.dry_run:
            book_choices(db, protocol, pid, choices_of(proposal, args.nurse), today)
        return proposal

    proposal = _run(args, work)
    if args.json:
        print(json_dump({"subject": args.subject, "cycle": args.cycle,
                         "booked": not args.dry_run,
                         "visits": [p.to_json() for p in proposal]}))
        return EXIT_OK
    print(f"{args.subject} cycle {args.cycle}: "
          + ("proposed (nothing booked)" if args.dry_run else "booked"))
    for p in proposal:
        where = f"{fmt_datetime(p.start)} {p.place or ''}" if p.start else "-"
        print(f"  {p.code:<6} {where:<26} {p.note or p.problem or ''}")
    return EXIT_OK


def cmd_planner(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services.planner import planner

    first = parse_date(args.date, "--date")
    plan = read(args, lambda db: planner(db, first, args.days))
    if args.json:
        print(json_dump(plan.to_json()))
        return EXIT_OK
    print(f"Planner from {fmt_date(first)} ({plan.opening})")
    for d in plan.days:
        print(f"{d.day:%a} {fmt_date(d.day)}" + (f"  closed: {d.closure}" if d.closure else ""))
        for name, _kind, blocks in d.places:
            said = "; ".join(f"{b.start:%H:%M}-{b.end:%H:%M} {b.subject} {b.code}"
                             for b in blocks) or "free"
            print(f"  {name:<12} {said}")
        for load in d.loads:
            print(f"  nurse {load.nurse}: {load.patients} patient(s), {load.tubes} PK tube(s)")
        for c in d.conflicts:
            print(f"  ! {c.what}")
    return EXIT_OK


def cmd_rebook(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services.planner import stale_list

    today = command_day(args)
    rows = read(args, lambda db: stale_list(db, today))
    if args.json:
        print(json_dump([s.to_json() for s in rows]))
        return EXIT_OK
    print(f"{len(rows)} booking(s) to rebook or cancel")
    for s in rows:
        print(f"  {s.held.subject:<10} {s.held.code:<6} {fmt_date(s.held.booked)}  {s.why}")
    return EXIT_OK


def cmd_resources(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_date
    from app.services import site_resources as sr

    if args.action == "list":
        res = read(args, sr.resources)
        if args.json:
            print(json_dump(res.to_json()))
            return EXIT_OK
        for kind, title in (("chair", "Chairs"), ("room", "Rooms")):
            names = [p.name for p in res.places if p.kind == kind]
            print(f"{title}: {', '.join(names) or 'none'}")
        print(f"Opening hours: {res.opening_hours}")
        for c in res.closures:
            print(f"Closed {fmt_date(c.day)}: {c.label}")
        for s in res.staff:
            print(f"{s.account} ({s.role}) works {s.days}")
        return EXIT_OK
    said = _run(args, lambda db: _resource_change(db, args))
    print(said)
    return EXIT_OK


def _resource_change(db: Database, args: argparse.Namespace) -> str:
    from app.rules.dates import fmt_date
    from app.services import site_resources as sr

    if args.action == "add":
        kind = "room" if args.room else "chair"
        sr.add_place(db, args.name, kind)
        return f"{kind} {args.name.strip()} added"
    if args.action == "close":
        day = parse_date(args.day, "DATE")
        sr.add_closure(db, day, args.label, command_day(args))
        return f"closed on {fmt_date(day)}: {args.label}"
    if args.action == "hours":
        return f"opening hours: {sr.set_opening_hours(db, args.hours)}"
    return f"{args.account} works {sr.set_working_days(db, args.account, args.days)}"


__all__ = ["parse_at", "register"]
