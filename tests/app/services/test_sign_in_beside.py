"""Sign-in's password check (argon2, outside the interpreter's lock) runs on its own thread
beside the replay of the account's trail, and answers as it did one after the other."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from argon2 import PasswordHasher

from app.services import accounts as acc
from db import replay as trail
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=SITE_ZONE)
GOOD = "violet staple 42"


@pytest.fixture
def watched(db, monkeypatch):
    """A nurse's account; each argon2 check and each replay of a trail noted with its
    thread. The check waits until the replay has begun: it can only end if it runs beside."""
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    acc.create_account(db, "nina", "Nina Nurse", "nurse", GOOD, must_change=False)
    seen: list[tuple[str, str]] = []
    replaying = threading.Event()
    replay = trail.record_mismatches

    class Noting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:
            assert replaying.wait(10)
            seen.append(("argon2", threading.current_thread().name))
            return super().verify(hash, password)

    def noting_replay(session, row):
        seen.append(("replay", threading.current_thread().name))
        replaying.set()
        return replay(session, row)

    monkeypatch.setattr(acc, "HASHER", Noting(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(trail, "record_mismatches", noting_replay)
    seen.clear()
    return db, seen


def test_the_right_password_is_checked_beside_the_replay(watched):
    db, seen = watched
    signed = acc.sign_in(db, "nina", GOOD, NOW)
    assert signed.name == "nina"
    assert seen == [("replay", threading.current_thread().name), ("argon2", "password-check")]


def test_a_wrong_password_and_an_unknown_name_are_refused_as_before(watched):
    db, seen = watched
    for name in ("nina", "nobody.here"):
        with pytest.raises(acc.AccessDenied, match="Wrong account name or password"):
            acc.sign_in(db, name, "not the one", NOW)
    assert ("argon2", "password-check") in seen
    with db.reading(purpose=None) as session:
        nina = session.scalar(acc.select(acc.UserAccount).where(
            acc.UserAccount.name == "nina"))
        assert nina.failed_logins == 1
