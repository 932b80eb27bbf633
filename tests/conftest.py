"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from SITETRACK_TEST_PG_URL (.ci/run starts a server and sets it). Without
it the PostgreSQL variants are skipped with a reason; with CI=true that is a failure.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The site's zone in every test: the workstation's (TZ) unless a test sets the site setting.
# Paris changes its clocks (29-MAR-2026, 25-OCT-2026), so daylight saving is exercised
# whatever zone the machine running the tests is in.
os.environ["TZ"] = "Europe/Paris"
if hasattr(time, "tzset"):
    time.tzset()
# Audit keys (the fallback key files) and anchors go to a folder of this run, never the
# user's own: XDG_DATA_HOME moves platformdirs' data folder, SITETRACK_ANCHORS the anchors.
_RUN = tempfile.mkdtemp(prefix="sitetrack-tests-")
os.environ["XDG_DATA_HOME"] = os.path.join(_RUN, "data")
os.environ["XDG_STATE_HOME"] = os.path.join(_RUN, "state")  # the log folder
os.environ["XDG_CONFIG_HOME"] = os.path.join(_RUN, "config")  # workstation settings
os.environ["SITETRACK_ANCHORS"] = os.path.join(_RUN, "anchors")
os.environ["SITETRACK_LANGUAGE"] = "en"  # the tests read English, whatever the machine's

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from db import Database, open_database  # noqa: E402

SITE_ZONE = ZoneInfo("Europe/Paris")

def _worker_url(url: str | None) -> str | None:
    """Each pytest-xdist worker (gw0, gw1...) empties and fills a database of its own on
    the server of SITETRACK_TEST_PG_URL: <its database>_gw0... (made on first use)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    from sqlalchemy.engine import make_url

    base = make_url(url)
    return base.set(database=f"{base.database}_{worker}").render_as_string(
        hide_password=False)


PG_URL = _worker_url(os.environ.get("SITETRACK_TEST_PG_URL"))
IN_CI = os.environ.get("CI", "").lower() == "true"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Property tests: "dev", a developer's loop (hypothesis' 100 examples, new ones each run);
# "ci", chosen when CI=true: more examples, derandomized so a run is repeatable from its
# commit. No deadline in either: the machines running them are shared. A test's own
# @settings still wins; HYPOTHESIS_PROFILE=ci runs the CI profile locally. "dev" says
# derandomize=False itself: hypothesis derandomizes its defaults where CI is set.
settings.register_profile("dev", deadline=None, print_blob=True, derandomize=False)
settings.register_profile("ci", deadline=None, print_blob=True, max_examples=400,
                          derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))


def examples(count: int) -> int:
    """A property test's own number of examples: all of them under the CI profile, a third
    in a developer's loop (at least 10), so that the loop stays quick and CI thorough."""
    if settings.default.derandomize:  # the CI profile (or a run asking for it)
        return count
    return max(10, count // 3)


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement `db` sends inside the block, as sent (a test of what is read)."""
    from sqlalchemy import event

    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def reference_file(*parts: str) -> Path:
    """A file of ../shared/reference; skipped where absent, a failure in CI."""
    path = SHARED.joinpath("reference", *parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"reference file {path} is missing in CI")
        pytest.skip(f"reference file {path} is not on this machine")
    return path


_MADE: set[str] = set()


def _made(url: str) -> None:
    """The worker's database exists (created from the server's first database)."""
    from sqlalchemy.engine import make_url

    if url in _MADE or url == os.environ.get("SITETRACK_TEST_PG_URL"):
        return
    name = make_url(url).database
    admin = create_engine(os.environ["SITETRACK_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": name}).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _MADE.add(url)


def reset_pg(url: str) -> None:
    """An empty public schema: each test starts from nothing, as a new site would."""
    _made(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def empty_pg_url_unreset() -> str:
    """The test PostgreSQL's URL as it is; skipped where there is none (a failure in CI)."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but SITETRACK_TEST_PG_URL is not set: PostgreSQL tests cannot run")
        pytest.skip("PostgreSQL variant: set SITETRACK_TEST_PG_URL to run it (.ci/run does)")
    return PG_URL


def empty_pg_url() -> str:
    """The test PostgreSQL, emptied; skipped where there is none (a failure in CI)."""
    url = empty_pg_url_unreset()
    reset_pg(url)
    return url


