"""one_reading: a screen's many reads in one read-only transaction (one BEGIN on a server,
not one per service), a save inside still its own, a batch left as it is."""

from __future__ import annotations

import threading

from sqlalchemy import event, select

from db.models import SiteSetting
from db.shared_reading import one_reading


def _begins(db) -> list[object]:
    begun: list[object] = []
    event.listen(db.engine, "begin", lambda conn: begun.append(conn))
    return begun


def test_the_reads_inside_share_one_transaction(db):
    begun = _begins(db)
    with one_reading(db):
        with db.reading() as first:
            first.execute(select(SiteSetting.key)).all()
        with db.reading(purpose=None) as second:
            second.execute(select(SiteSetting.key)).all()
        db.rows(select(SiteSetting.key))
    assert first is second and len(begun) == 1
    with db.reading() as after:  # the block over: a reading of its own again
        after.execute(select(SiteSetting.key)).all()
    assert after is not first and len(begun) == 2


def test_a_save_inside_is_its_own_transaction_and_kept(db):
    with one_reading(db):
        with db.reading() as session:
            session.execute(select(SiteSetting.key)).all()
        with db.unit_of_work(reason="test", purpose=None) as writing:
            assert writing is not session
            writing.add(SiteSetting(key="shared_reading_test", value="kept"))
    with db.reading() as session:
        assert session.get(SiteSetting, "shared_reading_test").value == "kept"


def test_another_thread_reads_on_its_own(db):
    seen: list[object] = []

    def read() -> None:
        with db.reading() as session:
            seen.append(session)

    with one_reading(db), db.reading() as mine:
        worker = threading.Thread(target=read)
        worker.start()
        worker.join()
    assert seen and seen[0] is not mine


def test_inside_a_batch_or_another_one_reading_nothing_changes(db):
    with db.batch(reason="test", purpose=None), one_reading(db), db.reading() as session:
        session.add(SiteSetting(key="in_batch", value="seen"))
        session.flush()
        with db.reading() as again:
            assert again is session and again.get(SiteSetting, "in_batch").value == "seen"
    with one_reading(db), db.reading() as outer, one_reading(db), db.reading() as inner:
        assert inner is outer


def test_the_account_is_checked_once_per_purpose_in_one_reading(db):
    """The signed-in account's check (still active, same role, no reset) runs once for each
    purpose in the shared transaction, and again in the next one; a refusal is raised
    again at the next read, never remembered as passed."""
    checked: list[str] = []
    refuse = False

    def guard(purpose: str) -> None:
        checked.append(purpose)
        if refuse:
            raise PermissionError(purpose)

    db.guard = guard
    try:
        with one_reading(db):
            for purpose in ("read", "read", "export", "read"):
                with db.reading(purpose=purpose):
                    pass
        assert checked == ["read", "export"]
        with db.reading(), db.reading():  # on their own: each one checked
            pass
        assert checked == ["read", "export", "read", "read"]
        refuse = True
        with one_reading(db):
            for _ in range(2):
                try:
                    with db.reading():
                        raise AssertionError("a refused account read")
                except PermissionError:
                    pass
        assert checked[-2:] == ["read", "read"]
    finally:
        db.guard = None
