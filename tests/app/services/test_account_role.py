"""The signed-in account's role, as offers and queries ask for it (twice on a patient's
page): known from the sign-in, never read again; nobody signed in has none."""

from __future__ import annotations

from datetime import datetime

from app.services import accounts as acc
from app.services.attempts import account_role
from db.audit import SYSTEM_ACTOR
from tests.conftest import SITE_ZONE, statements

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=SITE_ZONE)
GOOD = "violet staple 42"


def _reads_of_accounts(db, call):  # type: ignore[no-untyped-def]
    with statements(db) as sent:
        answer = call()
    return answer, sum("FROM user_account" in s for s in sent)


def test_the_role_comes_from_the_sign_in_and_nobody_has_none(db):
    db.actor = SYSTEM_ACTOR  # the app's own bookkeeping: no account acts
    assert _reads_of_accounts(db, lambda: account_role(db)) == (None, 0)
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    acc.create_account(db, "nina", "Nina Nurse", "monitor", GOOD, must_change=False)
    acc.sign_in(db, "nina", GOOD, NOW)
    assert _reads_of_accounts(db, lambda: account_role(db)) == ("monitor", 0)
    acc.sign_out(db, NOW)
    assert _reads_of_accounts(db, lambda: account_role(db)) == (None, 0)


def test_an_actor_set_without_signing_in_has_its_role_read(db):
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    db.actor = "root.admin"  # a command's own bookkeeping acts under a name it was given
    assert _reads_of_accounts(db, lambda: account_role(db)) == ("admin", 1)
