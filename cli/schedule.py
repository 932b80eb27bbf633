"""`schedule`: a patient's calendar from the protocol, as the app builds it."""

from __future__ import annotations

import argparse

from app.wording.words import count
from cli.common import (
    EXIT_OK,
    UsageError,
    command_day,
    parse_date,
    protocol_arg,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sched = sub.add_parser(
        "schedule", help="print a patient's calendar of visits from the protocol",
        description="Build a patient's calendar (visits, windows, statuses) from the protocol "
                    "file, as the app does. Dates are YYYY-MM-DD.")
    sched.add_argument("--first-dose", required=True, metavar="DATE",
                       help="date of the first dose (the lead-in dose, Day -7)")
    sched.add_argument("--visit", action="append", default=[], metavar="CODE=DATE",
                       help="a visit done on DATE (repeatable), e.g. C1D1=2026-01-12")
    sched.add_argument("--missed", action="append", default=[], metavar="CODE[:REASON]",
                       help="a visit marked missed (repeatable)")
    sched.add_argument("--delay", action="append", default=[], metavar="CODE=DAYS:REASON",
                       help="a cycle day 1 delayed by DAYS, reason toxicity, patient, "
                            "logistics or other (repeatable), e.g. C3D1=7:toxicity")
    for flag, what in (("--last-dose", "the last dose"), ("--progression", "progression"),
                       ("--death", "death"), ("--withdrawn", "withdrawal of consent"),
                       ("--lost-to-follow-up", "loss to follow-up"),
                       ("--new-therapy", "the start of a new anticancer therapy")):
        sched.add_argument(flag, metavar="DATE", help=f"date of {what}")
    sched.add_argument("--today", metavar="DATE", help="the day to compute statuses for "
                       "(default: today)")
    sched.add_argument("--protocol", metavar="FILE", help="protocol file (default: IMP7068-101)")
    sched.add_argument("--json", action="store_true", help="print JSON for scripts")
    sched.set_defaults(handler=cmd_schedule)

def _code_date_pairs(items: list[str]) -> dict:
    out: dict = {}
    for item in items:
        code, sep, when = item.partition("=")
        code = code.strip().upper()
        if not sep or not code:
            raise UsageError(f"--visit '{item}' must be CODE=DATE, e.g. C1D1=2026-01-12")
        day = parse_date(when, f"date of {code}")
        if code in out:
            raise UsageError(f"{code} is given twice ({out[code].isoformat()} and "
                             f"{day.isoformat()}): a visit happens once")
        out[code] = day
    return out


def cmd_schedule(args: argparse.Namespace) -> int:
    import json

    from app.errors import InvalidEntry
    from app.rules.calendar import CycleDelay, PatientFacts, ScheduleError, build_calendar
    from app.rules.entry.visits import check_calendar_facts

    protocol = protocol_arg(args.protocol)
    missed: dict[str, str] = {}
    for item in args.missed:
        code, _, reason = item.partition(":")
        missed[code.strip().upper()] = reason.strip()
    delays: dict[str, CycleDelay] = {}
    for item in args.delay:
        code, sep, rest = item.partition("=")
        days, sep2, reason = rest.partition(":")
        code = code.strip().upper()
        if not sep or not sep2 or not days.strip().lstrip("-").isdigit():
            raise UsageError(f"--delay '{item}' must be CODE=DAYS:REASON, e.g. C3D1=7:toxicity")
        delays[code] = CycleDelay(code, int(days), reason.strip().lower())
    facts = PatientFacts(
        first_dose=parse_date(args.first_dose, "--first-dose"),
        done=_code_date_pairs(args.visit),
        missed=missed,
        delays=delays,
        last_dose=parse_date(args.last_dose, "--last-dose"),
        progression=parse_date(args.progression, "--progression"),
        death=parse_date(args.death, "--death"),
        withdrawal=parse_date(args.withdrawn, "--withdrawn"),
        lost_to_follow_up=parse_date(args.lost_to_follow_up, "--lost-to-follow-up"),
        new_anticancer_therapy=parse_date(args.new_therapy, "--new-therapy"),
    )
    try:
        check_calendar_facts(facts)
    except InvalidEntry as exc:
        flag = "--death" if exc.field == "death_date" else "--delay"
        raise UsageError(f"{flag}: {exc.message}") from None
    today = command_day(args)
    try:
        calendar = build_calendar(protocol, facts, today)
    except ScheduleError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(calendar.to_json(), indent=2))
        return EXIT_OK
    print(format_calendar(calendar, protocol.code))
    return EXIT_OK


def format_calendar(calendar, study: str) -> str:  # type: ignore[no-untyped-def]
    from app.rules.dates import fmt_date


    rows = [("Code", "Visit", "Target", "Window", "Actual", "Status")]
    for v in calendar.visits:
        status = v.status.replace("_", " ")
        if v.reason:
            status += f" ({v.reason})"
        window = (fmt_date(v.target) if v.earliest == v.latest
                  else f"{fmt_date(v.earliest)} to {fmt_date(v.latest)}")
        rows.append((v.code, v.label, fmt_date(v.target), window, fmt_date(v.actual), status))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"{study}: {count(len(calendar.visits), 'visit')}, statuses as of "
             f"{fmt_date(calendar.today)}"]
    for i, r in enumerate(rows):
        cells = "  ".join(c.ljust(w) for c, w in zip(r[:5], widths, strict=True))
        lines.append(f"{cells}  {r[5]}")
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  ------")
    return "\n".join(lines)