def old_file_with_patients(path: Path, patients: int) -> None:
    """A Site Tracker file of schema 0007 (before row versions) holding enrolled patients."""
    from db.engine import create
    from db.migrate import upgrade
    from db.sqlite_file import APPLICATION_ID

    engine = create(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    upgrade(engine, "0007")
    with engine.begin() as conn:
        for i in range(patients):
            conn.execute(text(
                "INSERT INTO patient(subject_id, initials, part, dose_level, consent_date, "
                "planned_first_dose, status) VALUES "
                "(:s, 'AB', 1, 'DL1', '2026-01-01', '2026-01-05', 'screening')"),
                {"s": f"101-{i + 1:03d}"})
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'site.sqlite'}"
    return empty_pg_url()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def migrated_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of a migrated, empty database on each backend (a copy of the worker's
    template, under an audit identity of its own)."""
    if request.param == "sqlite":
        path = tmp_path / "site.sqlite"
        migrated_sqlite(path)
        return f"sqlite:///{path}"
    return migrated_pg_url()


@pytest.fixture
def db(migrated_url: str) -> Iterator[Database]:
    """An open, migrated, empty database on each backend."""
    database = open_database(migrated_url)
    database.actor = "tester"
    yield database
    database.close()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "site.sqlite"
    migrated_sqlite(path)
    database = open_database(f"sqlite:///{path}")
    database.actor = "tester"
    yield database
    database.close()


# --- templates: a migrated empty database made once per worker, copied for each test -------
# Bringing a new database through every schema step costs 0.2 s on SQLite and a second on
# PostgreSQL, more than most tests; a copy costs a few milliseconds. Each copy gets an audit
# identity of its own (its database id, with the template's key stored under it), so this
# computer's anchor of one test's chain never meets another's. Tests of creation and
# migration themselves open new files and empty schemas, not these copies.

_TEMPLATE_DIR = Path(_RUN) / "templates"
_templates: dict[str, bytes] = {}  # a template's file or PG database name -> its chain's key


def _template_key(conn_scalar) -> bytes:  # type: ignore[no-untyped-def]
    from db.keys import load_key

    database_id = conn_scalar("SELECT database_id FROM audit_head WHERE id = 1")
    key = load_key(database_id)
    assert key is not None, "the template's audit key is on this computer"
    return key


def _new_identity(execute, key: bytes) -> None:  # type: ignore[no-untyped-def]
    from db.keys import new_database_id, store_key

    database_id = new_database_id()
    store_key(database_id, key)
    assert database_id.isalnum()  # hex: safe inside the statement
    execute(f"UPDATE audit_head SET database_id = '{database_id}' WHERE id = 1")


def _sqlite_key(path: Path) -> bytes:
    """The audit key of the SQLite file at `path` (stored under its database id)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return _template_key(lambda q: conn.execute(q).fetchone()[0])
    finally:
        conn.close()


def _sqlite_copy(template: Path, path: Path) -> None:
    """The file at `path` made a copy of `template`, with its own identity."""
    import shutil
    import sqlite3

    shutil.copy2(template, path)
    conn = sqlite3.connect(path)
    with conn:
        _new_identity(conn.execute, _templates[str(template)])
    conn.close()


def migrated_sqlite(path: Path) -> None:
    """A migrated, empty SQLite file at `path`, copied from this worker's template."""
    template = _TEMPLATE_DIR / "site.sqlite"
    if str(template) not in _templates:
        _TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
        open_database(f"sqlite:///{template}").close()
        _templates[str(template)] = _sqlite_key(template)
    _sqlite_copy(template, path)


def _pg_admin(url: str):  # type: ignore[no-untyped-def]
    """The server's maintenance database: the databases dropped and made again are never
    connected to through it."""
    from sqlalchemy.engine import make_url

    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _pg_copy(url: str, template: str) -> None:
    """The database of `url` made again as a copy of `template`, with its own identity."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    admin = _pg_admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY WAL_LOG'))
    admin.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        _new_identity(lambda q: conn.execute(text(q)), _templates[template])
    engine.dispose()


def _pg_keep_as(url: str, template: str) -> None:
    """Keep the (closed) database of `url` as `template`, for copies."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    admin = _pg_admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{template}" TEMPLATE "{name}" STRATEGY WAL_LOG'))
    admin.dispose()
    engine = create_engine(url)
    with engine.connect() as conn:
        _templates[template] = _template_key(lambda q: conn.execute(text(q)).scalar())
    engine.dispose()


