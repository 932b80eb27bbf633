"""CDISC ODM 1.3.2 (Operational Data Model): the study's metadata and its clinical data in
the XML a sponsor's EDC imports, with who changed each value (AuditRecord) and the
investigator's e-signatures (Signature).

This module knows ODM's shape only: it is handed the study's definition (`Protocol`) and the
site's data as plain rows (`Subject`, `EventData`, ...) and returns the XML tree. Elements
are written in the order the schema's sequences require.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from app.rules.protocol import Protocol
from app.rules.vitals import measures_at

NS = "http://www.cdisc.org/ns/odm/v1.3"
ODM_VERSION = "1.3.2"
SITE = "LOC.SITE"

#: per form: its item group, whether the group repeats, and its items
#: (item OID suffix, name, DataType, code list OID or None)
ItemSpec = tuple[str, str, str, str | None]
FORMS: dict[str, tuple[str, str, bool, tuple[ItemSpec, ...]]] = {
    "VISIT": ("Visit", "SV", False, (
        ("SVSTDTC", "Date of visit", "date", None),
        ("SVSTTM", "Time of visit", "time", None),
        ("SVOUTCOME", "Visit outcome", "text", "CL.OUTCOME"),
        ("SVREASND", "Why not done", "text", None),
        ("EXDOSLVL", "Dose level given", "text", None),
        ("EXACT", "Dose given as", "text", "CL.DOSEACT"),
        ("EXSTDTC", "Dose time (the PK counts from it)", "datetime", None))),
    "PC": ("PK samples", "PC", True, (
        ("PCTPT", "Planned time point", "text", None),
        ("PCTPTNUM", "Planned time point number", "integer", None),
        ("PCREFID", "Sample ID", "text", None),
        ("PCDTC", "Date and time collected", "datetime", None),
        ("PCSTAT", "Completion status", "text", "CL.ND"),
        ("PCREASND", "Why not collected", "text", None))),
    "RS": ("Tumour response", "RS", True, (
        ("RSDTC", "Scan date", "date", None),
        ("RSBASE", "Baseline scan", "text", "CL.NY"),
        ("TRSUM", "Sum of target lesion diameters (mm)", "float", None),
        ("RSORRES", "Overall response (RECIST 1.1)", "text", "CL.RESP"))),
    "AE": ("Adverse events", "AE", True, (
        ("AETERM", "Reported term", "text", None),
        ("AEDECOD", "CTCAE term", "text", None),
        ("AEBODSYS", "System organ class", "text", None),
        ("AETOXGR", "Worst CTCAE grade", "integer", None),
        ("AESER", "Serious", "text", "CL.NY"),
        ("AEREL", "Relationship to IMP", "text", "CL.AEREL"),
        ("AESTDTC", "Onset date (partial where entered so)", "partialDate", None),
        ("AEENDTC", "End date (partial where entered so)", "partialDate", None),
        ("AEDLT", "Dose-limiting toxicity", "text", "CL.NY"))),
    "VS": ("Vital signs", "VS", True, (
        ("VSTESTCD", "Vital sign (the protocol's measure)", "text", None),
        ("VSORRES", "Result", "float", None),
        ("VSORRESU", "Unit", "text", None))),
    "EG": ("ECG", "EG", True, (
        ("EGTESTCD", "ECG measure (the protocol's)", "text", None),
        ("EGORRES", "Result", "float", None),
        ("EGORRESU", "Unit", "text", None))),
    "LB": ("Laboratory results", "LB", True, (
        ("LBTESTCD", "Analyte", "text", None),
        ("LBDTC", "Sample date", "date", None),
        ("LBREFID", "Sample ID", "text", None),
        ("LBNAM", "Laboratory", "text", None),
        ("LBORRES", "Result as reported", "float", None),
        ("LBORRESU", "Unit as reported", "text", None),
        ("LBSTRESN", "Result in the analyte's unit", "float", None),
        ("LBSTRESU", "The analyte's unit", "text", None),
        ("LBSTNRLO", "Lower limit of normal (the analyte's unit)", "float", None),
        ("LBSTNRHI", "Upper limit of normal (the analyte's unit)", "float", None),
        ("LBTOX", "CTCAE term graded from the value", "text", None),
        ("LBTOXGR", "CTCAE grade derived from the value", "integer", None))),
    "CM": ("Concomitant medications", "CM", True, (
        ("CMTRT", "Drug", "text", None),
        ("CMDOSE", "Dose", "float", None),
        ("CMDOSU", "Dose unit", "text", None),
        ("CMROUTE", "Route", "text", None),
        ("CMDOSFRQ", "Frequency", "text", None),
        ("CMINDC", "Indication", "text", None),
        ("CMSTDTC", "Start date (partial where entered so)", "partialDate", None),
        ("CMENDTC", "End date (partial where entered so)", "partialDate", None),
        ("CMONGO", "Ongoing", "text", "CL.NY"))),
    "MH": ("Medical history", "MH", True, (
        ("MHTERM", "Condition (CTCAE term)", "text", None),
        ("MHLLTCD", "MedDRA code", "text", None),
        ("MHTOXGR", "Grade at baseline (CTCAE)", "integer", None),
        ("MHSTDTC", "Start date (partial where entered so)", "partialDate", None),
        ("MHENDTC", "End date (partial where entered so)", "partialDate", None),
        ("MHONGO", "Ongoing", "text", "CL.NY"))),
}
CODE_LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "CL.OUTCOME": ("Visit outcome", ("done", "missed")),
    "CL.DOSEACT": ("Dose given as", ("as planned", "reduced", "held")),
    "CL.ND": ("Not done", ("NOT DONE",)),
    "CL.NY": ("No / Yes", ("N", "Y")),
    "CL.RESP": ("RECIST 1.1 overall response", ("CR", "PR", "SD", "PD", "NE", "NON-CR/NON-PD")),
    "CL.AEREL": ("Relationship", ("not related", "unlikely", "possible", "probable",
                                  "definite")),
}
#: the events that are not calendar visits: the AE log and the scans' responses
COMMON_EVENTS = (("SE.AE", "Adverse event log", "AE"), ("SE.RS", "Tumour responses", "RS"),
                 ("SE.LB", "Laboratory results", "LB"),
                 ("SE.CM", "Concomitant medications", "CM"), ("SE.MH", "Medical history", "MH"))
UNSCHEDULED = "SE.UNSCHEDULED"


def oid(*parts: str) -> str:
    """An OID from the app's codes: letters, digits, dot, hyphen and underscore only."""
    return ".".join(re.sub(r"[^A-Za-z0-9_-]", "_", p) for p in parts)


