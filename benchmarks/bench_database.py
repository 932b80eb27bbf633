"""The benchmarks' 7,000-patient database: built once in $SITETRACK_BENCH_DIR (default /tmp)
by a child process, so that the measuring process's peak memory is the app's with the
database open, not the build's; one line and exit 2 when it cannot be built."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path


def site_database(script: str) -> Path:
    """The 7,000-patient database, built once in the bench folder by a child process (so
    this one's peak memory is the app's with the database open, not the build's); one line
    and exit 2 if it cannot be built."""
    import subprocess

    import bench_worklist

    folder = Path(os.environ.get("SITETRACK_BENCH_DIR", "/tmp"))
    path = folder / bench_worklist.DB_PATH.name
    if _patients_in(path) != bench_worklist.PATIENTS:
        done = subprocess.run([sys.executable, script, "--build-only"],
                              stdout=subprocess.DEVNULL, timeout=3600)
        if done.returncode:
            raise SystemExit(2)  # the child said why, in one line
    return build_site_database(path)


def _patients_in(path: Path) -> int | None:
    """How many patients the file holds (None: no such file, or not one of ours)."""

    if not path.exists():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as c:
            return int(c.execute("SELECT count(*) FROM patient").fetchone()[0])
    except sqlite3.Error:
        return None


def build_site_database(path: Path, url: str | None = None) -> Path:
    """Open the database at `path`, building it first when it is not the full one (`url`:
    a server database instead, empty or full: benchmarks/bench_backend.py makes it)."""
    import bench_worklist

    folder = path.parent
    url = url or f"sqlite:///{path}"
    bench_worklist.DB_PATH = path
    try:
        from sqlalchemy import func, select

        from app.services.accounts import add_demo_accounts
        from app.services.database import open_site_database
        from db.audit import DEMO_ACTOR
        from db.models import Patient

        db = open_site_database(url)
        with db.reading() as s:
            have = s.scalar(select(func.count()).select_from(Patient))
        if have != bench_worklist.PATIENTS:
            db.close()
            path.unlink(missing_ok=True)
            db = open_site_database(url)
            bench_worklist.build(db)
        with db.unit_of_work(reason="benchmark accounts", purpose=None,
                             actor=DEMO_ACTOR) as session:
            add_demo_accounts(session)  # the start-up probe signs in as the demo's nurse
        db.close()
    except Exception as exc:  # no space, unwritable folder, a damaged old file: one line
        print(f"bench: cannot build the benchmark database in {folder}: {exc}",
              file=sys.stderr)
        raise SystemExit(2) from None
    return path


def build_only() -> None:
    """`--build-only`: build the benchmark database, then exit (the parent measures)."""
    import bench_worklist

    folder = Path(os.environ.get("SITETRACK_BENCH_DIR", "/tmp"))
    build_site_database(folder / bench_worklist.DB_PATH.name)




def demo_fill(url: str, patients: int, verify: bool = False) -> dict[str, object]:
    """The demo's own fill of `patients` (and the second study's 12) into the empty database
    at `url`, timed: what a site's demo, or a shared server's test load, costs to write and
    to audit. With `verify`, the trail is then checked as `audit verify` checks it."""
    import time

    from bench_schedule import TODAY
    from sqlalchemy import func, select

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database, verify_audit_trail
    from app.services.demo import seed_demo
    from db.models import AuditEntry

    db = open_site_database(url)
    try:
        start = time.perf_counter()
        added = seed_demo(db, default_protocol(), TODAY, patients=patients)
        seconds = time.perf_counter() - start
        with db.reading(purpose=None) as s:
            entries = s.scalar(select(func.count()).select_from(AuditEntry))
        out: dict[str, object] = {
            "backend": db.backend, "patients": added, "seconds": round(seconds, 1),
            "ms_per_patient": round(seconds * 1000 / max(added, 1), 1),
            "audit_entries": entries}
        if verify:
            start = time.perf_counter()
            report = verify_audit_trail(db)
            out.update(verify_seconds=round(time.perf_counter() - start, 1),
                       intact=report.intact, verify=report.message)
    finally:
        db.close()
    return out


if __name__ == "__main__":
    import argparse
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    parser = argparse.ArgumentParser(description="the demo's fill, timed (issue 32)")
    parser.add_argument("--demo-fill", type=int, metavar="PATIENTS", required=True,
                        help="patients in the demo's study (70000: the shared server)")
    parser.add_argument("--url", help="an empty database (default: a new SQLite file in "
                                      "$SITETRACK_BENCH_DIR)")
    parser.add_argument("--verify", action="store_true", help="then check the audit trail")
    args = parser.parse_args()
    where = Path(os.environ.get("SITETRACK_BENCH_DIR", "/tmp")) / \
        f"sitetrack-demo-{args.demo_fill}.sqlite"
    if not args.url:
        where.unlink(missing_ok=True)
    print(json.dumps(demo_fill(args.url or f"sqlite:///{where}", args.demo_fill, args.verify)))
