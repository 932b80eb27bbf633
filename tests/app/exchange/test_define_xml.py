"""define.xml 2.1: every reference resolves, the standards and the CT version are named."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from app.exchange.define_xml import DEF, ODM, XLINK, Study, define_xml
from app.rules.sdtm_spec import SPECS, dataset

AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _define() -> ET.Element:
    dm = dataset(SPECS["DM"], "S-1", [{"STUDYID": "S-1", "USUBJID": "S-1-001", "SEX": "F"}])
    ae = dataset(SPECS["AE"], "S-1", [])
    data = define_xml(Study("S-1", "A study", "S-1-P", "101 · Site", "9.9"), [dm, ae],
                      {"DM": "dm.xpt", "AE": "ae.xpt"}, AT)
    return ET.fromstring(data)


def test_standards_ct_version_and_context():
    root = _define()
    assert root.get("ODMVersion") == "1.3.2" and root.get(f"{{{DEF}}}Context") == "Submission"
    assert root.get("Originator") == "101 · Site"
    mdv = root.find(f".//{{{ODM}}}MetaDataVersion")
    assert mdv is not None and mdv.get(f"{{{DEF}}}DefineVersion") == "2.1.0"
    standards = {(s.get("Name"), s.get("Version"))
                 for s in root.iter(f"{{{DEF}}}Standard")}
    assert standards == {("SDTMIG", "3.4"), ("CDISC/NCI", "2024-12-20")}


def test_every_reference_resolves():
    root = _define()
    oids = {el.get("OID") for el in root.iter() if el.get("OID")}
    refs = [el.get(a) for el in root.iter() for a in ("ItemOID", "CodeListOID", "MethodOID")
            if el.get(a)]
    assert refs and set(refs) <= oids
    groups = list(root.iter(f"{{{ODM}}}ItemGroupDef"))
    assert [g.get("Name") for g in groups] == ["DM", "AE"]
    leaves = {leaf.get("ID"): leaf.get(f"{{{XLINK}}}href") for leaf in root.iter(f"{{{DEF}}}leaf")}
    assert leaves == {"LF.DM": "dm.xpt", "LF.AE": "ae.xpt"}
    assert all(g.get(f"{{{DEF}}}ArchiveLocationID") in leaves for g in groups)


def test_items_say_type_length_origin_and_keys():
    root = _define()
    items = {i.get("OID"): i for i in root.iter(f"{{{ODM}}}ItemDef")}
    usubjid = items["IT.DM.USUBJID"]
    assert usubjid.get("DataType") == "text" and usubjid.get("Length") == "7"
    assert items["IT.AE.AESEQ"].get("DataType") == "integer"
    assert items["IT.AE.AESTDTC"].get("DataType") == "datetime"
    origin = items["IT.AE.AESTDY"].find(f"{{{DEF}}}Origin")
    assert origin is not None and origin.get("Type") == "Derived"
    keyed = {r.get("ItemOID"): r.get("KeySequence") for r in root.iter(f"{{{ODM}}}ItemRef")
             if r.get("KeySequence")}
    assert keyed["IT.DM.STUDYID"] == "1" and keyed["IT.DM.USUBJID"] == "2"
    acn = next(c for c in root.iter(f"{{{ODM}}}CodeList") if c.get("Name") == "ACN")
    assert "DOSE NOT CHANGED" in [e.get("CodedValue") for e in acn]
