"""Where the benchmarks' site database lives: an SQLite file, or a PostgreSQL server.

Each backend says how to replay the SQL a screen ran through its plain driver (sqlite3, or
psycopg alone): the floor a screen's reading is held against. The PostgreSQL half runs only
when $SITETRACK_BENCH_PG_URL names a server database (for instance
postgresql+psycopg://postgres@127.0.0.1:5432/sitetrack_bench): the bench's own databases are
made beside it on that server, named after it (`<its name>_bench20x350_<schema>`), built
once and kept; no other database is ever dropped.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PG_ENV = "SITETRACK_BENCH_PG_URL"
BIG_ENV = "SITETRACK_BENCH_PG_PATIENTS"  # 70000: the hospital network's shared database

Calls = list[tuple[str, Any]]


@dataclass(frozen=True)
class Backend:
    name: str  # "SQLite" or "PostgreSQL"
    url: str  # SQLAlchemy's URL of the site database
    driver: str  # the plain driver the floors replay through
    replaying: Callable[[Calls], contextlib.AbstractContextManager[Callable[[], None]]]


def sqlite_backend(path: Path) -> Backend:
    @contextlib.contextmanager
    def replaying(calls: Calls) -> Iterator[Callable[[], None]]:
        """The statements recorded, replayed in plain sqlite3 on their own connection."""
        con = sqlite3.connect(path)
        try:
            def once() -> None:
                for statement, parameters in calls:
                    con.execute(statement, parameters or ()).fetchall()
            yield once
        finally:
            con.close()

    return Backend("SQLite", f"sqlite:///{path}", "plain sqlite3", replaying)


def plain_url(url: str) -> str:
    """SQLAlchemy's postgresql+psycopg://… as psycopg itself takes it."""
    return "postgresql://" + url.split("://", 1)[1]


def postgresql_backend(url: str) -> Backend:
    @contextlib.contextmanager
    def replaying(calls: Calls) -> Iterator[Callable[[], None]]:
        """The statements recorded, replayed through psycopg alone on their own connection,
        in one transaction (the app's reading opens one per service call)."""
        import psycopg

        con = psycopg.connect(plain_url(url))
        try:
            def once() -> None:
                with con.cursor() as cur:
                    for statement, parameters in calls:
                        cur.execute(statement, parameters or None)
                        cur.fetchall()
                con.rollback()
            yield once
        finally:
            con.close()

    return Backend("PostgreSQL", url, "psycopg alone", replaying)


def bench_database_name(server_url: str, studies: int, per_study: int) -> str:
    from db.migrate import head

    base = server_url.rsplit("/", 1)[1].split("?", 1)[0]
    return f"{base}_bench{studies}x{per_study}_{head()}".lower()


def _patients_in(url: str) -> int | None:
    """How many patients the server database holds (None: no such database, or not ours)."""
    import psycopg

    try:
        with psycopg.connect(plain_url(url), connect_timeout=10) as con:
            row = con.execute("SELECT count(*) FROM patient").fetchone()
            return int(row[0]) if row else None
    except psycopg.Error:
        return None


def _fresh(server_url: str, name: str) -> None:
    """The bench's own database on the server, dropped if there and made again empty."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(plain_url(server_url), autocommit=True) as con:
        con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        con.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def pg_site_database(server_url: str, patients: int, script: str) -> str:
    """The bench's PostgreSQL copy of the site database (`patients` in studies of 350),
    built once by a child process (this one's peak memory stays the app's); one line and
    exit 2 when it cannot be built."""
    per_study = 350
    name = bench_database_name(server_url, patients // per_study, per_study)
    url = server_url.rsplit("/", 1)[0] + "/" + name
    if _patients_in(url) != patients:
        done = subprocess.run([sys.executable, script, "--build-pg", server_url,
                               str(patients)], stdout=subprocess.DEVNULL, timeout=4 * 3600)
        if done.returncode:
            raise SystemExit(2)  # the child said why, in one line
    if patients > SITE_STUDIES * 350:
        one_site(url)
    return url


SITE_STUDIES = 20  # one site's studies, of the network's 200 at 70,000 patients


def one_site(url: str) -> None:
    """The network's shared database seen by one site: its nurse (the start-up probe's
    account) assigned to the first 20 studies (audited, as an administrator does it)."""
    from app.services.database import open_site_database
    from app.services.study_members import assign_account

    db = open_site_database(url)
    try:
        if site_studies(db) is None:
            db.actor = "benchmark"
            for code in ["IMP7068-101"] + [f"BENCH-{n:02d}" for n in range(2, SITE_STUDIES + 1)]:
                assign_account(db, "nurse", code, "nurse")
    finally:
        db.close()


def site_studies(db: Any) -> dict[int, str] | None:
    """The studies the nurse is assigned to (None: every study), as signing in sets them."""
    from sqlalchemy import select

    from db.studies import StudyMember

    with db.reading(purpose=None) as session:
        return {sid: role for sid, role in session.execute(
            select(StudyMember.study_id, StudyMember.role).where(
                StudyMember.account == "nurse", StudyMember.deleted_at.is_(None)))} or None


def build_pg_only(server_url: str, patients: int) -> None:
    """`--build-pg URL N`: the same data as the SQLite file, on the server (in the child)."""
    import bench_worklist
    from bench_database import build_site_database

    per_study = 350
    bench_worklist.PATIENTS, bench_worklist.STUDIES = patients, patients // per_study
    name = bench_database_name(server_url, patients // per_study, per_study)
    url = server_url.rsplit("/", 1)[0] + "/" + name
    try:
        _fresh(server_url, name)
    except Exception as exc:  # no server, no right to create a database: one line
        print(f"bench: cannot make the database {name} on {_safe(server_url)}: {exc}",
              file=sys.stderr)
        raise SystemExit(2) from None
    folder = Path(os.environ.get("SITETRACK_BENCH_DIR", "/tmp"))
    build_site_database(folder / name, url=url)
    import psycopg

    with psycopg.connect(plain_url(url), autocommit=True) as con:  # ids were given: the
        for table in ("patient", "study"):  # sequences follow them, as after a restore
            con.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))")
        con.execute("VACUUM ANALYZE")


def _safe(url: str) -> str:
    """The URL without its password."""
    head, _, rest = url.partition("://")
    who, at, where = rest.rpartition("@")
    return f"{head}://{who.split(':', 1)[0]}{at}{where}" if at else url