@dataclass(frozen=True)
class Audit:
    """The last change of one value: who, when (UTC), why."""

    user: str
    at: datetime
    reason: str | None = None


@dataclass(frozen=True)
class Signed:
    user: str
    meaning: str
    at: datetime


@dataclass(frozen=True)
class Item:
    name: str  # the item OID's suffix (FORMS)
    value: object
    audit: Audit | None = None


@dataclass(frozen=True)
class Group:
    form: str  # FORMS key
    items: tuple[Item, ...]
    repeat_key: str | None = None
    signature: Signed | None = None


@dataclass(frozen=True)
class EventData:
    event_oid: str
    repeat_key: str | None
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Subject:
    key: str
    events: tuple[EventData, ...]


@dataclass
class StudyData:
    protocol: Protocol
    subjects: list[Subject] = field(default_factory=list)


def event_of(protocol: Protocol, code: str) -> tuple[str, str | None]:
    """The StudyEventDef OID a visit code belongs to, and its repeat key (the cycle's or
    the series' number) for the repeating ones."""
    if protocol.visit(code) is not None:
        return oid("SE", code), None
    matched = protocol.match_code(code)
    if matched is None:
        return UNSCHEDULED, code
    template, numbers = matched
    if protocol.cycles and template == protocol.cycles.code:
        return oid("SE", "CYCLE", f"D{numbers['d']}"), str(numbers["n"])
    return oid("SE", template.replace("{k}", "")), str(numbers.get("k", 1))


def value_text(value: object, data_type: str) -> str:
    """A value as its ODM DataType writes it (ISO 8601 dates and times)."""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    return str(value)


