"""SDTM's controlled terminology and the derivations every domain shares (study day,
epoch), pure: the app's own words mapped to CDISC's submission values.

One CT version for every export, named in the define.xml and the README: CDISC SDTM
Controlled Terminology 2024-12-20 (NCI EVS). Only the code lists the exported variables use
are held here, with the terms the app can produce or a user may meet; a value outside them
is a conformance problem (app.rules.sdtm_conformance), never silently written.
Study day (--DY): RFSTDTC is day 1, the day before it day -1; there is no day 0 (SDTMIG 3.4
section 4.4.4). A partial date has no study day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.rules.sdtm_clinical import EG_TESTS, LB_TESTS, VS_TESTS

CT_VERSION = "2024-12-20"
CT_NAME = f"SDTM Controlled Terminology {CT_VERSION}"


@dataclass(frozen=True, slots=True)
class CodeList:
    name: str  # CDISC's submission value of the code list ("ACN")
    nci: str  # its NCI code ("C66767"); "" for the sponsor's own list
    terms: tuple[str, ...]
    extensible: bool = False

    @property
    def sponsor(self) -> bool:
        return not self.nci


def _cl(name: str, nci: str, terms: str, extensible: bool = False) -> CodeList:
    return CodeList(name, nci, tuple(t.strip() for t in terms.split("|")), extensible)


CODELISTS: dict[str, CodeList] = {c.name: c for c in (
    _cl("NY", "C66742", "N|Y|U|NA"),
    _cl("SEX", "C66731", "F|M|U|UNDIFFERENTIATED"),
    _cl("AGEU", "C66781", "YEARS|MONTHS|WEEKS|DAYS|HOURS"),
    _cl("ARMNRS", "C142179", "SCREEN FAILURE|NOT ASSIGNED|ASSIGNED, NOT TREATED|"
                             "UNPLANNED TREATMENT"),
    _cl("ACN", "C66767", "DOSE INCREASED|DOSE NOT CHANGED|DOSE RATE REDUCED|DOSE REDUCED|"
                         "DRUG INTERRUPTED|DRUG WITHDRAWN|NOT APPLICABLE|UNKNOWN"),
    _cl("OUT", "C66768", "FATAL|NOT RECOVERED/NOT RESOLVED|RECOVERED/RESOLVED|"
                         "RECOVERED/RESOLVED WITH SEQUELAE|RECOVERING/RESOLVING|UNKNOWN"),
    _cl("RACE", "C74457", "AMERICAN INDIAN OR ALASKA NATIVE|ASIAN|BLACK OR AFRICAN AMERICAN|"
                          "NATIVE HAWAIIAN OR OTHER PACIFIC ISLANDER|WHITE", extensible=True),
    _cl("PKUNIT", "C85494", "ng/mL", extensible=True),
    _cl("METHOD", "C85492", "CT SCAN|MRI|X-RAY|PET SCAN|ULTRASOUND", extensible=True),
    _cl("EPOCH", "C99079", "SCREENING|TREATMENT|FOLLOW-UP", extensible=True),
    _cl("NCOMPLT", "C66727", "ADVERSE EVENT|COMPLETED|DEATH|LOST TO FOLLOW-UP|OTHER|"
                             "PHYSICIAN DECISION|PROGRESSIVE DISEASE|SCREEN FAILURE|"
                             "WITHDRAWAL BY SUBJECT", extensible=True),
    _cl("PROTMLST", "C114118", "INFORMED CONSENT OBTAINED", extensible=True),
    _cl("DSCAT", "C74558", "DISPOSITION EVENT|PROTOCOL MILESTONE|OTHER EVENT"),
    _cl("ROUTE", "C66729", "ORAL|INTRAVENOUS|SUBCUTANEOUS|INTRAMUSCULAR|TOPICAL|"
                           "RESPIRATORY (INHALATION)|TRANSDERMAL|RECTAL|OPHTHALMIC",
        extensible=True),
    _cl("FRM", "C66726", "TABLET|CAPSULE", extensible=True),
    _cl("FREQ", "C71113", "ONCE|QD|BID|TID|QID|Q4H|Q6H|Q8H|QS|PRN|CONTINUOUS",
        extensible=True),
    _cl("UNIT", "C71620", "mg|mm|ng/mL|YEARS|g|ug|mL|L|IU|U|mg/kg|mg/m2|mg/mL|ug/h|mmol|"
                          "mEq|%|DROP|PUFF|TABLET|CAPSULE|SACHET|PATCH|msec|beats/min|"
                          "10^9/L|10^3/uL|/mm3|cells/uL|g/dL|g/L|mmol/L|mEq/L|mg/dL|"
                          "umol/L|U/L|ukat/L", extensible=True),
    _cl("SPECTYPE", "C78734", "PLASMA|BLOOD|SERUM", extensible=True),
    _cl("VSTESTCD", "C66741", "|".join(VS_TESTS), extensible=True),
    _cl("VSTEST", "C67153", "|".join(VS_TESTS.values()), extensible=True),
    _cl("VSRESU", "C66770", "kg|cm|m2|C|beats/min|mmHg|breaths/min|%", extensible=True),
    _cl("EGTESTCD", "C71153", "|".join(c for c, _t in EG_TESTS.values()), extensible=True),
    _cl("EGTEST", "C71152", "|".join(t for _c, t in EG_TESTS.values()), extensible=True),
    _cl("LBTESTCD", "C65047", "|".join(LB_TESTS), extensible=True),
    _cl("LBTEST", "C67154", "|".join(LB_TESTS.values()), extensible=True),
    _cl("NRIND", "C78736", "LOW|NORMAL|HIGH|ABNORMAL", extensible=True),
    _cl("STENRF", "C66728", "BEFORE|DURING|AFTER|DURING/AFTER|COINCIDENT|ONGOING|U"),
    _cl("ND", "C66789", "NOT DONE"),
    _cl("TUTESTCD", "C96784", "TUMIDENT", extensible=True),
    _cl("TUTEST", "C96783", "Tumor Identification", extensible=True),
    _cl("TUMIDENT", "C123650", "TARGET|NON-TARGET|NEW", extensible=True),
    _cl("TRTESTCD", "C96779", "LDIAM|TUMSTATE", extensible=True),
    _cl("TRTEST", "C96778", "Longest Diameter|Tumor State", extensible=True),
    _cl("TUMSTATE", "C124309", "PRESENT|ABSENT|UNEQUIVOCAL PROGRESSION|NOT EVALUABLE",
        extensible=True),
    _cl("RSTESTCD", "C96782", "OVRLRESP", extensible=True),
    _cl("RSTEST", "C96781", "Overall Response", extensible=True),
    _cl("ONCRSR", "C96785", "CR|PR|SD|PD|NE|NON-CR/NON-PD|NOT EVALUABLE", extensible=True),
    _cl("EVAL", "C78735", "INVESTIGATOR", extensible=True),
    _cl("AEREL", "", "NOT RELATED|UNLIKELY RELATED|POSSIBLY RELATED|PROBABLY RELATED|"
                     "RELATED"),
)}

_ACN = {"none": "DOSE NOT CHANGED", "interrupted": "DRUG INTERRUPTED",
        "reduced": "DOSE REDUCED", "withdrawn": "DRUG WITHDRAWN",
        "not applicable": "NOT APPLICABLE"}
_OUT = {"recovering": "RECOVERING/RESOLVING", "recovered": "RECOVERED/RESOLVED",
        "recovered with sequelae": "RECOVERED/RESOLVED WITH SEQUELAE",
        "not recovered": "NOT RECOVERED/NOT RESOLVED", "fatal": "FATAL", "unknown": "UNKNOWN"}
_REL = {"not related": "NOT RELATED", "unlikely": "UNLIKELY RELATED",
        "possible": "POSSIBLY RELATED", "probable": "PROBABLY RELATED",
        "definite": "RELATED"}
_DSDECOD = {"adverse event": "ADVERSE EVENT", "toxicity": "ADVERSE EVENT",
            "progression": "PROGRESSIVE DISEASE", "completed": "COMPLETED",
            "patient decision": "WITHDRAWAL BY SUBJECT", "withdrawal": "WITHDRAWAL BY SUBJECT",
            "physician decision": "PHYSICIAN DECISION",
            "investigator decision": "PHYSICIAN DECISION", "death": "DEATH", "other": "OTHER"}
_RESPONSE = {"NON_CR_NON_PD": "NON-CR/NON-PD"}
_TUMSTATE = {"present": "PRESENT", "absent": "ABSENT", "progression": "UNEQUIVOCAL PROGRESSION",
             "not_assessed": "NOT EVALUABLE"}
_METHOD = {"ct": "CT SCAN", "ct scan": "CT SCAN", "mri": "MRI", "mr": "MRI",
           "x-ray": "X-RAY", "xray": "X-RAY", "pet": "PET SCAN", "pet-ct": "PET SCAN",
           "pet/ct": "PET SCAN", "us": "ULTRASOUND", "ultrasound": "ULTRASOUND"}
# ICH E2A's criteria, each an AE variable of its own (AESER=Y names at least one)
SERIOUSNESS = {"death": "AESDTH", "life_threatening": "AESLIFE",
               "hospitalisation": "AESHOSP", "disability": "AESDISAB",
               "congenital_anomaly": "AESCONG", "important_medical_event": "AESMIE"}


def _mapped(table: dict[str, str], word: str | None) -> str | None:
    """The submission value of the app's word; an unknown word is kept upper-cased, for the
    conformance check to name (never dropped)."""
    if not word:
        return None
    return table.get(word.strip().lower(), word.strip().upper())


def ae_action(word: str | None) -> str | None:
    return _mapped(_ACN, word)


def ae_outcome(word: str | None) -> str | None:
    return _mapped(_OUT, word)


def ae_relationship(word: str | None) -> str | None:
    return _mapped(_REL, word)


def disposition(reason: str | None) -> str:
    """DSDECOD of an end of treatment, by the reason the site recorded."""
    return _mapped(_DSDECOD, reason) or "OTHER"


def response(overall: str | None) -> str | None:
    """RECIST's overall response as ONCRSR spells it."""
    if not overall:
        return None
    return _RESPONSE.get(overall, overall.upper())


