"""The ODM 1.3.2 export: valid against CDISC's own schema (offline, no DTD, no network), and
what the schema cannot check: every OID reference resolves to a definition, every value fits
its DataType and code list, audit records and signatures name known users and meanings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from app.exchange.odm import NS
from app.services.database import open_site_database
from app.services.demo import seed_demo
from app.services.odm_export import export_odm
from tests.conftest import reference_file

lxml_etree = pytest.importorskip("lxml.etree")

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
Q = f"{{{NS}}}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The demo site (two studies, signatures, corrections) exported once."""
    folder = tmp_path_factory.mktemp("odm")
    db = open_site_database(f"sqlite:///{folder / 'demo.sqlite'}")
    seed_demo(db, __import__("app.rules.protocol", fromlist=["x"]).default_protocol(), TODAY,
              patients=24, second_study=6)
    from app.services import accounts as acc
    from app.services.signatures import sign, to_sign

    acc.sign_in(db, "investigator", "demo", NOW)
    _history_and_a_held_result(db)
    for item in [t for t in to_sign(db) if t.kind in ("ae", "visit")][:4]:
        sign(db, item.kind, item.record_id, "reviewed", "demo", NOW)
    path = folder / "site.xml"
    subjects = export_odm(db, path, TODAY, NOW)
    db.close()
    return path, subjects


def _history_and_a_held_result(db):
    """A history item and a con-med known in part, and a result held for review, for the
    first patient."""
    from db.findings import ConMed, MedicalHistory
    from db.labs import LabResult
    from db.models import Patient

    with db.unit_of_work(reason="test") as session:
        first = session.query(Patient).order_by(Patient.id).first()
        session.add(MedicalHistory(patient_id=first.id, term="Hypertension",
                                   meddra_code="10020772", grade=1, start_date=date(2019, 1, 1),
                                   start_partial="UN-UNK-2019", ongoing=True))
        session.add(ConMed(patient_id=first.id, drug="Salbutamol", dose=100.0, unit="mcg",
                           route="inhaled", frequency="PRN", indication="Asthma",
                           start_date=date(2026, 3, 1), start_partial="UN-MAR-2026",
                           ongoing=True))
        session.add(LabResult(patient_id=first.id, analyte="HGB", lab="Demo hospital "
                              "laboratory", sample_date=first.consent_date, value="7.13",
                              unit="g/dL", status="pending", source="csv"))


def _schema():
    xsd = reference_file("odm-1.3.2", "ODM1-3-2.xsd")
    parser = lxml_etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    return lxml_etree.XMLSchema(lxml_etree.parse(str(xsd), parser))


def test_the_export_is_valid_odm_1_3_2(exported):
    path, subjects = exported
    assert subjects == 30
    doc = lxml_etree.parse(str(path), lxml_etree.XMLParser(no_network=True, load_dtd=False))
    schema = _schema()
    assert schema.validate(doc), "\n".join(str(e) for e in list(schema.error_log)[:10])
    root = doc.getroot()
    assert root.get("ODMVersion") == "1.3.2" and root.get("FileType") == "Snapshot"
    assert sorted(s.get("OID") for s in root.findall(f"{Q}Study")) == ["ST.ABC-2201",
                                                                       "ST.IMP7068-101"]


def test_every_oid_reference_resolves(exported):
    doc = lxml_etree.parse(str(exported[0]))
    defined = {el.get("OID") for el in doc.iter() if el.get("OID")}
    refs = {(el.tag.split("}")[1], name, value) for el in doc.iter()
            for name, value in el.attrib.items()
            if name.endswith("OID") and name != "OID" and name != "FileOID"}
    missing = sorted(r for r in refs if r[2] not in defined)
    assert not missing, missing[:10]
    # clinical data names only events, forms, groups and items its study defines
    assert any(t == "ItemData" for t, _n, _v in refs)


DATA_TYPES = {
    "integer": r"-?\d+", "float": r"-?\d+(\.\d+)?", "date": r"\d{4}-\d{2}-\d{2}",
    "time": r"\d{2}:\d{2}:\d{2}",
    "datetime": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})",
    "text": r"[\s\S]*", "partialDate": r"\d{4}(-\d{2}(-\d{2})?)?",
}


