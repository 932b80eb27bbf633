"""PK specimens on the command line: every tube and aliquot by state, and the shipments to
the central lab (create with the manifest, list, receive the lab's receipt file)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cli.common import EXIT_OK, UsageError, json_dump, read, study_arg

if TYPE_CHECKING:
    from app.rules.protocol import Protocol
    from app.services.shipments import ShipmentView
    from db import Database

STATES = ("drawn", "processed", "stored", "shipped", "received")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    specimens = sub.add_parser("specimens", help="PK tubes and aliquots by state",
                               description="Each drawn PK tube and its aliquots, with where "
                                           "each is in its life: drawn, processed, stored, "
                                           "shipped, received.")
    steps = specimens.add_subparsers(dest="step", metavar="STEP", required=True)
    listing = steps.add_parser("list", help="every tube's aliquots with their state")
    listing.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    listing.add_argument("--state", choices=STATES, help="one state only")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=cmd_specimens_list)

    shipments = sub.add_parser("shipments", help="create, list and receive shipments",
                               description="Shipments of stored aliquots to the central lab: "
                                           "the manifest (PDF with barcodes, CSV/XLSX in the "
                                           "lab's columns) and the lab's receipt reconciled.")
    steps = shipments.add_subparsers(dest="step", metavar="STEP", required=True)
    create = steps.add_parser("create", help="pack stored aliquots and print the manifest")
    create.add_argument("--study", required=True, metavar="CODE")
    create.add_argument("--patient", metavar="SUBJECT", help="one patient's aliquots only")
    create.add_argument("--cycle", type=int, metavar="N", help="one cycle's aliquots only")
    create.add_argument("--courier", required=True, metavar="TEXT")
    create.add_argument("--tracking", required=True, metavar="TEXT")
    create.add_argument("-o", "--output", required=True, metavar="MANIFEST.pdf")
    create.add_argument("--csv", metavar="FILE", help="the manifest as FILE.csv or FILE.xlsx "
                                                      "in the lab's columns")
    create.set_defaults(handler=cmd_shipments_create)

    listing = steps.add_parser("list", help="every shipment with its state")
    listing.add_argument("--study", metavar="CODE", help="one study only (default: every study)")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.set_defaults(handler=cmd_shipments_list)

    receive = steps.add_parser("receive", help="reconcile the lab's receipt file")
    receive.add_argument("id", type=int, metavar="ID")
    receive.add_argument("file", metavar="FILE.csv")
    receive.add_argument("--json", action="store_true", help="print JSON for scripts")
    receive.set_defaults(handler=cmd_shipments_receive)


def _guarded(args: argparse.Namespace, do: Callable[[Database], Any]) -> Any:
    from app.errors import InvalidEntry

    def run(db: Database) -> Any:
        try:
            return do(db)
        except InvalidEntry as exc:
            raise UsageError(exc.message) from None

    return read(args, run)


def _study(db: Database, code: str | None) -> Protocol | None:
    from app.services.studies import study_protocol

    sid = study_arg(db, code)
    protocol = None if sid is None else study_protocol(db, sid)
    if protocol is not None and protocol.specimens is None:
        raise UsageError(f"{protocol.code} has no [specimens] section in its protocol file")
    return protocol


def cmd_specimens_list(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.rules.dates import fmt_datetime
    from app.services.specimens import all_tubes

    def run(db: Database) -> list[dict[str, Any]]:
        out = []
        for t in all_tubes(db, _study(db, args.study), local_now()):
            base = {"study": t.study, "subject": t.subject_id, "visit": t.visit,
                    "timepoint": t.timepoint, "tube": t.tube_id,
                    "drawn": t.drawn_at.isoformat(timespec="minutes"),
                    "spun": t.spun_at.isoformat(timespec="minutes") if t.spun_at else None,
                    "frozen": t.frozen_at.isoformat(timespec="minutes") if t.frozen_at
                    else None, "deviations": [d.text for d in t.deviations]}
            for a in t.aliquots or [None]:
                out.append({**base, "aliquot": a.aliquot_id if a else None,
                            "state": str(a.state if a else t.state),
                            "box": a.box if a else None, "position": a.position if a else None,
                            "shipment": a.shipment if a else None,
                            "condition": a.condition if a else None,
                            "_drawn": fmt_datetime(t.drawn_at)})
        return [r for r in out if args.state in (None, r["state"])]

    rows = _guarded(args, run)
    if args.json:
        print(json_dump({"specimens": [{k: v for k, v in r.items() if not k.startswith("_")}
                                       for r in rows]}))
        return EXIT_OK
    print(f"{len(rows)} specimens")
    for r in rows:
        where = f"{r['box']} {r['position']}" if r["box"] else ""
        print(f"  {r['subject']:<10} {r['visit']:<6} {r['timepoint']:<9} "
              f"{r['aliquot'] or r['tube']:<32} {r['state']:<10} {where}")
    return EXIT_OK


def _shipment_json(s: ShipmentView) -> dict[str, Any]:
    return {"id": s.number, "study": s.study, "state": str(s.state), "courier": s.courier,
            "tracking": s.tracking, "packed": s.packed_at.isoformat(timespec="minutes"),
            "packed_by": s.packed_by,
            "dispatched": s.dispatched_at.isoformat(timespec="minutes")
            if s.dispatched_at else None,
            "received": s.received_at.isoformat(timespec="minutes") if s.received_at else None,
            "aliquots": list(s.aliquots), "unexpected": list(s.unexpected)}


def cmd_shipments_create(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.shipments import create_shipment, manifest, pick
    from app.services.worksheets import site_name

    def run(db: Database) -> tuple[int, int]:
        protocol = _study(db, args.study)
        assert protocol is not None
        now = local_now()
        picked = pick(db, protocol, now, args.patient, args.cycle)
        number = create_shipment(db, protocol, picked, args.courier, args.tracking, now)
        m = manifest(db, protocol, number, now)
        _write(args, m, site_name(db), now)
        return number, len(m.rows)

    number, n = _guarded(args, run)
    print(f"shipments: shipment {number} packed with {n} aliquots; manifest written to "
          f"{args.output}" + (f" and {args.csv}" if args.csv else ""))
    return EXIT_OK


def _write(args: argparse.Namespace, m: Any, site: str, now: Any) -> None:
    from app.exchange.manifest import write_lab_table
    from reports.manifest import print_manifest

    for path, write in ((args.output, lambda: print_manifest(args.output, m, site, now)),
                        (args.csv, lambda: write_lab_table(args.csv, m.headings, m.rows))):
        if not path:
            continue
        try:
            write()
        except OSError as exc:
            raise UsageError(f"shipment {m.shipment.number} is packed, but {path} cannot be "
                             f"written: {exc.strerror or exc}") from None


def cmd_shipments_list(args: argparse.Namespace) -> int:
    from app.services.shipments import shipments

    rows = _guarded(args, lambda db: shipments(db, _study(db, args.study)))
    if args.json:
        print(json_dump({"shipments": [_shipment_json(s) for s in rows]}))
        return EXIT_OK
    print(f"{len(rows)} shipments")
    for s in rows:
        print(f"  {s.number:>4} {s.study:<14} {s.state:<10} {len(s.aliquots):>3} aliquots  "
              f"{s.courier} {s.tracking}")
    return EXIT_OK


def cmd_shipments_receive(args: argparse.Namespace) -> int:
    from app.infra.clock import local_now
    from app.services.shipments import receive_shipment, shipment
    from app.services.studies import study_named, study_protocol

    def run(db: Database) -> tuple[Any, ShipmentView]:
        view = shipment(db, args.id)
        protocol = study_protocol(db, study_named(db, view.study))
        result = receive_shipment(db, protocol, args.id, args.file, local_now())
        return result, shipment(db, args.id)

    result, view = _guarded(args, run)
    found = {"matched": result.matched, "missing": result.missing,
             "unexpected": result.unexpected, "thawed": result.thawed,
             "damaged": result.damaged}
    if args.json:
        print(json_dump({"shipment": args.id, "state": str(view.state), **found,
                         "discrepancies": result.discrepancies}))
        return EXIT_OK
    print(f"shipments: shipment {args.id} received: {len(result.matched)} matched, "
          f"{result.discrepancies} discrepancies ({view.state})")
    for word, ids in found.items():
        if word != "matched" and ids:
            print(f"  {word}: {', '.join(ids)}")
    return EXIT_OK