def tumour_state(status: str | None) -> str | None:
    return _mapped(_TUMSTATE, status)


def scan_method(modality: str | None) -> str | None:
    """--METHOD of a scan by the modality the site typed (CT, MRI, ...)."""
    return _mapped(_METHOD, modality)


def seriousness(serious: bool, criteria: tuple[str, ...]) -> dict[str, str | None]:
    """AESDTH ... AESMIE: Y for each criterion met, N for the others, when the AE is
    serious; all null when it is not (SDTMIG 3.4 AE assumption 5)."""
    return {var: ("Y" if key in criteria else "N") if serious else None
            for key, var in SERIOUSNESS.items()}


ISO_DATE = re.compile(r"^(\d{4})(-(\d{2})(-(\d{2})(T\d{2}(:\d{2}(:\d{2})?)?"
                      r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")


def full_date(dtc: str | None) -> date | None:
    """The day an ISO 8601 --DTC names, or None when it is partial or empty."""
    if not dtc:
        return None
    m = ISO_DATE.match(dtc)
    if not m or not m.group(5):
        return None
    return date(int(m.group(1)), int(m.group(3)), int(m.group(5)))


def study_day(day: date | None, reference: date | None) -> int | None:
    """--DY: RFSTDTC is day 1, the day before it day -1; there is no day 0."""
    if day is None or reference is None:
        return None
    delta = (day - reference).days
    return delta + 1 if delta >= 0 else delta


def study_day_of(dtc: str | None, rfstdtc: str | None) -> int | None:
    return study_day(full_date(dtc), full_date(rfstdtc))


def epoch(day: date | None, first_dose: date | None, last_dose: date | None) -> str | None:
    """The trial epoch a day falls in: screening before the first dose, treatment from it
    to the last dose, follow-up after; None when the day is not known in full."""
    if day is None:
        return None
    if first_dose is None or day < first_dose:
        return "SCREENING"
    if last_dose is None or day <= last_dose:
        return "TREATMENT"
    return "FOLLOW-UP"


__all__ = ["CODELISTS", "CT_NAME", "CT_VERSION", "SERIOUSNESS", "CodeList", "ae_action",
           "ae_outcome", "ae_relationship", "disposition", "epoch", "full_date", "response",
           "scan_method", "seriousness", "study_day", "study_day_of", "tumour_state"]
