"""SDTM of what the site records beyond visits and events (issue 36): vital signs (VS),
ECG (EG), laboratory results (LB), concomitant medications (CM) and medical history (MH),
their SDTMIG 3.4 variables in order, and the app's words mapped to CDISC SDTM CT
(app.rules.sdtm_terms names the version): the protocol's measure codes to VSTESTCD and
EGTESTCD, the analytes to LBTESTCD, units, routes and frequencies to UNIT, ROUTE and FREQ.
A word with no submission value is kept (upper-cased where CT is upper case) for the
conformance check to name, never dropped. Pure.
"""

from __future__ import annotations

from decimal import Decimal

from app.rules.sdtm_vars import DatasetSpec
from app.rules.sdtm_vars import spec as _spec

_VS = """VSSEQ|Sequence Number|NRD
VSTESTCD|Vital Signs Test Short Name|CRA|VSTESTCD
VSTEST|Vital Signs Test Name|CRA|VSTEST
VSORRES|Result or Finding in Original Units|CEC
VSORRESU|Original Units|CEC|VSRESU
VSSTRESC|Character Result/Finding in Std Format|CED
VSSTRESN|Numeric Result/Finding in Standard Units|FED
VSSTRESU|Standard Units|CED|VSRESU
VSLOBXFL|Last Observation Before Exposure Flag|CED|NY
VSDRVFL|Derived Flag|CPD|NY
VISITNUM|Visit Number|FEP
VISIT|Visit Name|CPP
EPOCH|Epoch|CPD|EPOCH
VSDTC|Date/Time of Measurements|DEC
VSDY|Study Day of Vital Signs|NPD"""

_EG = """EGSEQ|Sequence Number|NRD
EGTESTCD|ECG Test or Examination Short Name|CRA|EGTESTCD
EGTEST|ECG Test or Examination Name|CRA|EGTEST
EGORRES|Result or Finding in Original Units|CEC
EGORRESU|Original Units|CEC|UNIT
EGSTRESC|Character Result/Finding in Std Format|CED
EGSTRESN|Numeric Result/Finding in Standard Units|FED
EGSTRESU|Standard Units|CED|UNIT
EGLOBXFL|Last Observation Before Exposure Flag|CED|NY
EGDRVFL|Derived Flag|CPD|NY
EGTOX|Toxicity|CPD
EGTOXGR|Standard Toxicity Grade|CPD
VISITNUM|Visit Number|FEP
VISIT|Visit Name|CPP
EPOCH|Epoch|CPD|EPOCH
EGDTC|Date/Time of ECG|DEC
EGDY|Study Day of ECG|NPD"""

_LB = """LBSEQ|Sequence Number|NRD
LBREFID|Specimen ID|CPC
LBTESTCD|Lab Test or Examination Short Name|CRA|LBTESTCD
LBTEST|Lab Test or Examination Name|CRA|LBTEST
LBCAT|Category for Lab Test|CEA
LBORRES|Result or Finding in Original Units|CEC
LBORRESU|Original Units|CEC|UNIT
LBORNRLO|Reference Range Lower Limit in Orig Unit|CEC
LBORNRHI|Reference Range Upper Limit in Orig Unit|CEC
LBSTRESC|Character Result/Finding in Std Format|CED
LBSTRESN|Numeric Result/Finding in Standard Units|FED
LBSTRESU|Standard Units|CED|UNIT
LBSTNRLO|Reference Range Lower Limit-Std Units|FED
LBSTNRHI|Reference Range Upper Limit-Std Units|FED
LBNRIND|Reference Range Indicator|CED|NRIND
LBNAM|Vendor Name|CPC
LBSPEC|Specimen Type|CPA|SPECTYPE
LBLOBXFL|Last Observation Before Exposure Flag|CED|NY
LBTOX|Toxicity|CPD
LBTOXGR|Standard Toxicity Grade|CPD
VISITNUM|Visit Number|FEP
VISIT|Visit Name|CPP
EPOCH|Epoch|CPD|EPOCH
LBDTC|Date/Time of Specimen Collection|DEC
LBDY|Study Day of Specimen Collection|NPD"""