def migrated_pg_url() -> str:
    """The test PostgreSQL database, made again as a copy of this worker's migrated
    template (CREATE DATABASE ... TEMPLATE); skipped where there is none."""
    from sqlalchemy.engine import make_url

    url = empty_pg_url_unreset()
    _made(url)
    template = f"{make_url(url).database}_tmpl"
    if template not in _templates:
        reset_pg(url)
        open_database(url).close()
        _pg_keep_as(url, template)
    _pg_copy(url, template)
    return url


def _fill(url: str, seed) -> None:  # type: ignore[no-untyped-def]
    database = open_database(url)
    database.actor = "tester"
    try:
        seed(database)
    finally:
        database.close()


def _seeded(migrated: str, args: dict[str, object], seed) -> str:  # type: ignore[no-untyped-def]
    """The migrated database of `migrated` filled by `seed(database)`: the first time in
    this worker for these `args` it is filled and kept; later a copy of what was kept."""
    import hashlib
    import shutil

    from sqlalchemy.engine import make_url

    digest = hashlib.sha256(repr(sorted(args.items())).encode()).hexdigest()[:10]
    if migrated.startswith("sqlite"):
        path = Path(make_url(migrated).database or "")
        kept = _TEMPLATE_DIR / f"filled-{digest}.sqlite"
        if str(kept) not in _templates:
            shutil.copy2(path, kept)
            _fill(f"sqlite:///{kept}", seed)
            _templates[str(kept)] = _sqlite_key(kept)
        _sqlite_copy(kept, path)
        return migrated
    kept_name = f"{make_url(migrated).database}_f{digest}"
    if kept_name not in _templates:
        _fill(migrated, seed)
        _pg_keep_as(migrated, kept_name)
    _pg_copy(migrated, kept_name)
    return migrated


def _demo_factory(url: str) -> Iterator:  # type: ignore[type-arg]
    from app.rules.protocol import default_protocol
    from app.services.demo import seed_demo

    opened: list[Database] = []

    def make(today, protocol=None, **kwargs) -> Database:  # type: ignore[no-untyped-def]
        chosen = protocol or default_protocol()
        args = {"today": today, "protocol": str(chosen.path), **kwargs}
        _seeded(url, args, lambda database: seed_demo(database, chosen, today, **kwargs))
        database = open_database(url)
        database.actor = "tester"
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def demo_site(migrated_url: str) -> Iterator:  # type: ignore[type-arg]
    """A factory: `demo_site(TODAY, patients=16, ...)` opens this test's database filled by
    `seed_demo` with those arguments, on each backend. A worker fills one for each set of
    arguments once and copies it after: a demo costs seconds to write. (A copy has no
    anchor on this computer yet: tests of that anchor fill their own database.)"""
    yield from _demo_factory(migrated_url)


