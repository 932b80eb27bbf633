"""A signature is checked against the values of the signed record, not only its version: a
row changed by SQL keeping its version shows its signature stale on To sign, the visit
worksheet, the deviations and the ODM export (both backends). Signatures hashed in the
first form (before the content was checked) still stand."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest
from sqlalchemy import inspect, text

from app.services import accounts as acc
from app.services.signatures import sign, signatures_of, to_sign
from app.services.signed_content import ADDED_COLUMNS, CHILDREN, KIND_TABLES
from tests.conftest import SITE_ZONE

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=SITE_ZONE)
TODAY = date(2026, 11, 25)


@pytest.fixture
def site(demo_site):
    db = demo_site(TODAY, patients=6)
    acc.sign_in(db, "investigator", "demo", NOW)
    return db


def _tamper(db, sql: str, rid: int) -> None:
    """A change behind the app's back: the version stays as it was."""
    with db.engine.begin() as conn:
        assert conn.execute(text(sql), {"id": rid}).rowcount >= 1


def _signed(db, kind: str) -> int:
    """The first waiting record of `kind` (a response with lesions), signed as it stands."""
    from db.models import LesionMeasurement

    with db.reading() as s:
        scans = {r for (r,) in s.query(LesionMeasurement.assessment_id)}
    item = next(t for t in to_sign(db) if t.kind == kind and
                (kind != "response" or t.record_id in scans))
    sign(db, kind, item.record_id, "assessed", "demo", NOW)
    assert not signatures_of(db, kind, [item.record_id])[item.record_id].stale
    assert (kind, item.record_id) not in {(t.kind, t.record_id) for t in to_sign(db)}
    return item.record_id


@pytest.mark.parametrize(("kind", "sql"), [
    ("visit", "UPDATE visit_record SET comment = 'changed by hand' WHERE id = :id"),
    ("ae", "UPDATE adverse_event SET relationship = 'unrelated' WHERE id = :id"),
    ("ae", "UPDATE ae_grade SET grade = grade + 1 WHERE ae_id = :id"),
    ("response", "UPDATE lesion_measurement SET organ = 'moved by hand' "
                 "WHERE assessment_id = :id"),
])
def test_a_record_changed_by_sql_keeping_its_version_is_no_longer_signed(site, kind, sql):
    rid = _signed(site, kind)
    table = KIND_TABLES[kind]
    with site.reading() as s:
        version = s.get(table, rid).version
    _tamper(site, sql, rid)
    with site.reading() as s:
        assert s.get(table, rid).version == version  # the version number alone says nothing
    view = signatures_of(site, kind, [rid])[rid]
    assert view.stale and view.broken
    assert view.text.endswith("(BROKEN: the record was changed outside the app)")
    again = next(t for t in to_sign(site) if (t.kind, t.record_id) == (kind, rid))
    assert again.state == "signature of 25-NOV-2026 broken: changed outside the app"


def test_the_worksheet_and_the_odm_export_no_longer_carry_a_tampered_signature(site, tmp_path):
    from app.services.odm_export import export_odm
    from app.services.worksheets import worksheet_data
    from db.models import VisitRecord

    rid = _signed(site, "visit")
    with site.reading() as s:
        record = s.get(VisitRecord, rid)
        pid, code = record.patient_id, record.code

    def odm_signatures() -> int:
        export_odm(site, tmp_path / "site.xml", TODAY, NOW)
        return (tmp_path / "site.xml").read_text(encoding="utf-8").count("<Signature>")

    signed = odm_signatures()
    assert signed >= 1
    assert "BROKEN" not in worksheet_data(site, None, pid, code, TODAY).signature
    _tamper(site, "UPDATE visit_record SET actual_time = NULL, comment = 'x' WHERE id = :id",
            rid)
    assert worksheet_data(site, None, pid, code, TODAY).signature.endswith(
        "(BROKEN: the record was changed outside the app)")
    assert odm_signatures() == signed - 1


def _first_form(session, kind: str, rid: int, without: tuple[str, ...] = ()) -> str:
    """The hash as signatures stored it before the values were checked: every column, a
    blank one as null (`without`: columns the table did not have yet)."""
    from db.audit import _column_keys
    from db.base import format_value

    def values(row) -> list[tuple[str, str | None]]:
        return [(k, format_value(getattr(row, k))) for k in _column_keys(row)
                if k not in ("created_at", "updated_at", *without)]

    rows = [values(session.get(KIND_TABLES[kind], rid))]
    if kind in CHILDREN:
        child, key = CHILDREN[kind]
        rows += [values(c) for c in session.query(child).filter(
            getattr(child, key) == rid, child.deleted_at.is_(None)).order_by(child.id)]
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()


@pytest.mark.parametrize("without", [(), ("onset_partial", "end_partial")],
                         ids=["first form", "first form, before partial dates"])
