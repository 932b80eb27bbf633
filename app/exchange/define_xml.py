"""define.xml 2.1: the metadata of one study's SDTM datasets, as a reviewer's tools read it
(CDISC Define-XML 2.1, on ODM 1.3.2): the standards (SDTMIG 3.4, the named SDTM CT
version), each dataset with its structure, class, keys and file; each variable with its
type, length, label, origin, code list and, when derived, how.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.rules.sdtm_spec import Dataset, Variable
from app.rules.sdtm_terms import CODELISTS, CT_VERSION

ODM = "http://www.cdisc.org/ns/odm/v1.3"
DEF = "http://www.cdisc.org/ns/def/v2.1"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", ODM)
ET.register_namespace("def", DEF)
ET.register_namespace("xlink", XLINK)

IG, CT = "STD.SDTMIG.3-4", f"STD.CT.SDTM.{CT_VERSION}"
_DATA_TYPES = {"text": "text", "integer": "integer", "float": "float", "datetime": "datetime"}
METHODS = {
    "SEQ": "Numbered 1, 2, ... within each subject, in the dataset's key order",
    "DY": "Study day of the date: date - DM.RFSTDTC + 1 on or after RFSTDTC, date - "
          "DM.RFSTDTC before it (no day 0); null when the date is partial",
    "EPOCH": "SCREENING before the first dose (DM.RFXSTDTC), TREATMENT from it to the last "
             "dose (DM.RFXENDTC), FOLLOW-UP after",
    "OTHER": "Derived from the site's source record by Site Tracker (see the variable's "
             "description)",
}


@dataclass(frozen=True)
class Study:
    code: str
    title: str
    protocol: str
    site: str  # the site by its number and name
    version: str  # Site Tracker's


def _e(parent: ET.Element, tag: str, text: str | None = None, ns: str = ODM,
       **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _description(parent: ET.Element, text: str) -> None:
    _e(_e(parent, "Description"), "TranslatedText", text, **{f"{{{XML}}}lang": "en"})


def _method(v: Variable) -> str | None:
    if v.origin != "Derived":
        return None
    if v.name.endswith("SEQ"):
        return "MT.SEQ"
    if v.name.endswith("DY"):
        return "MT.DY"
    return "MT.EPOCH" if v.name == "EPOCH" else "MT.OTHER"


def _item_group(mdv: ET.Element, d: Dataset, file_name: str) -> None:
    s = d.spec
    group = _e(mdv, "ItemGroupDef", OID=f"IG.{s.name}", Name=s.name,
               Repeating="No" if s.name == "DM" else "Yes", IsReferenceData="No",
               SASDatasetName=s.name, Purpose="Tabulation",
               **{f"{{{DEF}}}Structure": s.structure, f"{{{DEF}}}StandardOID": IG,
                  f"{{{DEF}}}ArchiveLocationID": f"LF.{s.name}"})
    if s.name.startswith("SUPP"):
        group.set("Domain", s.name[4:])
    else:
        group.set("Domain", s.name)
    _description(group, s.label)
    for order, v in enumerate(s.variables, start=1):
        ref = _e(group, "ItemRef", ItemOID=f"IT.{s.name}.{v.name}", OrderNumber=str(order),
                 Mandatory="Yes" if v.core == "Req" else "No")
        if v.name in s.keys:
            ref.set("KeySequence", str(s.keys.index(v.name) + 1))
        method = _method(v)
        if method:
            ref.set("MethodOID", method)
    _e(group, "Class", ns=DEF, Name=s.cls)
    leaf = _e(group, "leaf", ns=DEF, ID=f"LF.{s.name}", **{f"{{{XLINK}}}href": file_name})
    _e(leaf, "title", file_name, ns=DEF)


def _length(d: Dataset, v: Variable) -> int:
    if v.numeric:
        return 8
    return max([1, *(len(str(r[v.name]).encode("utf-8")) for r in d.rows
                     if r.get(v.name) is not None)])


def _item_defs(mdv: ET.Element, d: Dataset) -> None:
    for v in d.spec.variables:
        item = _e(mdv, "ItemDef", OID=f"IT.{d.name}.{v.name}", Name=v.name,
                  DataType=_DATA_TYPES[v.type], SASFieldName=v.name)
        if v.type != "datetime":
            item.set("Length", str(_length(d, v)))
        _description(item, v.label)
        if v.codelist:
            _e(item, "CodeListRef", CodeListOID=f"CL.{v.codelist}")
        origin = _e(item, "Origin", ns=DEF, Type=v.origin)
        if v.origin == "Collected":
            origin.set("Source", "Investigator")
        elif v.origin == "Assigned":
            origin.set("Source", "Sponsor")


def _codelists(mdv: ET.Element, used: list[str]) -> None:
    for name in used:
        cl = CODELISTS[name]
        el = _e(mdv, "CodeList", OID=f"CL.{name}", Name=name, DataType="text")
        if cl.sponsor:
            el.set(f"{{{DEF}}}IsNonStandard", "Yes")
        else:
            el.set(f"{{{DEF}}}StandardOID", CT)
        for order, term in enumerate(cl.terms, start=1):
            _e(el, "EnumeratedItem", CodedValue=term, OrderNumber=str(order))
        if not cl.sponsor:
            _e(el, "Alias", Context="nci:ExtCodeID", Name=cl.nci)


def define_xml(study: Study, datasets: Sequence[Dataset], files: dict[str, str],
               at: datetime) -> bytes:
    """The define.xml of one study's datasets; `files` names each dataset's file."""
    root = ET.Element(f"{{{ODM}}}ODM", {
        "FileType": "Snapshot", "FileOID": f"DEFINE.{study.code}",
        "CreationDateTime": at.isoformat(timespec="seconds"), "ODMVersion": "1.3.2",
        "Originator": study.site, "SourceSystem": "Site Tracker",
        "SourceSystemVersion": study.version, f"{{{DEF}}}Context": "Submission"})
    st = _e(root, "Study", OID=f"STUDY.{study.code}")
    gv = _e(st, "GlobalVariables")
    _e(gv, "StudyName", study.code)
    _e(gv, "StudyDescription", study.title)
    _e(gv, "ProtocolName", study.protocol)
    mdv = _e(st, "MetaDataVersion", OID=f"MDV.{study.code}.SDTMIG.3.4",
             Name=f"{study.code} SDTM (SDTMIG 3.4, SDTM CT {CT_VERSION})",
             **{f"{{{DEF}}}DefineVersion": "2.1.0"})
    standards = _e(mdv, "Standards", ns=DEF)
    _e(standards, "Standard", ns=DEF, OID=IG, Name="SDTMIG", Type="IG", Version="3.4",
       Status="Final")
    _e(standards, "Standard", ns=DEF, OID=CT, Name="CDISC/NCI", Type="CT",
       PublishingSet="SDTM", Version=CT_VERSION, Status="Final")
    for d in datasets:
        _item_group(mdv, d, files[d.name])
    for d in datasets:
        _item_defs(mdv, d)
    used = sorted({v.codelist for d in datasets for v in d.spec.variables if v.codelist})
    _codelists(mdv, used)
    for oid, text in METHODS.items():
        method = _e(mdv, "MethodDef", OID=f"MT.{oid}", Name=oid.title(),
                    Type="Computation")
        _description(method, text)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


__all__ = ["Study", "define_xml"]
