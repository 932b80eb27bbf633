"""Source-data verification on SQLite and PostgreSQL: the monitor verifies, a later edit by
the nurse makes the visit changed-since-verified with what changed, nobody else verifies."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.rules.sdv import SdvPlan, SdvState
from app.services import accounts as acc
from app.services.errors import InvalidEntry, NotFound
from app.services.sdv import key_of, sdv_plan, sdv_rows, set_sdv_plan, verify
from app.services.studies import protocol_of_patient
from app.services.visits import VisitEntry, record_visit
from db.accounts import AccessEvent
from db.models import VisitRecord
from db.monitoring import SdvMark
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=SITE_ZONE)
TODAY = date(2026, 11, 25)


@pytest.fixture
def site(demo_site):
    db = demo_site(TODAY, patients=6)
    return db


def _a_done_visit(rows):
    return next(r for r in rows if r.kind == "visit" and r.when is not None)


def test_a_verified_visit_edited_by_the_nurse_is_changed_since_verified(site):
    acc.sign_in(site, "monitor", "demo", NOW)
    rows = sdv_rows(site)
    assert {r.kind for r in rows} >= {"visit", "ae", "scan", "pk"}
    assert all(r.state is SdvState.NOT_VERIFIED for r in rows)
    visit = _a_done_visit(rows)
    assert verify(site, [visit.key], NOW) == 1
    now = {r.key: r for r in sdv_rows(site)}[visit.key]
    assert now.state is SdvState.VERIFIED and now.verified_by == "monitor"
    with site.reading() as s:
        mark = s.scalars(select(SdvMark)).one()
        record = s.get(VisitRecord, int(visit.key.split(":")[1]))
        assert json.loads(mark.content)["actual_date"] == record.actual_date.isoformat()
        code, at = record.code, record.actual_time
    acc.sign_in(site, "nurse", "demo", NOW)
    record_visit(site, protocol_of_patient(site, visit.patient_id), visit.patient_id, code,
                 VisitEntry(outcome="done", actual_date=visit.when, actual_time=at,
                            comment="seen at noon"),
                 TODAY, reason="comment added")
    after = {r.key: r for r in sdv_rows(site)}[visit.key]
    assert after.state is SdvState.CHANGED
    assert after.sdv.what_changed == "Comment: (blank) -> seen at noon"
    assert after.as_json()["state"] == "changed-since"
    # verified again, it stands
    acc.sign_in(site, "monitor", "demo", NOW)
    verify(site, [visit.key], NOW)
    assert {r.key: r for r in sdv_rows(site)}[visit.key].state is SdvState.VERIFIED


def test_field_by_field_and_a_whole_form_at_once(site):
    acc.sign_in(site, "monitor", "demo", NOW)
    rows = sdv_rows(site)
    visit = _a_done_visit(rows)
    verify(site, [visit.key], NOW, fields=["actual_date", "outcome"])
    one = {r.key: r for r in sdv_rows(site)}[visit.key]
    assert one.state is SdvState.PARTLY and one.sdv.verified_fields == ("actual_date",
                                                                         "outcome")
    with pytest.raises(InvalidEntry, match="colour is not a field of "):
        verify(site, [visit.key], NOW, fields=["colour"])
    forms = [r.key for r in rows if r.patient_id == visit.patient_id]
    assert verify(site, forms, NOW) == len(forms)
    assert all(r.state is SdvState.VERIFIED for r in sdv_rows(site)
               if r.patient_id == visit.patient_id)


def test_only_a_monitor_verifies_and_the_refusal_is_audited(site):
    acc.sign_in(site, "nurse", "demo", NOW)
    visit = _a_done_visit(sdv_rows(site))
    with pytest.raises(acc.AccessDenied, match="cannot verify source data"):
        verify(site, [visit.key], NOW)
    with site.reading(purpose=None) as s:
        assert s.scalars(select(SdvMark)).first() is None
        assert s.scalars(select(AccessEvent).where(
            AccessEvent.account == "nurse", AccessEvent.event == "denied")).first() is not None


def test_a_target_that_is_not_there(site):
    acc.sign_in(site, "monitor", "demo", NOW)
    visit = _a_done_visit(sdv_rows(site))
    with pytest.raises(NotFound):
        verify(site, ["visit:999999"], NOW)
    with pytest.raises(NotFound, match="C9D9 is not a recorded record"):
        key_of(site, visit.patient_id, "C9D9")
    with pytest.raises(InvalidEntry, match="is not a visit"):
        key_of(site, visit.patient_id, "LAB:3")
    assert key_of(site, visit.patient_id, visit.target.lower()) == visit.key


def test_the_plan_asks_for_screening_cycle_one_every_sae_and_a_share(site):
    acc.sign_in(site, "monitor", "demo", NOW)
    rows = sdv_rows(site)
    by_target = {(r.subject_id, r.target): r for r in rows}
    for (_, target), r in by_target.items():
        if target in ("SCR", "C1D1", "C1D8"):
            assert r.required is not None
    assert any(r.required is None for r in rows if r.kind == "visit")  # 20 % of the rest
    assert sdv_rows(site) == rows  # the same choice every time
    acc.sign_in(site, "admin", "demo", NOW)
    set_sdv_plan(site, 1, SdvPlan(full_cycles=0, share_percent=100, every_sae=True), "sponsor")
    assert sdv_plan(site, 1) == SdvPlan(0, 100, True)
    with pytest.raises(InvalidEntry, match="0 to 100"):
        set_sdv_plan(site, 1, SdvPlan(1, 120, True), "sponsor")


def test_only_the_marked_targets_content_is_read(site, monkeypatch):
    """A list of every record reads each one's few columns; the values (hashed, compared)
    only of those a mark verified: the others are "not verified" whatever they hold."""
    from app.services import sdv_records

    acc.sign_in(site, "monitor", "demo", NOW)
    rows = sdv_rows(site)
    visit = _a_done_visit(rows)
    ae = next(r for r in rows if r.kind == "ae")
    panel = next(r for r in rows if r.kind == "pk")
    verify(site, [visit.key, ae.key, panel.key], NOW)
    read: list[str] = []
    whole = sdv_records.stored_targets

    def watched(session, targets):  # type: ignore[no-untyped-def]
        targets = list(targets)
        read.extend(t.key for t in targets)
        return whole(session, targets)

    monkeypatch.setattr(sdv_records, "stored_targets", watched)
    after = {r.key: r for r in sdv_rows(site)}
    assert sorted(read) == sorted([visit.key, ae.key, panel.key])
    assert {after[k].state for k in read} == {SdvState.VERIFIED}
    assert after == {r.key: r for r in rows} | {k: after[k] for k in read}


def test_a_target_s_fields_are_read_when_asked(site):
    from app.services.sdv import target_fields

    acc.sign_in(site, "monitor", "demo", NOW)
    rows = sdv_rows(site)
    visit = _a_done_visit(rows)
    fields = target_fields(site, visit.key)
    assert {"actual_date", "outcome"} <= set(fields) and "id" not in fields
    panel = next(r for r in rows if r.kind == "pk")
    assert any(f.endswith(".collected_at") for f in target_fields(site, panel.key))
    with pytest.raises(NotFound):
        target_fields(site, "ae:999999")


def test_one_study_or_one_patient(site):
    rows = sdv_rows(site)
    one = rows[0].patient_id
    assert sdv_rows(site, patient_id=one) == [r for r in rows if r.patient_id == one]
    studied = sdv_rows(site, study_id=1)
    assert studied and len({r.study for r in rows}) > 1
    assert studied == [r for r in rows if r.study == studied[0].study]


def test_a_verified_record_changed_by_sql_shows_changed_at_the_next_reading(site):
    """The state of a target whose marks and values are those of the last reading is not
    worked out again; values changed in any way, even by SQL keeping the version, are."""
    from sqlalchemy import text

    acc.sign_in(site, "monitor", "demo", NOW)
    visit = _a_done_visit(sdv_rows(site))
    verify(site, [visit.key], NOW)
    for _ in range(2):
        assert {r.key: r for r in sdv_rows(site)}[visit.key].state is SdvState.VERIFIED
    with site.engine.begin() as conn:
        conn.execute(text("UPDATE visit_record SET comment = 'by hand' WHERE id = :id"),
                     {"id": int(visit.key.split(":")[1])})
    after = {r.key: r for r in sdv_rows(site)}[visit.key]
    assert after.state is SdvState.CHANGED
    assert after.sdv.what_changed == "Comment: (blank) -> by hand"


def test_a_whole_mark_the_values_still_carry_is_verified_as_the_rule_says(site, monkeypatch):
    """A target whose last mark took the whole record, and whose values still carry that
    mark's hash, is verified without its kept values read: the same state, fields and all,
    as app/rules/sdv.target_state gives from them."""
    from app.rules import sdv as rules
    from app.services import sdv_records
    from app.services.patient_scope import PatientScope

    acc.sign_in(site, "monitor", "demo", NOW)
    rows = sdv_rows(site)
    pid = rows[0].patient_id
    verify(site, [r.key for r in rows if r.patient_id == pid], NOW)
    sdv_records._STATES.clear()
    ruled: list[int] = []
    monkeypatch.setattr(sdv_records, "target_state",
                        lambda *a: ruled.append(1) or rules.target_state(*a))
    shown = {r.key: r.sdv for r in sdv_rows(site, patient_id=pid)}
    assert ruled == [] and {s.state for s in shown.values()} == {SdvState.VERIFIED}
    with site.reading() as s:
        scope = PatientScope(patient_id=pid)
        targets = sdv_records.targets(s, scope, scope.patients(s), {})
        found = sdv_records.stored_targets(s, targets)
        kept = {(m.kind, m.target): m.content for m in s.scalars(
            select(SdvMark).where(SdvMark.patient_id == pid))}
    assert len(targets) == len(shown) > 3
    for t in targets:
        assert shown[t.key] == rules.target_state(
            [rules.Mark(None, json.loads(kept[(t.kind, t.ref)]))],
            sdv_records.flatten(t.kind, found[t.key].content()))
