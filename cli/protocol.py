"""`protocol check FILE.toml`: validate a protocol file and print its visit table, so that
a site writing the next study's file sees what the app will make of it before loading it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cli.common import EXIT_OK, EXIT_USAGE, Parser

if TYPE_CHECKING:
    from app.rules.protocol import Protocol, Window


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    protocol = sub.add_parser("protocol", help="protocol files: check one")
    protocol_sub = protocol.add_subparsers(dest="protocol_command", metavar="ACTION",
                                           parser_class=Parser, required=True)
    check = protocol_sub.add_parser(
        "check", help="validate a protocol file and print its visit table",
        description="Every problem is named by its key; exit 2 when there is one.")
    check.add_argument("file", metavar="FILE.toml")
    check.set_defaults(handler=cmd_protocol_check)
    usdm = protocol_sub.add_parser(
        "import-usdm", help="draft a protocol file from a CDISC USDM v4 JSON file",
        description="Reads the study's encounters, timings, cycles and PK timepoints and "
                    "writes a draft protocol file; each decision the file leaves open is "
                    "listed in the draft's [review] (protocol check refuses it until they "
                    "are decided). A file that is not USDM v4: exit 2, nothing written.")
    usdm.add_argument("file", metavar="FILE.json")
    usdm.add_argument("-o", "--output", required=True, metavar="DRAFT.toml")
    usdm.add_argument("--study-version", metavar="ID",
                      help="the study version to read (its id or versionIdentifier; "
                           "default: the last)")
    usdm.add_argument("--json", action="store_true", help="print JSON for scripts")
    usdm.set_defaults(handler=cmd_protocol_import_usdm)


def _window(w: Window) -> str:
    """The window as the protocol writes it: 0/+27, -1/+1."""
    return f"{-w.before if w.before else 0}/+{w.after}"


def cmd_protocol_check(args: argparse.Namespace) -> int:
    from app.rules.protocol import ProtocolError, load_protocol

    try:
        p = load_protocol(args.file)
    except ProtocolError as exc:
        n = len(exc.problems)
        print(f"sitetrack: {exc.path}: {n} problem{'' if n == 1 else 's'}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"sitetrack: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{p.code}: {p.title}")
    print(f"version: {p.version}")
    print(f"first dose at {p.first_dose_visit}; projected {p.projection_months} months from "
          f"{p.projection_anchor}")
    print(f"\n{'Visit':<10} {'Kind':<18} {'Anchor':<12} {'Offset':>7} {'Window':>8}  Label")
    for v in p.visits:
        print(f"{v.code:<10} {v.kind:<18} {v.anchor:<12} {v.offset_days:>+7d} "
              f"{_window(v.window):>8}  {v.label}" + ("  [dose]" if v.dosing else ""))
    c = p.cycles
    if c is not None:
        print(f"\nCycles of {c.length_days} days from {c.first_visit}, repeated from cycle "
              f"{c.repeat_from} as {c.code}:")
        for d in c.days:
            print(f"  day {d.day:<3} window {_window(d.window)}"
                  + ("  [dose]" if d.dosing else ""))
    for s in p.series:
        rhythm = ", then ".join(f"every {st.every_days} days"
                                + (f" x{st.times}" if st.times else "") for st in s.rhythm)
        limit = f" until {s.until}" if s.until else (
            f" for {s.horizon_days} days" if s.horizon_days else "")
        print(f"\nSeries {s.code} ({s.kind}) from {s.anchor}: {rhythm}{limit}, window "
              f"{_window(s.window)}")
    if p.stopping:
        print("\nStopping rules:")
        for r in p.stopping:
            print(f"  {r.event}: cancels {', '.join(sorted(r.kinds))} ({r.cancels})")
    if p.pk_visits:
        print("\nPK: " + "; ".join(f"{pv.visit} {', '.join(pv.timepoints)}"
                                   for pv in p.pk_visits))
    _print_measures(p)
    print(f"\n{args.file}: valid")
    return EXIT_OK


def cmd_protocol_import_usdm(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from app.exchange.usdm.draft import import_usdm_file
    from app.exchange.usdm.model import UsdmError
    from app.infra.files import written_atomically

    try:
        imported = import_usdm_file(args.file, args.study_version)
    except UsdmError as exc:
        print(f"sitetrack: {args.file}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.output)
    try:
        with written_atomically(out) as temp:
            temp.write_text(imported.text, encoding="utf-8")
    except OSError as exc:
        print(f"sitetrack: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    tree, review = imported.draft.tree, imported.draft.review
    if args.json:
        print(json.dumps({
            "draft": str(out), "study": tree["study"]["code"], "version": imported.version,
            "visits": [v["code"] for v in tree["visits"]],
            "cycles": tree.get("cycles", {}).get("length_days"),
            "series": [s["code"] for s in tree.get("series", [])],
            "pk_timepoints": [t["id"] for t in tree.get("pk", {}).get("timepoints", [])],
            "review": [{"element": r.element, "decide": r.what, "draft": r.guess}
                       for r in review],
            "problems": imported.problems}, indent=2))
        return EXIT_OK
    print(f"{out}: draft of {tree['study']['code']} ({imported.version}), "
          f"{len(tree['visits'])} visits" + (
              f", {tree['cycles']['length_days']}-day cycles" if "cycles" in tree else "")
          + f", {len(tree.get('series', []))} series, "
          f"{len(tree.get('pk', {}).get('timepoints', []))} PK timepoints")
    print(f"\n{len(review)} decision{'' if len(review) == 1 else 's'} to review "
          "(each in the draft's [review]):")
    for r in review:
        print(f"  {r.element}: {r.what}" + (f" [draft: {r.guess}]" if r.guess else ""))
    for p in imported.problems:
        print(f"  draft: {p}")
    return EXIT_OK
def _print_measures(p: Protocol) -> None:
    """The readings taken at the visits, and the drugs the protocol forbids."""
    if p.measures:
        print("\nMeasures (usual range; computed: BSA by Mosteller, QTcF by Fridericia):")
    for m in p.measures:
        at = ", ".join("visits with vital signs" if a == "vital_signs" else a for a in m.at)
        print(f"  {m.code:<7} {m.label} ({m.unit or '-'}) {m.plausible[0]:g} to "
              f"{m.plausible[1]:g} at {at}" + ("  [computed]" if m.computed else ""))
    for ban in p.prohibited:
        print(f"\nProhibited ({ban.why}): {', '.join(ban.names)}")
