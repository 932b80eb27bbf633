"""A writer process for the fault tests: killed (SIGKILL) at random moments by the tests.

Each line it prints is an acknowledgement: what it names was committed before the line
was written, so every acknowledged record must be there after any kill.

    python -m tests.faults.worker write URL FIRST        patients FIRST, FIRST+1, ...
    python -m tests.faults.worker checkpoint URL FIRST   big commits, each checkpointed
    python -m tests.faults.worker create URL             make a new database
    python -m tests.faults.worker open URL               open (upgrade, finish pending work)
    python -m tests.faults.worker rmw URL PATIENT CODE TAG N   read-modify-write saves
"""

from __future__ import annotations

import sys
from datetime import date


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def write(url: str, first: int, *, checkpoint: bool = False) -> None:
    from sqlalchemy import event

    from db import open_database
    from db.models import Patient, SiteSetting

    db = open_database(url)
    db.actor = "fault-test"
    if db.backend == "sqlite":
        db.engine.dispose()

        @event.listens_for(db.engine, "connect")
        def _often(dbapi_conn, _rec) -> None:  # type: ignore[no-untyped-def]
            dbapi_conn.execute("PRAGMA wal_autocheckpoint = 8")  # checkpoints all the time

    sys.stderr.write("ready\n")  # started and opened: the writes begin (conftest.started)
    sys.stderr.flush()
    i = first
    while True:
        with db.unit_of_work() as s:
            s.add(Patient(subject_id=f"K-{i}", initials="AB", part=1))
            if checkpoint:
                s.add_all(SiteSetting(key=f"pad-{i}-{n}", value="p" * 900) for n in range(40))
        _say(str(i))
        if checkpoint and db.backend == "sqlite":
            raw = db.engine.raw_connection()  # outside any transaction, as SQLite asks
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        i += 1


def read_modify_write(url: str, patient_id: int, code: str, tag: str, count: int) -> None:
    """`count` saves, each appending one token to a visit's comment from what it read."""
    from app.rules.protocol import default_protocol
    from app.services.errors import EditConflict
    from app.services.patients import patient_page
    from app.services.visits import VisitEntry, record_visit
    from db import open_database

    protocol = default_protocol()
    today = date(2026, 3, 2)
    db = open_database(url)
    db.actor = tag
    conflicts = 0
    for n in range(count):
        while True:
            r = patient_page(db, protocol, patient_id, today).records[code]
            base = r.entry()
            mine = VisitEntry(**{**base.__dict__,
                                 "comment": f"{base.comment or ''} {tag}{n}".strip()})
            try:
                record_visit(db, protocol, patient_id, code, mine, today,
                             reason="fault test", base=base, version=r.version)
                break
            except EditConflict:
                conflicts += 1  # someone saved first: read again, apply again
    _say(f"done {conflicts}")


def main(argv: list[str]) -> None:
    mode, url, *rest = argv
    if mode == "write":
        write(url, int(rest[0]))
    elif mode == "checkpoint":
        write(url, int(rest[0]), checkpoint=True)
    elif mode == "create":
        from db import open_database

        open_database(url).close()
        _say("created")
    elif mode == "open":
        from app.services.database import open_site_database

        open_site_database(url, today=date(2026, 3, 2)).close()
        _say("opened")
    elif mode == "rmw":
        read_modify_write(url, int(rest[0]), rest[1], rest[2], int(rest[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
