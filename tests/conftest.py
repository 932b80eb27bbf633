"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from SITETRACK_TEST_PG_URL (.ci/run starts a server and sets it). Without
it the PostgreSQL variants are skipped with a reason; with CI=true that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import create_engine, text

from db import Database, open_database

PG_URL = os.environ.get("SITETRACK_TEST_PG_URL")
IN_CI = os.environ.get("CI", "").lower() == "true"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def reference_file(*parts: str) -> Path:
    """A file of ../shared/reference; skipped where absent, a failure in CI."""
    path = SHARED.joinpath("reference", *parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"reference file {path} is missing in CI")
        pytest.skip(f"reference file {path} is not on this machine")
    return path


def reset_pg(url: str) -> None:
    """An empty public schema: each test starts from nothing, as a new site would."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'site.sqlite'}"
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but SITETRACK_TEST_PG_URL is not set: PostgreSQL tests cannot run")
        pytest.skip("PostgreSQL variant: set SITETRACK_TEST_PG_URL to run it (.ci/run does)")
    reset_pg(PG_URL)
    return PG_URL


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
