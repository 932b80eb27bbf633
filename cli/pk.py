"""PK on the command line: due times of a visit's tubes, the listing, tube labels."""

from __future__ import annotations

import argparse

from app.wording.words import count
from cli.common import (
    EXIT_OK,
    UsageError,
    protocol_arg,
    read,
    study_arg,
    writing,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pkt = sub.add_parser("pk-times", help="a visit's PK samples with their clock times",
                         description="Each PK sample of a visit: nominal time and window, from "
                                     "the dose it counts from (for LI24 and LI48 the Day -7 "
                                     "dose, for C1D2 the C1D1 dose).")
    pkt.add_argument("--visit", required=True, metavar="CODE")
    pkt.add_argument("--dose-time", required=True, metavar='"YYYY-MM-DD HH:MM"')
    pkt.add_argument("--protocol", metavar="FILE", help="protocol file (default: IMP7068-101)")
    pkt.add_argument("--time-zone", metavar="ZONE",
                     help="the site's zone, e.g. Europe/Paris (default: this computer's, or TZ)")
    pkt.add_argument("--json", action="store_true", help="print JSON for scripts")
    pkt.set_defaults(handler=cmd_pk_times)

    pkl = sub.add_parser("pk-listing", help="every PK sample recorded, with deviations")
    pkl.add_argument("-o", "--output", metavar="FILE", help="write to FILE.csv or FILE.xlsx")
    pkl.add_argument("--study", metavar="CODE",
                     help="one study only (default: every study the account may see)")
    pkl.set_defaults(handler=cmd_pk_listing)

    labels = sub.add_parser("pk-labels", help="a PDF of a visit's PK tube labels (Code128)")
    labels.add_argument("subject", metavar="SUBJECT")
    labels.add_argument("visit", metavar="CODE")
    labels.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    labels.add_argument("--page", choices=["A4", "Letter"], default="A4")
    labels.set_defaults(handler=cmd_pk_labels)

def cmd_pk_times(args: argparse.Namespace) -> int:
    import json
    from datetime import datetime

    from app.rules import pk
    from app.rules.dates import DATE_RANGE, fmt_datetime, in_range
    from app.rules.site_time import TimeProblem, local_instant, workstation_zone, zone_named

    protocol = protocol_arg(args.protocol)
    try:
        zone = zone_named(args.time_zone) if args.time_zone else workstation_zone()
    except ValueError as exc:
        raise UsageError(f"--time-zone: {exc}") from None
    try:
        typed = datetime.strptime(args.dose_time.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise UsageError(f"--dose-time '{args.dose_time}' is not a date and time: use "
                         '"YYYY-MM-DD HH:MM" (24-hour)') from None
    if not in_range(typed.date()):
        raise UsageError(f"--dose-time: '{args.dose_time.strip()}' is outside the dates a "
                         f"record can hold ({DATE_RANGE})")
    try:
        dose = local_instant(typed.date(), typed.time(), zone)
    except TimeProblem as exc:
        raise UsageError(f"--dose-time: {exc}") from None
    code = args.visit.strip().upper()
    try:
        times = pk.sample_times(protocol, code, dose)
    except pk.PkError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps({"samples": [t.to_json() for t in times]}, indent=2))
        return EXIT_OK
    dose_of = times[0].slot.dose_of
    print(f"{code}: {len(times)} PK samples, counted from the {dose_of} dose at "
          f"{fmt_datetime(dose)}")
    for t in times:
        print(f"  {t.slot.label:<9} due {fmt_datetime(t.nominal)}   window "
              f"{t.earliest:%H:%M} to {t.latest:%H:%M}")
    return EXIT_OK


def cmd_pk_listing(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_datetime
    from app.services.errors import InvalidEntry
    from app.services.pk_samples import export_pk_listing, pk_listing
    from app.services.studies import study_protocol

    def run(db):  # type: ignore[no-untyped-def]
        study = study_arg(db, args.study)
        protocol = None if study is None else study_protocol(db, study)
        rows = pk_listing(db, protocol)
        n = None
        if args.output:
            label = "All studies" if protocol is None else protocol.code
            try:
                n = writing(args.output, lambda: export_pk_listing(
                    db, rows, args.output, label, db.actor))
            except InvalidEntry as exc:
                raise UsageError(exc.message) from None
        return rows, n

    rows, n = read(args, run)
    if args.output:
        print(f"pk-listing: {count(n, 'sample')} written to {args.output}")
        return EXIT_OK
    print(f"{len(rows)} PK samples")
    for r in rows:
        dev = "" if r.deviation_min is None else f"{r.deviation_min:+.0f} min"
        print(f"  {r.subject_id:<10} {r.visit:<6} {r.timepoint:<9} nominal "
              f"{fmt_datetime(r.nominal):<18} actual {fmt_datetime(r.actual):<18} "
              f"{dev:>9}  {r.flag}")
    return EXIT_OK


def cmd_pk_labels(args: argparse.Namespace) -> int:
    from app.rules.protocol import default_protocol
    from app.services.errors import InvalidEntry
    from app.services.patients import find_patient
    from app.services.pk_samples import pk_panel
    from reports.pk_labels import write_pk_labels

    def panel(db):  # type: ignore[no-untyped-def]
        pid = find_patient(db, args.subject)
        if pid is None:
            raise UsageError(f"no patient with subject ID {args.subject}")
        try:
            return pk_panel(db, default_protocol(), pid, args.visit.strip().upper())
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    visit = read(args, panel)
    n = writing(args.output, lambda: write_pk_labels(visit, args.output, args.page))
    print(f"pk-labels: {n} labels for {visit.subject_id} {visit.visit_code} written to "
          f"{args.output}")
    return EXIT_OK
