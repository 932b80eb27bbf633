"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from SITETRACK_TEST_PG_URL (.ci/run starts a server and sets it). Without
it the PostgreSQL variants are skipped with a reason; with CI=true that is a failure.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
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


def empty_pg_url() -> str:
    """The test PostgreSQL, emptied; skipped where there is none (a failure in CI)."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but SITETRACK_TEST_PG_URL is not set: PostgreSQL tests cannot run")
        pytest.skip("PostgreSQL variant: set SITETRACK_TEST_PG_URL to run it (.ci/run does)")
    reset_pg(PG_URL)
    return PG_URL


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


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open, migrated, empty database on each backend."""
    database = open_database(db_url)
    database.actor = "tester"
    yield database
    database.close()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'site.sqlite'}")
    database.actor = "tester"
    yield database
    database.close()


#: the password of the accounts `login` makes; the CLI reads it from the patched stdin
TEST_PASSWORD = "tester's own words"


def login(url: str, role: str = "nurse") -> list[str]:
    """The command-line arguments that sign in as a `role` account of the database at `url`
    (made if new, with TEST_PASSWORD): --db URL --user t.ROLE --password-stdin."""
    from argon2 import PasswordHasher
    from sqlalchemy import select

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
                    password_hash=PasswordHasher().hash(TEST_PASSWORD), active=True,
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
