"""E-signatures on SQLite and PostgreSQL: investigators sign with their password; an edit
makes the signature stale and puts the item back on the list; nobody else signs."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services import accounts as acc
from app.services.signatures import sign, signatures_of, to_sign
from app.services.visits import VisitEntry, record_visit
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=SITE_ZONE)
TODAY = date(2026, 11, 25)


@pytest.fixture
def site(demo_site):
    db = demo_site(TODAY, patients=6)
    return db


def test_an_investigator_signs_and_an_edit_makes_it_stale(site):
    acc.sign_in(site, "investigator", "demo", NOW)
    waiting = to_sign(site)
    kinds = {t.kind for t in waiting}
    assert {"ae", "response", "visit"} <= kinds
    assert [t.when for t in waiting] == sorted(t.when for t in waiting)  # oldest first
    visit = next(t for t in waiting if t.kind == "visit")
    signed = sign(site, "visit", visit.record_id, "reviewed", "demo", NOW)
    assert signed.printed_name == "Dr Ivan Investigator (demo)" and not signed.stale
    assert signed.text == "reviewed by Dr Ivan Investigator (demo), 25-NOV-2026 09:30 UTC"
    assert visit.record_id not in {t.record_id for t in to_sign(site) if t.kind == "visit"}
    # the visit is edited: the signature goes stale, the visit waits again
    from app.services.studies import protocol_of_patient
    from db.models import VisitRecord

    with site.reading() as s:
        code, pid = s.get(VisitRecord, visit.record_id).code, visit.patient_id
    acc.sign_in(site, "nurse", "demo", NOW)
    record_visit(site, protocol_of_patient(site, pid), pid, code,
                 VisitEntry(outcome="done", actual_date=visit.when, comment="late entry"),
                 TODAY, reason="comment added")
    again = next(t for t in to_sign(site) if t.kind == "visit" and
                 t.record_id == visit.record_id)
    assert again.state == "changed since signed on 25-NOV-2026"
    assert signatures_of(site, "visit", [visit.record_id])[visit.record_id].stale


def test_only_an_investigator_signs_and_only_with_the_right_password(site):
    waiting = to_sign(site)
    acc.sign_in(site, "nurse", "demo", NOW)
    with pytest.raises(acc.AccessDenied, match="cannot sign"):
        sign(site, "ae", waiting[0].record_id, "assessed", "demo", NOW)
    acc.sign_in(site, "investigator", "demo", NOW)
    with pytest.raises(acc.AccessDenied, match="Wrong password: nothing was signed"):
        sign(site, "ae", next(t for t in waiting if t.kind == "ae").record_id, "assessed",
             "not mine", NOW)
    assert len(to_sign(site)) == len(waiting)  # nothing signed


def test_the_visit_worksheet_prints_its_signature(site, tmp_path):
    from pypdf import PdfReader

    from app.services.worksheets import worksheet_data
    from db.models import VisitRecord
    from reports.worksheet import write_worksheets

    acc.sign_in(site, "investigator", "demo", NOW)
    visit = next(t for t in to_sign(site) if t.kind == "visit")
    sign(site, "visit", visit.record_id, "reviewed", "demo", NOW)
    with site.reading() as s:
        code = s.get(VisitRecord, visit.record_id).code
    sheet = worksheet_data(site, None, visit.patient_id, code, TODAY)
    assert sheet.signature == ("E-signed: reviewed by Dr Ivan Investigator (demo), "
                               "25-NOV-2026 09:30 UTC")
    write_worksheets([sheet], tmp_path / "w.pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "w.pdf").pages)
    assert "E-signed: reviewed by Dr Ivan Investigator" in text


def test_the_deviations_export_carries_the_visit_signature(site, tmp_path):
    from app.services.worklist import deviations
    from db.models import VisitRecord

    acc.sign_in(site, "investigator", "demo", NOW)
    with site.reading() as s:  # a visit recorded as such (a scan completes its own)
        recorded = set(s.query(VisitRecord.patient_id, VisitRecord.code).filter(
            VisitRecord.outcome == "done"))
    rows = [r for r in deviations(site) if r.kind == "window"
            and (r.patient_id, r.code) in recorded]
    assert rows, "the demo has visits done out of window"
    with site.reading() as s:
        rid = s.query(VisitRecord.id).filter_by(patient_id=rows[0].patient_id,
                                                 code=rows[0].code).scalar()
    sign(site, "visit", rid, "reviewed", "demo", NOW)
    signed = next(r for r in deviations(site) if (r.patient_id, r.code) ==
                  (rows[0].patient_id, rows[0].code))
    assert signed.signature.startswith("reviewed by Dr Ivan Investigator (demo)")
    from app.services.deviation_log import deviation_log, log_table
    from app.services.exports import export_listing

    columns, cells = log_table(deviation_log(site, None, NOW))
    export_listing(site, tmp_path / "d.csv", "Deviations", "All studies", "investigator",
                   columns, cells)
    text = (tmp_path / "d.csv").read_text(encoding="utf-8-sig")
    assert "Signed" in text.splitlines()[7].split(",")
    assert "reviewed by Dr Ivan Investigator (demo)" in text


def test_smc_decisions_and_dlt_reviews_wait_for_the_investigator_s_signature(site):
    """The demo's SMC decisions are acknowledged by signing them, named by their study; a
    DLT review is signed for its patient; each leaves the list once signed."""
    from app.services.escalation import review_dlt
    from app.services.escalation_view import escalation_view
    from app.services.studies import DEFAULT_STUDY

    acc.sign_in(site, "investigator", "demo", NOW)
    smc = [t for t in to_sign(site) if t.kind == "smc"]
    assert smc and {t.subject_id for t in smc} == {"IMP7068-101"}
    assert any(t.what == "SMC: RP2D declared at DL3" for t in smc)
    patient = next(p for lv in escalation_view(site, DEFAULT_STUDY, TODAY).levels
                   for p in lv.patients if p.period_end and p.period_end < TODAY)
    rid = review_dlt(site, patient.patient_id, True, False, "reviewed at the SMC", TODAY)
    review = next(t for t in to_sign(site) if t.kind == "dlt_review")
    assert (review.record_id, review.subject_id) == (rid, patient.subject_id)
    assert review.what == "DLT review: evaluable, no DLT"
    sign(site, "dlt_review", rid, "approved", "demo", NOW)
    sign(site, "smc", smc[0].record_id, "reviewed", "demo", NOW)
    left = {(t.kind, t.record_id) for t in to_sign(site)}
    assert ("dlt_review", rid) not in left and ("smc", smc[0].record_id) not in left
