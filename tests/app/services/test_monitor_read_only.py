"""A monitor changes no clinical data through the services: every attempt is refused and
kept in words ("refused: record visit C1D2 of 101-001 (monitor)")."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.errors import NotAllowed
from app.services import accounts as acc
from app.services.offers import offered
from app.services.visits import VisitEntry, record_visit
from db.accounts import AccessEvent
from db.models import VisitRecord
from tests.app.services.conftest import TODAY
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=SITE_ZONE)
GOOD = "violet staple 42"


def _sign_in_as(db, role):
    acc.create_account(db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(db, "root.admin", GOOD, NOW)
    acc.create_account(db, "who", "Who Ever", role, GOOD, must_change=False)
    acc.sign_in(db, "who", GOOD, NOW)


def test_a_monitor_records_nothing_and_the_refusal_is_worded(db, protocol, dosed):
    _sign_in_as(db, "monitor")
    assert offered(db).read_only and offered(db).query
    with pytest.raises(NotAllowed, match="cannot enter or correct clinical data"):
        record_visit(db, protocol, dosed, "C1D2",
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 13)), TODAY)
    with db.reading(purpose=None) as s:
        assert s.scalar(select(VisitRecord.id).where(VisitRecord.code == "C1D2")) is None
        events = s.execute(select(AccessEvent.event, AccessEvent.detail)
                           .where(AccessEvent.account == "who")).all()
    assert ("denied", "refused: record visit C1D2 of 101-001 (monitor)") in events


def test_a_nurse_is_offered_entry_not_queries(db, protocol, dosed):
    _sign_in_as(db, "nurse")
    offer = offered(db)
    assert (offer.enter, offer.query, offer.sign, offer.read_only) == (True, False, False, False)
    record_visit(db, protocol, dosed, "C1D2",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 13)), TODAY)


def test_a_monitor_records_no_con_med_nor_reading(db, protocol, dosed):
    from app.services.conmeds import ConMedForm, conmeds_of, save_conmed
    from app.services.vitals import readings_of

    _sign_in_as(db, "monitor")
    with pytest.raises(NotAllowed, match="cannot enter or correct clinical data"):
        save_conmed(db, dosed, ConMedForm("Paracetamol", "1", "g", "oral", "PRN", "Pain",
                                          "UN-JAN-2026", "", True), TODAY)
    with pytest.raises(NotAllowed):
        record_visit(db, protocol, dosed, "C1D8", VisitEntry(
            outcome="done", actual_date=date(2026, 1, 19)), TODAY, readings={"PULSE": "70"})
    assert conmeds_of(db, dosed) == [] and readings_of(db, dosed) == []
    with db.reading(purpose=None) as s:
        events = s.execute(select(AccessEvent.detail).where(AccessEvent.account == "who")
                           ).scalars().all()
    assert "refused: record a con-med of 101-001 (monitor)" in events