_CM = """CMSEQ|Sequence Number|NRD
CMTRT|Reported Name of Drug, Med, or Therapy|CRC
CMINDC|Indication|CPC
CMDOSE|Dose per Administration|FPC
CMDOSU|Dose Units|CPC|UNIT
CMDOSFRQ|Dosing Frequency per Interval|CPC|FREQ
CMROUTE|Route of Administration|CPC|ROUTE
EPOCH|Epoch|CPD|EPOCH
CMSTDTC|Start Date/Time of Medication|DPC
CMENDTC|End Date/Time of Medication|DPC
CMSTDY|Study Day of Start of Medication|NPD
CMENDY|Study Day of End of Medication|NPD
CMENRTPT|End Relative to Reference Time Point|CPC|STENRF
CMENTPT|End Reference Time Point|CPC"""

_MH = """MHSEQ|Sequence Number|NRD
MHTERM|Reported Term for the Medical History|CRC
MHDECOD|Dictionary-Derived Term|CPA
MHTOXGR|Standard Toxicity Grade|CPC
MHSTDTC|Start Date/Time of Medical History Event|DPC
MHENDTC|End Date/Time of Medical History Event|DPC
MHSTDY|Study Day of Start of Observation|NPD
MHENDY|Study Day of End of Observation|NPD
MHENRTPT|End Relative to Reference Time Point|CPC|STENRF
MHENTPT|End Reference Time Point|CPC"""

CLINICAL: dict[str, DatasetSpec] = {s.name: s for s in (
    _spec("CM", "Concomitant/Concurrent Medications", "INTERVENTIONS",
          "One record per recorded intervention occurrence or constant-dosing interval per "
          "subject", "STUDYID USUBJID CMTRT CMSTDTC", _CM),
    _spec("MH", "Medical History", "EVENTS", "One record per medical history event per "
          "subject", "STUDYID USUBJID MHDECOD MHTERM MHSTDTC", _MH),
    _spec("VS", "Vital Signs", "FINDINGS", "One record per vital sign measurement per "
          "time point per visit per subject", "STUDYID USUBJID VSTESTCD VISITNUM VSDTC", _VS),
    _spec("EG", "ECG Test Results", "FINDINGS", "One record per ECG observation per "
          "replicate per time point or one record per ECG observation per beat per visit "
          "per subject", "STUDYID USUBJID EGTESTCD VISITNUM EGDTC", _EG),
    _spec("LB", "Laboratory Test Results", "FINDINGS", "One record per lab test per time "
          "point per visit per subject", "STUDYID USUBJID LBTESTCD LBDTC", _LB),
)}

#: the protocol's vital signs (its measure codes are VSTESTCD already): VSTEST
VS_TESTS = {"WEIGHT": "Weight", "HEIGHT": "Height", "BSA": "Body Surface Area",
            "TEMP": "Temperature", "PULSE": "Pulse Rate", "SYSBP": "Systolic Blood Pressure",
            "DIABP": "Diastolic Blood Pressure", "RESP": "Respiratory Rate",
            "OXYSAT": "Oxygen Saturation", "BMI": "Body Mass Index", "HR": "Heart Rate"}
#: the protocol's ECG measures: EGTESTCD, EGTEST (the aggregate of the tracing's beats)
EG_TESTS = {"HR": ("HRMEAN", "Summary (Mean) Heart Rate"),
            "PR": ("PRAG", "PR Interval, Aggregate"),
            "QRS": ("QRSAG", "QRS Duration, Aggregate"),
            "QT": ("QTAG", "QT Interval, Aggregate"),
            "QTCF": ("QTCFAG", "QTcF Interval, Aggregate")}
#: measures that are neither: ECOG is a clinical classification (SDTM RS, CT ECOG1TC),
#: not a vital sign
NOT_VS = frozenset({"ECOG"})
#: the protocol's analytes (their codes are LBTESTCD already): LBTEST
LB_TESTS = {"NEUT": "Neutrophils", "PLAT": "Platelets", "HGB": "Hemoglobin",
            "WBC": "Leukocytes", "LYM": "Lymphocytes", "ALT": "Alanine Aminotransferase",
            "AST": "Aspartate Aminotransferase", "BILI": "Bilirubin",
            "ALP": "Alkaline Phosphatase", "CREAT": "Creatinine", "K": "Potassium",
            "SODIUM": "Sodium", "MG": "Magnesium", "CA": "Calcium", "GLUC": "Glucose"}
