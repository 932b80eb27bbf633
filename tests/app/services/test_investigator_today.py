"""The investigator's Today: what waits for their signature by kind, the DLT reviews due
(gone once reviewed), the patients in screening whose screening visit waits for their
signature (gone once signed)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services import accounts as acc
from app.services.investigator_today import investigator_today
from app.services.signatures import sign, to_sign
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=SITE_ZONE)
TODAY = date(2026, 11, 25)


@pytest.fixture
def site(demo_site):
    db = demo_site(TODAY, patients=6, second_study=0)
    acc.sign_in(db, "investigator", "demo", NOW)
    return db


def test_what_waits_for_the_investigator(site):
    view = investigator_today(site, None, TODAY)
    waiting = to_sign(site)
    assert view.waiting == len(waiting)
    assert view.to_sign["visit"] == sum(1 for t in waiting if t.kind == "visit")

    assert view.dlt_reviews and all(d.period_end is None or d.period_end < TODAY
                                    for d in view.dlt_reviews)
    assert all(d.why.split(":")[0] in ("evaluable", "not evaluable", "not yet known")
               for d in view.dlt_reviews)

    assert view.eligibility
    screening = view.eligibility[0]
    assert screening.kind == "visit" and screening.what == "Visit SCR"
    sign(site, "visit", screening.record_id, "reviewed", "demo", NOW)
    after = investigator_today(site, None, TODAY)
    assert screening.record_id not in {t.record_id for t in after.eligibility}
    assert after.to_sign["visit"] == view.to_sign["visit"] - 1


def test_a_dlt_review_made_is_no_longer_due(site):
    from app.services.escalation import review_dlt

    due = investigator_today(site, None, TODAY).dlt_reviews[0]
    review_dlt(site, due.patient_id, True, False, "reviewed the diary", TODAY)
    assert due.patient_id not in {d.patient_id for d in
                                  investigator_today(site, None, TODAY).dlt_reviews}


def test_no_list_of_every_waiting_visit_is_sent(site):
    """The screening visits are found through the patients in screening, not by sending the
    ids of every visit waiting (9,000 of one study made SQLite plan a 1 s query)."""
    from tests.conftest import statements

    with statements(site) as sent:
        view = investigator_today(site, None, TODAY)
    assert view.eligibility
    screening = [s for s in sent if "FROM visit_record" in s and "patient.status" in s]
    assert len(screening) == 1 and "visit_record.id IN" not in screening[0]