@pytest.fixture
def sqlite_demo_site(tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    """`demo_site` on SQLite alone."""
    path = tmp_path / "site.sqlite"
    migrated_sqlite(path)
    yield from _demo_factory(f"sqlite:///{path}")


#: the password of the accounts `login` makes; the CLI reads it from the patched stdin
TEST_PASSWORD = "tester's own words"


def login(url: str, role: str = "nurse") -> list[str]:
    """The command-line arguments that sign in as a `role` account of the database at `url`
    (made if new, with TEST_PASSWORD): --db URL --user t.ROLE --password-stdin."""
    from sqlalchemy import select

    from app.services import accounts
    from app.services.database import open_site_database
    from db.accounts import UserAccount

    name = f"t.{role}"
    database = open_site_database(url)
    try:
        with database.unit_of_work(reason="test account", purpose=None,
                               actor="test setup") as session:
            if session.scalar(select(UserAccount.id).where(UserAccount.name == name)) is None:
                session.add(UserAccount(
                    name=name, printed_name=f"Test {role.capitalize()}", role=role,
                    password_hash=accounts.HASHER.hash(TEST_PASSWORD), active=True,
                    must_change=False, failed_logins=0))
            if role in ("nurse", "investigator"):
                _delegated_everything(session, name)
    finally:
        database.close()
    return ["--db", url, "--user", name, "--password-stdin"]


def _delegated_everything(session, name: str) -> None:  # type: ignore[no-untyped-def]
    """A site's nurse or investigator as a test signs in: delegated (approved) for every
    task of every study that enforces its log (the demo's), with GCP, as the demo's own
    staff are (tests of the log itself enforce it after signing in, and delegate)."""
    from datetime import UTC, date, datetime

    from sqlalchemy import select

    from app.rules.delegation import Task
    from db.delegation import Delegation, TrainingRecord
    from db.studies import Study

    since = date(2000, 1, 1)
    for study_id in session.scalars(select(Study.id).where(Study.delegation_enforced.is_(True))):
        have = set(session.scalars(select(Delegation.task).where(
            Delegation.study_id == study_id, Delegation.account == name)))
        for task in Task:
            if task.value not in have:
                session.add(Delegation(study_id=study_id, account=name, task=task.value,
                                       start_date=since, approved_by="test setup",
                                       approved_name="Test Setup",
                                       approved_at=datetime(2000, 1, 1, tzinfo=UTC)))
    if session.scalar(select(TrainingRecord.id).where(TrainingRecord.account == name,
                                                       TrainingRecord.kind == "gcp")) is None:
        session.add(TrainingRecord(account=name, kind="gcp", completed_on=since))


#: the app's own password hasher, kept aside while the tests use a light one
REAL_HASHER = None


def _light_hasher():  # type: ignore[no-untyped-def]
    """argon2id at its lightest: 1 pass over 1 MiB."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def light_hash(password: str) -> str:
    """`password` hashed as the tests' accounts are (argon2id at its lightest, see below):
    a hash at the library's own parameters costs a quarter of a second to make and as much
    at each sign-in checking it, and these tests are about who may sign in, not the cost."""
    return str(_light_hasher().hash(password))


@pytest.fixture(autouse=True, scope="session")
def _light_password_hashing() -> None:
    """argon2id at its lightest in the tests (1 pass over 1 MiB): the app's parameters cost
    a tenth of a second a hash by design, and the suite signs in thousands of times.
    tests/app/services/test_accounts.py checks the app's own parameters (REAL_HASHER)."""
    global REAL_HASHER
    from app.services import accounts

    if REAL_HASHER is None:
        REAL_HASHER = accounts.HASHER
    accounts.HASHER = _light_hasher()


@pytest.fixture(autouse=True)
def _passwords_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands given --password-stdin read TEST_PASSWORD (one line a command)."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{TEST_PASSWORD}\n" * 200))


def amendment_file(tmp_path: Path, label: str = "Amendment 1", rhythm: str = "56, times = 6"
                   ) -> Path:
    """IMP7068-101 amended (its file with another version label): scans every 8 weeks in
    the first year instead of every 6, unless `rhythm` says otherwise."""
    from app.rules.protocol import default_protocol_path

    text = default_protocol_path().read_text(encoding="utf-8")
    text = text.replace('version = "Original protocol 1.0"', f'version = "{label}"')
    text = text.replace("{ every_days = 42, times = 8 }", f"{{ every_days = {rhythm} }}")
    path = tmp_path / f"{label.replace(' ', '_')}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def pytest_configure(config):  # type: ignore[no-untyped-def]
    """Cycles are collected on the main (GUI) thread only, as the app does (ui/garbage.py):
    never by a worker of an operation, nor by pytest-xdist's own thread, freeing a test's
    widgets there."""
    import gc

    gc.disable()


def pytest_collection_finish(session):  # type: ignore[no-untyped-def]
    """What the collection imported (the app, Qt, SQLAlchemy, the test modules) lives to
    the end: kept out of the collections after each test (gc.freeze), which otherwise walk
    it all again at every full collection."""
    import gc

    gc.collect()
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):  # type: ignore[no-untyped-def]
    """After each test, on the main thread: what the automatic collector would have done."""
    import gc

    from ui.garbage import collect_due

    threshold = gc.get_threshold()
    collect_due((threshold[0], threshold[1], threshold[2]))


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    """Windows a test left alive are deleted while Qt still runs (as the app does on quit),
    not by Python's teardown after Qt's."""
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from ui.app import release_windows

        release_windows()


def name_the_site(db, number: str = "101", name: str = "Test site") -> None:
    """Give a test database its site number and name, as the first-run wizard does: every
    export names the site by them (and refuses while the number is unset)."""
    from dataclasses import replace

    from app.services.site_settings import save_site_settings, site_settings

    save_site_settings(db, replace(site_settings(db), site_number=number, site_name=name),
                       "site set up")