def _e(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _readings(p: Protocol, code: str | None = None) -> tuple[str, ...]:
    """The reading forms (VS, EG) of a visit (None: of any visit the protocol may have)."""
    measures = p.measures if code is None else measures_at(p, code)
    groups = {m.group for m in measures}
    return (("VS",) if groups - {"ecg"} else ()) + (("EG",) if "ecg" in groups else ())


def _events_of(p: Protocol) -> list[tuple[str, str, bool, str, tuple[str, ...]]]:
    """(OID, name, repeating, type, forms) of every StudyEventDef the protocol makes."""
    pk_visits = {v.visit for v in p.pk_visits}
    readings = _readings(p)
    out = []
    for v in p.visits:
        forms = ("VISIT",) + (("PC",) if v.code in pk_visits else ()) + _readings(p, v.code)
        out.append((oid("SE", v.code), v.label, False, "Scheduled", forms))
    if p.cycles:
        for d in p.cycles.days:
            code = p.cycles.code_of(0, d.day).replace("0", "n", 1)
            forms = ("VISIT",) + (("PC",) if p.cycles.code in pk_visits else ()) + readings
            out.append((oid("SE", "CYCLE", f"D{d.day}"),
                        f"{p.cycles.label.format(n='n', d=d.day)} ({code})", True,
                        "Scheduled", forms))
    for s in p.series:
        out.append((oid("SE", s.code.replace("{k}", "")), s.label.split("{")[0].strip()
                    or s.code, True, "Scheduled", ("VISIT", *readings)))
    out.append((UNSCHEDULED, "Unscheduled visit", True, "Unscheduled", ("VISIT", *readings)))
    for event, name, form in COMMON_EVENTS:
        out.append((event, name, False, "Common", (form,)))
    return out


def _metadata(study: ET.Element, p: Protocol, mdv: str) -> None:
    gv = _e(study, "GlobalVariables")
    _e(gv, "StudyName", p.code)
    _e(gv, "StudyDescription", p.title)
    _e(gv, "ProtocolName", p.protocol_number)
    meta = _e(study, "MetaDataVersion", OID=mdv, Name=p.version)
    events = _events_of(p)
    proto = _e(meta, "Protocol")
    for n, (event, *_rest) in enumerate(events, 1):
        _e(proto, "StudyEventRef", StudyEventOID=event, OrderNumber=str(n), Mandatory="No")
    for event, name, repeating, kind, forms in events:
        se = _e(meta, "StudyEventDef", OID=event, Name=name,
                Repeating="Yes" if repeating else "No", Type=kind)
        for form in forms:
            _e(se, "FormRef", FormOID=oid("F", form), Mandatory="No")
    for form, (name, _domain, _rep, _items) in FORMS.items():
        fd = _e(meta, "FormDef", OID=oid("F", form), Name=name, Repeating="No")
        _e(fd, "ItemGroupRef", ItemGroupOID=oid("IG", form), Mandatory="Yes")
    for form, (name, domain, repeating, items) in FORMS.items():
        ig = _e(meta, "ItemGroupDef", OID=oid("IG", form), Name=name,
                Repeating="Yes" if repeating else "No", Domain=domain)
        for n, (item, *_rest) in enumerate(items, 1):
            _e(ig, "ItemRef", ItemOID=oid("IT", item), OrderNumber=str(n), Mandatory="No")
    _item_defs(meta)


def _item_defs(meta: ET.Element) -> None:
    """Every item with its DataType and code list, then the code lists."""
    for _form, (_name, _domain, _rep, items) in FORMS.items():
        for item, label, data_type, code_list in items:
            idef = _e(meta, "ItemDef", OID=oid("IT", item), Name=label, DataType=data_type,
                      SDSVarName=item if re.fullmatch(r"[A-Z][A-Z0-9]{0,7}", item) else "")
            if not idef.get("SDSVarName"):
                del idef.attrib["SDSVarName"]
            q = _e(idef, "Question")
            _e(q, "TranslatedText", label).set("{http://www.w3.org/XML/1998/namespace}lang",
                                               "en")
            if code_list:
                _e(idef, "CodeListRef", CodeListOID=code_list)
    for code_list, (name, values) in CODE_LISTS.items():
        cl = _e(meta, "CodeList", OID=code_list, Name=name, DataType="text")
        for v in values:
            coded = _e(cl, "CodeListItem", CodedValue=v)
            _e(_e(coded, "Decode"), "TranslatedText", v)


def _audit(parent: ET.Element, a: Audit, users: dict[str, str]) -> None:
    rec = _e(parent, "AuditRecord")
    _e(rec, "UserRef", UserOID=users[a.user])
    _e(rec, "LocationRef", LocationOID=SITE)
    _e(rec, "DateTimeStamp", value_text(a.at, "datetime"))
    if a.reason:
        _e(rec, "ReasonForChange", a.reason)


def _signature(parent: ET.Element, s: Signed, users: dict[str, str]) -> None:
    sig = _e(parent, "Signature")
    _e(sig, "UserRef", UserOID=users[s.user])
    _e(sig, "LocationRef", LocationOID=SITE)
    _e(sig, "SignatureRef", SignatureOID=oid("SD", s.meaning))
    _e(sig, "DateTimeStamp", value_text(s.at, "datetime"))


def _clinical(root: ET.Element, data: StudyData, study_oid: str, mdv: str,
              users: dict[str, str]) -> None:
    cd = _e(root, "ClinicalData", StudyOID=study_oid, MetaDataVersionOID=mdv)
    types = {item: t for _f, (_n, _d, _r, items) in FORMS.items() for item, _l, t, _c in items}
    for subject in data.subjects:
        sd = _e(cd, "SubjectData", SubjectKey=subject.key)
        _e(sd, "SiteRef", LocationOID=SITE)
        for ev in subject.events:
            attrs = {"StudyEventOID": ev.event_oid}
            if ev.repeat_key is not None:
                attrs["StudyEventRepeatKey"] = ev.repeat_key
            sed = _e(sd, "StudyEventData", **attrs)
            forms: dict[str, ET.Element] = {}
            for g in ev.groups:
                fd = forms.get(g.form)
                if fd is None:
                    fd = forms[g.form] = _e(sed, "FormData", FormOID=oid("F", g.form))
                gattrs = {"ItemGroupOID": oid("IG", g.form)}
                if g.repeat_key is not None:
                    gattrs["ItemGroupRepeatKey"] = g.repeat_key
                igd = _e(fd, "ItemGroupData", **gattrs)
                if g.signature is not None:
                    _signature(igd, g.signature, users)
                for item in g.items:
                    if item.value is None or item.value == "":
                        continue
                    idata = _e(igd, "ItemData", ItemOID=oid("IT", item.name),
                               Value=value_text(item.value, types[item.name]))
                    if item.audit is not None:
                        _audit(idata, item.audit, users)


def build_odm(studies: Sequence[StudyData], site: str, users: dict[str, str],
              meanings: Iterable[str], created: datetime, file_oid: str,
              app_version: str) -> ET.ElementTree:
    """The ODM document: each study's metadata, the site's users, location and signature
    meanings, then each study's clinical data. `users` maps each account to its full name."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}ODM", {
        "FileType": "Snapshot", "FileOID": file_oid, "ODMVersion": ODM_VERSION,
        "CreationDateTime": value_text(created, "datetime"), "Granularity": "All",
        "Originator": site or "Site Tracker", "SourceSystem": "Site Tracker",
        "SourceSystemVersion": app_version})
    mdvs = []
    for data in studies:
        study_oid = oid("ST", data.protocol.code)
        mdv = oid("MDV", data.protocol.code, data.protocol.version)
        mdvs.append((study_oid, mdv, data))
        _metadata(_e(root, "Study", OID=study_oid), data.protocol, mdv)
    admin = _e(root, "AdminData")
    user_oids = {}
    for account, full_name in sorted(users.items()):
        user_oids[account] = oid("USR", account)
        u = _e(admin, "User", OID=user_oids[account])
        _e(u, "LoginName", account)
        _e(u, "FullName", full_name)
    loc = _e(admin, "Location", OID=SITE, Name=site or "Site", LocationType="Site")
    for study_oid, mdv, _data in mdvs:
        _e(loc, "MetaDataVersionRef", StudyOID=study_oid, MetaDataVersionOID=mdv,
           EffectiveDate=created.date().isoformat())
    for meaning in sorted(set(meanings)):
        sd = _e(admin, "SignatureDef", OID=oid("SD", meaning), Methodology="Electronic")
        _e(sd, "Meaning", meaning.capitalize())
        _e(sd, "LegalReason", "Signed in Site Tracker with the signer's password (21 CFR "
           "Part 11 e-signature)")
    for study_oid, mdv, data in mdvs:
        _clinical(root, data, study_oid, mdv, user_oids)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


__all__ = ["CODE_LISTS", "FORMS", "NS", "Audit", "EventData", "Group", "Item", "Signed",
           "StudyData", "Subject", "build_odm", "event_of", "oid", "value_text"]
