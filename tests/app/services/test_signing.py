"""The investigator's sitting: To sign filtered and counted, ten items signed with one
password, the password again after ten minutes or the lock, each signature binding the
content shown; a record changed by SQL breaks its signature, and audit verify names it
(both backends)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from app.errors import InvalidEntry
from app.services import accounts as acc
from app.services.accounts import AccessDenied
from app.services.signatures import record_hash, signatures_of, to_sign
from app.services.signing import (
    SignFilter,
    end_sittings,
    find_item,
    open_sitting,
    sign_in_sitting,
    sign_page,
    waiting,
)
from db.accounts import Signature
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=SITE_ZONE)
TODAY = date(2026, 11, 25)


@pytest.fixture
def site(demo_site):
    db = demo_site(TODAY, patients=6, second_study=2)
    acc.sign_in(db, "investigator", "demo", NOW)
    return db


def test_to_sign_filters_by_kind_study_subject_and_age_oldest_first(site):
    every = waiting(site, SignFilter(), TODAY)
    assert every.items == to_sign(site) and len(every.items) > 10
    assert [t.when for t in every.items] == sorted(t.when for t in every.items)
    assert sum(every.counts.values()) == len(every.items)
    assert every.counts["ae"] == sum(1 for t in every.items if t.kind == "ae") > 0

    aes = waiting(site, SignFilter(kind="ae"), TODAY)
    assert {t.kind for t in aes.items} == {"ae"} and aes.counts == every.counts

    study = every.items[0].study_id
    one = waiting(site, SignFilter(study_id=study), TODAY)
    assert one.items and {t.study_id for t in one.items} == {study}
    assert len(one.items) < len(every.items)  # the second study's are left out

    subject = next(t.subject_id for t in every.items if t.kind == "visit")
    mine = waiting(site, SignFilter(subject=subject.lower()), TODAY)
    assert mine.items and {t.subject_id for t in mine.items} == {subject}

    old = waiting(site, SignFilter(older_than_days=30), TODAY)
    assert old.items and all(t.when <= TODAY - timedelta(days=30) for t in old.items)
    assert len(old.items) < len(every.items)


def test_ten_items_signed_with_one_password(site):
    items = waiting(site, SignFilter(), TODAY).items[:10]
    assert len(items) == 10
    with site.reading() as s:
        before = s.scalar(select(Signature.id).order_by(Signature.id.desc()).limit(1)) or 0
    sitting = open_sitting(site, "demo", NOW)
    for i, item in enumerate(items):
        page = sign_page(site, item, TODAY)
        assert page.lines  # the content is there to read
        view, sitting = sign_in_sitting(site, sitting, page, page.meaning,
                                        NOW + timedelta(minutes=9 * i))  # 9 minutes apart
        assert not view.stale
    left = {(t.kind, t.record_id) for t in to_sign(site)}
    assert not left & {(t.kind, t.record_id) for t in items}
    with site.reading() as s:
        made = list(s.scalars(select(Signature).where(Signature.id > before)))
        assert len(made) == 10  # one signature per record, each its version and hash
        for sig, item in zip(made, items, strict=True):
            assert (sig.record_version, sig.record_hash) == record_hash(s, item.kind,
                                                                        item.record_id)
            assert sig.signer == "investigator"


def test_the_password_again_after_ten_minutes_or_the_lock(site):
    first, second, third = waiting(site, SignFilter(kind="visit"), TODAY).items[:3]
    sitting = open_sitting(site, "demo", NOW)
    sign_in_sitting(site, sitting, sign_page(site, first, TODAY), "reviewed", NOW)
    with pytest.raises(InvalidEntry, match="10 minutes without a signature") as refused:
        sign_in_sitting(site, sitting, sign_page(site, second, TODAY), "reviewed",
                        NOW + timedelta(minutes=10))
    assert refused.value.field == "password"
    again = open_sitting(site, "demo", NOW + timedelta(minutes=11))
    end_sittings(site)  # the window locked
    with pytest.raises(InvalidEntry, match="Your password, to sign"):
        sign_in_sitting(site, again, sign_page(site, third, TODAY), "reviewed",
                        NOW + timedelta(minutes=11))
    with pytest.raises(AccessDenied, match="Wrong password: nothing was signed"):
        open_sitting(site, "not mine", NOW)
    assert signatures_of(site, "visit", [second.record_id, third.record_id]) == {}


def test_a_record_changed_while_it_was_read_is_shown_again_nothing_signed(site):
    item = waiting(site, SignFilter(kind="ae"), TODAY).items[0]
    page = sign_page(site, item, TODAY)
    with site.engine.begin() as conn:
        conn.execute(text("UPDATE adverse_event SET outcome = 'fatal' WHERE id = :id"),
                     {"id": item.record_id})
    sitting = open_sitting(site, "demo", NOW)
    with pytest.raises(InvalidEntry, match="changed while you read it"):
        sign_in_sitting(site, sitting, page, "assessed", NOW)
    assert signatures_of(site, "ae", [item.record_id]) == {}
    assert ("Outcome", "Fatal") in {(x.label, x.value)
                                    for x in sign_page(site, item, TODAY).lines}


def test_the_page_shows_the_ae_s_values_and_a_response_s_computed_responses(site):
    ae = find_item(site, waiting(site, SignFilter(kind="ae"), TODAY).items[0].item_id)
    shown = {x.label for x in sign_page(site, ae, TODAY).lines}
    assert {"CTCAE term", "Onset", "Serious (SAE)", "Related to the study drug",
            "Action taken with the study drug", "Outcome", "AE grade"} <= shown
    response = next(t for t in to_sign(site) if t.kind == "response")
    page = sign_page(site, response, TODAY)
    assert any(x.label == "Lesion" for x in page.lines)
    assert {"Overall response", "Best overall response"} <= {x.label for x in page.computed}
    with pytest.raises(InvalidEntry, match="Nothing waits for a signature as ae:999999"):
        find_item(site, "ae:999999")


def test_a_record_altered_in_the_database_breaks_its_signature_and_verify_names_it(site):
    from app.services.database import verify_audit_trail

    item = waiting(site, SignFilter(kind="ae"), TODAY).items[0]
    sitting = open_sitting(site, "demo", NOW)
    sign_in_sitting(site, sitting, sign_page(site, item, TODAY), "assessed", NOW)
    acc.sign_in(site, "monitor", "demo", NOW)
    assert verify_audit_trail(site).intact
    with site.engine.begin() as conn:
        conn.execute(text("UPDATE ae_grade SET grade = grade + 1 WHERE ae_id = :id"),
                     {"id": item.record_id})
    view = signatures_of(site, "ae", [item.record_id])[item.record_id]
    assert view.broken and "BROKEN" in view.text
    back = next(t for t in to_sign(site) if t.item_id == item.item_id)
    assert back.state == "signature of 25-NOV-2026 broken: changed outside the app"
    report = verify_audit_trail(site)
    assert not report.intact
    named = [m for m in report.mismatches if m.startswith("signature broken")]
    assert len(named) == 1 and f"AE assessment (relationship and grade) {item.record_id}," \
        in named[0]