LB_CATEGORIES = {"haematology": "HEMATOLOGY", "chemistry": "CHEMISTRY"}
LB_SPECIMENS = {"haematology": "BLOOD", "chemistry": "SERUM"}
_UNITS = {"ms": "msec", "msec": "msec", "bpm": "beats/min", "mcg": "ug", "µg": "ug",
          "iu": "IU", "ml": "mL", "l": "L", "g": "g", "mg": "mg", "ug": "ug", "kg": "kg",
          "mg/kg": "mg/kg", "mg/m2": "mg/m2", "%": "%", "drop": "DROP", "drops": "DROP",
          "puff": "PUFF", "puffs": "PUFF", "tablet": "TABLET", "tablets": "TABLET",
          "tab": "TABLET", "capsule": "CAPSULE", "capsules": "CAPSULE", "cap": "CAPSULE",
          "sachet": "SACHET", "patch": "PATCH", "unit": "U", "units": "U", "u": "U",
          "mmol": "mmol", "meq": "mEq", "ug/h": "ug/h", "mg/ml": "mg/mL"}
_ROUTES = {"oral": "ORAL", "intravenous": "INTRAVENOUS", "subcutaneous": "SUBCUTANEOUS",
           "intramuscular": "INTRAMUSCULAR", "topical": "TOPICAL",
           "inhaled": "RESPIRATORY (INHALATION)", "transdermal": "TRANSDERMAL",
           "rectal": "RECTAL", "ophthalmic": "OPHTHALMIC"}
_FREQUENCIES = {"once": "ONCE", "qd": "QD", "bid": "BID", "tid": "TID", "qid": "QID",
                "q4h": "Q4H", "q6h": "Q6H", "q8h": "Q8H", "qw": "QS", "prn": "PRN",
                "continuous": "CONTINUOUS"}
#: the app's words with no CDISC term: no value rather than a made-up one
UNCODED = "other"


def eg_test(code: str) -> tuple[str, str]:
    """EGTESTCD and EGTEST of a protocol's ECG measure (an unknown one kept as named)."""
    return EG_TESTS.get(code, (code, code))


def unit_term(unit: str | None) -> str | None:
    """A unit as CDISC's UNIT code list spells it ("ms" -> "msec", "mcg" -> "ug"); other
    units as written (the lab's units are spelled as UNIT spells them already)."""
    if unit is None or not unit.strip():
        return None
    return _UNITS.get(unit.strip().lower(), unit.strip())


def route_term(route: str | None) -> str | None:
    if not route or route.strip().lower() == UNCODED:
        return None
    return _ROUTES.get(route.strip().lower(), route.strip().upper())


def frequency_term(frequency: str | None) -> str | None:
    if not frequency or frequency.strip().lower() == UNCODED:
        return None
    return _FREQUENCIES.get(frequency.strip().lower(), frequency.strip().upper())


def range_indicator(value: Decimal, lln: Decimal | None, uln: Decimal | None) -> str | None:
    """LBNRIND: LOW below the LLN, HIGH above the ULN, NORMAL between (both limits
    included); None without a range."""
    if lln is None and uln is None:
        return None
    if lln is not None and value < lln:
        return "LOW"
    if uln is not None and value > uln:
        return "HIGH"
    return "NORMAL"


def number(value: float | Decimal) -> str:
    """A result as --ORRES/--STRESC write it: no binary noise, no trailing zeros."""
    d = value if isinstance(value, Decimal) else Decimal(repr(value))
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "") else text


__all__ = ["CLINICAL", "EG_TESTS", "LB_CATEGORIES", "LB_SPECIMENS", "LB_TESTS", "NOT_VS",
           "UNCODED", "VS_TESTS", "eg_test", "frequency_term", "number", "range_indicator",
           "route_term", "unit_term"]