def test_a_signature_hashed_in_the_first_form_still_stands(site, without, monkeypatch):
    from db.accounts import Signature

    rid = next(t.record_id for t in to_sign(site) if t.kind == "ae")
    with site.reading() as s:
        old = _first_form(s, "ae", rid, without)
    with monkeypatch.context() as m:  # signed by an older release
        m.setattr("app.services.signatures.digest", lambda content: old)
        sign(site, "ae", rid, "assessed", "demo", NOW)
    with site.reading() as s:
        assert s.query(Signature.record_hash).filter_by(kind="ae", record_id=rid).scalar() \
            == old
    assert not signatures_of(site, "ae", [rid])[rid].stale
    assert ("ae", rid) not in {(t.kind, t.record_id) for t in to_sign(site)}
    _tamper(site, "UPDATE adverse_event SET outcome = 'fatal' WHERE id = :id", rid)
    assert signatures_of(site, "ae", [rid])[rid].stale


#: the columns of the signed tables when the hash took its current form
SIGNED_COLUMNS = {
    "adverse_event": "id patient_id verbatim meddra_code term soc other_specify onset_date "
                     "end_date onset_partial end_partial pre_existing worsened_on serious "
                     "sae_criteria aware_at reported_at relationship action outcome dlt "
                     "created_at updated_at deleted_at deleted_by delete_reason version",
    "ae_grade": "id ae_id grade start_date end_date created_at deleted_at deleted_by "
                "delete_reason version",
    "dlt_review": "id patient_id evaluable dlt comment reviewed_by reviewed_at version",
    "lesion_measurement": "id assessment_id lesion_id kind organ nodal tenths_mm too_small "
                          "not_assessed status created_at deleted_at deleted_by "
                          "delete_reason version",
    "smc_decision": "id study_id decided_on decision dose_level minutes_ref comment "
                    "deleted_at deleted_by delete_reason version",
    "tumour_assessment": "id patient_id visit_code scan_date modality baseline new_lesion "
                         "overall comment created_at deleted_at deleted_by delete_reason "
                         "version",
    "visit_record": "id patient_id code unscheduled unscheduled_reason booked_date "
                    "booked_time booking_reason outcome actual_date actual_time "
                    "missed_reason delay_days delay_reason dose_level dose_action dose_at "
                    "comment created_at updated_at deleted_at deleted_by delete_reason "
                    "version",
}


def test_a_column_added_to_a_signed_table_is_named_in_added_columns():
    """Older signatures hashed every column: one added since is left out of their check
    when blank, so it must be listed (app/services/signed_content.ADDED_COLUMNS)."""
    tables = {*KIND_TABLES.values(), *(c for c, _ in CHILDREN.values())}
    added = set(ADDED_COLUMNS)
    for table in tables:
        name = table.__tablename__
        new = {a.key for a in inspect(table).column_attrs} - set(SIGNED_COLUMNS[name].split())
        assert {(name, c) for c in new} <= added, \
            f"{name} gained {sorted(new)}: add them to ADDED_COLUMNS"


def test_values_found_holding_their_signature_are_not_hashed_again(site, monkeypatch):
    """To sign reads every signed record of a study at each opening: those whose values are
    the ones already found to carry their signature are not hashed again; a change by SQL
    keeping the version is still caught (the values differ)."""
    from app.services import signed_content

    rid = _signed(site, "visit")
    hashed: list[int] = []
    whole = signed_content.digest

    def counted(content):  # type: ignore[no-untyped-def]
        hashed.append(1)
        return whole(content)

    monkeypatch.setattr(signed_content, "digest", counted)
    to_sign(site)
    assert hashed == []
    _tamper(site, "UPDATE visit_record SET comment = 'changed by hand' WHERE id = :id", rid)
    again = next(t for t in to_sign(site) if (t.kind, t.record_id) == ("visit", rid))
    assert again.signature is not None and again.signature.broken and hashed


def test_the_signed_tables_hold_no_decimal_nor_float(site):
    """Equal decimals or floats may be written differently (1.0, 1.00), and the check that
    skips values already found holding compares them as equal: a signed table gaining such
    a column must compare their text instead (signed_content.holds)."""
    from sqlalchemy import Float, Numeric

    tables = {*KIND_TABLES.values(), *(child for child, _key in CHILDREN.values())}
    for table in tables:
        for column in table.__table__.columns:
            assert not isinstance(column.type, Numeric | Float), (table, column.name)


def test_records_named_by_a_select_or_by_their_ids_read_the_same(site):
    from sqlalchemy import select

    from app.services.signed_content import stored
    from db.models import AdverseEvent

    with site.reading() as s:
        ids = list(s.scalars(select(AdverseEvent.id)))
        assert ids
        by_ids = stored(s, "ae", ids)
        by_select = stored(s, "ae", select(AdverseEvent.id))
    assert by_ids == by_select and any(len(r.rows) > 1 for r in by_ids.values())