def test_every_value_fits_its_data_type_and_code_list(exported):
    doc = lxml_etree.parse(str(exported[0]))
    items = {el.get("OID"): el for el in doc.iter(f"{Q}ItemDef")}
    lists = {cl.get("OID"): {i.get("CodedValue") for i in cl.iter(f"{Q}CodeListItem")}
             for cl in doc.iter(f"{Q}CodeList")}
    seen = set()
    for data in doc.iter(f"{Q}ItemData"):
        definition = items[data.get("ItemOID")]
        value, kind = data.get("Value"), definition.get("DataType")
        assert re.fullmatch(DATA_TYPES[kind], value), (data.get("ItemOID"), kind, value)
        ref = definition.find(f"{Q}CodeListRef")
        if ref is not None:
            assert value in lists[ref.get("CodeListOID")], (data.get("ItemOID"), value)
        seen.add(kind)
    assert {"date", "datetime", "integer", "text"} <= seen


def test_audit_records_and_signatures_name_users_and_meanings(exported):
    doc = lxml_etree.parse(str(exported[0]))
    users = {u.get("OID"): u.findtext(f"{Q}FullName") for u in doc.iter(f"{Q}User")}
    audits = list(doc.iter(f"{Q}AuditRecord"))
    assert audits and all(a.find(f"{Q}UserRef").get("UserOID") in users for a in audits)
    assert all(a.findtext(f"{Q}DateTimeStamp").endswith("+00:00") for a in audits)
    assert any(a.findtext(f"{Q}ReasonForChange") for a in audits)  # the demo's own reason
    meanings = {d.get("OID") for d in doc.iter(f"{Q}SignatureDef")}
    signatures = list(doc.iter(f"{Q}Signature"))
    assert len(signatures) == 4 and meanings == {"SD.reviewed"}
    for sig in signatures:
        assert sig.find(f"{Q}UserRef").get("UserOID") in users
        assert sig.find(f"{Q}SignatureRef").get("SignatureOID") in meanings
    assert "Dr Ivan Investigator (demo)" in users.values()


def test_an_unwritable_place_leaves_no_file(tmp_path, sqlite_db):
    from tests.conftest import name_the_site

    name_the_site(sqlite_db)
    target = tmp_path / "missing" / "site.xml"
    with pytest.raises(OSError):
        export_odm(sqlite_db, target, TODAY, NOW)
    assert not target.exists() and not list(tmp_path.rglob("*.partial*"))


def _groups(doc, form):
    return [{d.get("ItemOID")[3:]: d.get("Value") for d in g.iter(f"{Q}ItemData")}
            for g in doc.iter(f"{Q}ItemGroupData") if g.get("ItemGroupOID") == f"IG.{form}"]


def test_readings_labs_con_meds_and_history_are_in_it(exported):
    doc = lxml_etree.parse(str(exported[0]))
    groups = {g.get("OID") for g in doc.iter(f"{Q}ItemGroupDef")}
    assert {"IG.VS", "IG.EG", "IG.LB", "IG.CM", "IG.MH"} <= groups
    vs, eg = _groups(doc, "VS"), _groups(doc, "EG")
    assert {"WEIGHT", "SYSBP", "ECOG"} <= {g["VSTESTCD"] for g in vs}
    assert {g["EGTESTCD"] for g in eg} == {"HR", "PR", "QRS", "QT", "QTCF"}
    assert all(g["EGORRESU"] == "ms" for g in eg if g["EGTESTCD"] != "HR")
    lb = _groups(doc, "LB")
    assert len({g["LBTESTCD"] for g in lb}) == 15 and all("LBTOXGR" in g for g in lb)
    assert not [g for g in lb if g["LBORRES"] == "7.13"]  # held for review: not sent
    assert any(g.get("LBTOX") == "Neutrophil count decreased" and g["LBTOXGR"] == "1"
               for g in lb)
    cm = {g["CMTRT"]: g for g in _groups(doc, "CM")}
    assert (cm["Salbutamol"]["CMSTDTC"], cm["Salbutamol"]["CMONGO"]) == ("2026-03", "Y")
    (mh,) = _groups(doc, "MH")
    assert (mh["MHTERM"], mh["MHTOXGR"], mh["MHSTDTC"], mh["MHONGO"]) == (
        "Hypertension", "1", "2019", "Y")
    events = {e.get("StudyEventOID") for e in doc.iter(f"{Q}StudyEventData")}
    assert {"SE.LB", "SE.CM", "SE.MH"} <= events
