"""What each exported SDTM dataset holds (SDTMIG 3.4): its variables in order with label,
type, core (Req, Exp, Perm), code list and origin; its keys (the sort order); its class.
The export writes these and only these; the define.xml describes them; the conformance
check holds the rows to them. Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.rules.sdtm_clinical import CLINICAL
from app.rules.sdtm_vars import DatasetSpec, Variable
from app.rules.sdtm_vars import spec as _spec
from app.rules.sdtm_vars import variables as _vars

SPECS: dict[str, DatasetSpec] = {s.name: s for s in (
    _spec("DM", "Demographics", "SPECIAL PURPOSE", "One record per subject",
          "STUDYID USUBJID", """SUBJID|Subject Identifier for the Study|CRC
RFSTDTC|Subject Reference Start Date/Time|DED
RFENDTC|Subject Reference End Date/Time|DED
RFXSTDTC|Date/Time of First Study Treatment|DED
RFXENDTC|Date/Time of Last Study Treatment|DEC
RFICDTC|Date/Time of Informed Consent|DEC
RFPENDTC|Date/Time of End of Participation|DED
DTHDTC|Date/Time of Death|DEC
DTHFL|Subject Death Flag|CED|NY
SITEID|Study Site Identifier|CRA
BRTHDTC|Date/Time of Birth|DPC
AGE|Age|NED
AGEU|Age Units|CED|AGEU
SEX|Sex|CRC|SEX
RACE|Race|CEC|RACE
ARMCD|Planned Arm Code|CEA
ARM|Description of Planned Arm|CEA
ACTARMCD|Actual Arm Code|CED
ACTARM|Description of Actual Arm|CED
ARMNRS|Reason Arm and/or Actual Arm is Null|CED|ARMNRS
ACTARMUD|Description of Unplanned Actual Arm|CEC
COUNTRY|Country|CRA"""),
    _spec("SV", "Subject Visits", "SPECIAL PURPOSE", "One record per actual visit per subject",
          "STUDYID USUBJID VISITNUM", """VISITNUM|Visit Number|FRP
VISIT|Visit Name|CPP
SVPRESP|Pre-specified|CED|NY
SVOCCUR|Occurrence|CEC|NY
SVSTDTC|Start Date/Time of Observation|DEC
SVENDTC|End Date/Time of Observation|DEC
SVSTDY|Study Day of Start of Observation|NPD
SVENDY|Study Day of End of Observation|NPD
SVUPDES|Description of Unplanned Visit|CPC"""),
    _spec("AE", "Adverse Events", "EVENTS", "One record per adverse event per subject",
          "STUDYID USUBJID AEDECOD AESTDTC AESEQ", """AESEQ|Sequence Number|NRD
AETERM|Reported Term for the Adverse Event|CRC
AELLT|Lowest Level Term|CEA
AELLTCD|Lowest Level Term Code|NEA
AEDECOD|Dictionary-Derived Term|CRA
AEPTCD|Preferred Term Code|NEA
AEHLT|High Level Term|CEA
AEHLTCD|High Level Term Code|NEA
AEHLGT|High Level Group Term|CEA
AEHLGTCD|High Level Group Term Code|NEA
AEBODSYS|Body System or Organ Class|CEA
AEBDSYCD|Body System or Organ Class Code|NEA
AESOC|Primary System Organ Class|CEA
AESOCCD|Primary System Organ Class Code|NEA
AESER|Serious Event|CEC|NY
AEACN|Action Taken with Study Treatment|CEC|ACN
AEREL|Causality|CEC|AEREL
AEOUT|Outcome of Adverse Event|CPC|OUT
AESCONG|Congenital Anomaly or Birth Defect|CPC|NY
AESDISAB|Persist or Signif Disability/Incapacity|CPC|NY
AESDTH|Results in Death|CPC|NY
AESHOSP|Requires or Prolongs Hospitalization|CPC|NY
AESLIFE|Is Life Threatening|CPC|NY
AESMIE|Other Medically Important Serious Event|CPC|NY
AETOXGR|Standard Toxicity Grade|CPC
EPOCH|Epoch|CPD|EPOCH
AESTDTC|Start Date/Time of Adverse Event|DEC
AEENDTC|End Date/Time of Adverse Event|DEC
AESTDY|Study Day of Start of Adverse Event|NPD
AEENDY|Study Day of End of Adverse Event|NPD"""),
    _spec("EX", "Exposure", "INTERVENTIONS",
          "One record per constant dosing interval per subject",
          "STUDYID USUBJID EXTRT EXSTDTC EXSEQ", """EXSEQ|Sequence Number|NRD
EXTRT|Name of Treatment|CRP
EXDOSE|Dose|FEP
EXDOSU|Dose Units|CEP|UNIT
EXDOSFRM|Dose Form|CEP|FRM
EXDOSFRQ|Dosing Frequency per Interval|CPP|FREQ
EXROUTE|Route of Administration|CPP|ROUTE
EPOCH|Epoch|CPD|EPOCH
EXSTDTC|Start Date/Time of Treatment|DEC
EXENDTC|End Date/Time of Treatment|DEC
EXSTDY|Study Day of Start of Treatment|NPD
EXENDY|Study Day of End of Treatment|NPD"""),
    _spec("PC", "Pharmacokinetics Concentrations", "FINDINGS",
          "One record per sample characteristic or time-point concentration per reference "
          "time point or per analyte per subject",
          "STUDYID USUBJID PCTESTCD VISITNUM PCTPTNUM", """PCSEQ|Sequence Number|NRD
PCREFID|Reference ID|CPC
PCTESTCD|Pharmacokinetic Test Short Name|CRA
PCTEST|Pharmacokinetic Test Name|CRA
PCORRES|Result or Finding in Original Units|CEA
PCORRESU|Original Units|CEA|PKUNIT
PCSTRESC|Character Result/Finding in Std Format|CEA
PCSTRESN|Numeric Result/Finding in Standard Units|FEA
PCSTRESU|Standard Units|CEA|PKUNIT
PCSTAT|Completion Status|CPC|ND
PCREASND|Reason Test Not Done|CPC
PCNAM|Vendor Name|CEA
PCSPEC|Specimen Material Type|CEA|SPECTYPE
PCLLOQ|Lower Limit of Quantitation|FEA
VISITNUM|Visit Number|FEP
VISIT|Visit Name|CPP
EPOCH|Epoch|CPD|EPOCH
PCDTC|Date/Time of Specimen Collection|DEC
PCDY|Actual Study Day of Specimen Collection|NPD
PCTPT|Planned Time Point Name|CPP
PCTPTNUM|Planned Time Point Number|NPP"""),
    _spec("TU", "Tumor/Lesion Identification", "FINDINGS",
          "One record per identified tumor per subject per assessor",
          "STUDYID USUBJID TULNKID", """TUSEQ|Sequence Number|NRD
TULNKID|Link ID|CEC
TUTESTCD|Tumor/Lesion ID Short Name|CRA|TUTESTCD
TUTEST|Tumor/Lesion ID Test Name|CRA|TUTEST
TUORRES|Tumor/Lesion ID Result|CEC
TUSTRESC|Tumor/Lesion ID Result Std. Format|CED|TUMIDENT
TULOC|Location of the Tumor/Lesion|CEC
TUMETHOD|Method of Identification|CEC|METHOD
TULOBXFL|Last Observation Before Exposure Flag|CED|NY
TUEVAL|Evaluator|CEA|EVAL
VISITNUM|Visit Number|FEP
EPOCH|Epoch|CPD|EPOCH
TUDTC|Date/Time of Tumor/Lesion Identification|DEC
TUDY|Study Day of Tumor/Lesion Identification|NPD"""),
    _spec("TR", "Tumor/Lesion Results", "FINDINGS",
          "One record per tumor measurement/assessment per visit per subject per assessor",
          "STUDYID USUBJID TRLNKID TRTESTCD VISITNUM", """TRSEQ|Sequence Number|NRD
TRLNKID|Link ID|CEC
TRTESTCD|Tumor/Lesion Assessment Short Name|CRA|TRTESTCD
TRTEST|Tumor/Lesion Assessment Test Name|CRA|TRTEST
TRORRES|Result or Finding in Original Units|CEC
TRORRESU|Original Units|CEC|UNIT
TRSTRESC|Character Result/Finding in Std Format|CED
TRSTRESN|Numeric Result/Finding in Standard Units|FED
TRSTRESU|Standard Units|CED|UNIT
TRMETHOD|Method Used to Identify the Tumor/Lesion|CEC|METHOD
TRLOBXFL|Last Observation Before Exposure Flag|CED|NY
TREVAL|Evaluator|CEA|EVAL
VISITNUM|Visit Number|FEP
EPOCH|Epoch|CPD|EPOCH
TRDTC|Date/Time of Tumor/Lesion Measurement|DEC
TRDY|Study Day of Tumor/Lesion Measurement|NPD"""),
    _spec("RS", "Disease Response and Clin Classification", "FINDINGS",
          "One record per response assessment per visit per subject per assessor",
          "STUDYID USUBJID RSTESTCD VISITNUM", """RSSEQ|Sequence Number|NRD
RSTESTCD|Assessment Short Name|CRA|RSTESTCD
RSTEST|Assessment Name|CRA|RSTEST
RSCAT|Category for Assessment|CEA
RSORRES|Result or Finding in Original Units|CEC
RSSTRESC|Character Result/Finding in Std Format|CED|ONCRSR
RSEVAL|Evaluator|CPA|EVAL
VISITNUM|Visit Number|FEP
EPOCH|Epoch|CPD|EPOCH
RSDTC|Date/Time of Assessment|DEC
RSDY|Study Day of Assessment|NPD"""),
    _spec("DS", "Disposition", "EVENTS", "One record per disposition status or protocol "
          "milestone per subject", "STUDYID USUBJID DSSTDTC DSDECOD",
          """DSSEQ|Sequence Number|NRD
DSTERM|Reported Term for the Disposition Event|CRC
DSDECOD|Standardized Disposition Term|CRA
DSCAT|Category for Disposition Event|CEA|DSCAT
EPOCH|Epoch|CPD|EPOCH
DSSTDTC|Start Date/Time of Disposition Event|DEC
DSSTDY|Study Day of Start of Disposition Event|NED"""),
    _spec("DV", "Protocol Deviations", "EVENTS", "One record per protocol deviation per "
          "subject", "STUDYID USUBJID DVSTDTC DVTERM", """DVSEQ|Sequence Number|NRD
DVTERM|Protocol Deviation Term|CRC
DVDECOD|Protocol Deviation Coded Term|CPA
DVCAT|Category for Protocol Deviation|CPA
EPOCH|Epoch|CPD|EPOCH
DVSTDTC|Start Date/Time of Deviation|DPC
DVSTDY|Study Day of Start of Deviation Event|NPD"""),
)}

SUPPAE = DatasetSpec(
    "SUPPAE", "Supplemental Qualifiers for AE", "RELATIONSHIP",
    "One record per supplemental qualifier per related parent domain record",
    ("STUDYID", "USUBJID", "IDVAR", "IDVARVAL", "QNAM"), _vars("""STUDYID|Study Identifier|CRA
RDOMAIN|Related Domain Abbreviation|CRA
USUBJID|Unique Subject Identifier|CRD
IDVAR|Identifying Variable|CRA
IDVARVAL|Identifying Variable Value|CRD
QNAM|Qualifier Variable Name|CRA
QLABEL|Qualifier Variable Label|CRA
QVAL|Data Value|CRD
QORIG|Origin|CRA
QEVAL|Evaluator|CEA"""))
SPECS[SUPPAE.name] = SUPPAE
SPECS.update(CLINICAL)  # VS, EG, LB, CM, MH (app.rules.sdtm_clinical)
# the supplemental qualifiers an AE may carry (QNAM: QLABEL)
AE_QUALIFIERS = {"AETRTEM": "Treatment Emergent Flag", "AEDLT": "Dose-Limiting Toxicity"}

Value = str | int | float | None
Row = dict[str, Value]


@dataclass(frozen=True)
class Dataset:
    """One study's rows of one domain, each row its variables by name, in key order with
    --SEQ numbered per subject (see `dataset`)."""

    spec: DatasetSpec
    study: str
    rows: tuple[Row, ...]

    @property
    def name(self) -> str:
        return self.spec.name

    def table(self) -> tuple[list[str], list[list[Value]]]:
        names = list(self.spec.names)
        return names, [[row.get(n) for n in names] for row in self.rows]


def sort_key(value: Value) -> tuple[int, float, str]:
    if value is None or value == "":
        return (1, 0.0, "")  # nulls last
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (0, 0.0, value)


def dataset(spec: DatasetSpec, study: str, rows: list[Row]) -> Dataset:
    """The rows sorted by the dataset's keys (--SEQ aside), each filled out to every variable
    (absent: null), DOMAIN set, and --SEQ numbered 1, 2, ... within each subject."""
    seq = f"{spec.name}SEQ" if f"{spec.name}SEQ" in spec.names else None
    keys = [k for k in spec.keys if k != seq]
    ordered = sorted(rows, key=lambda r: [sort_key(r.get(k)) for k in keys])
    out: list[Row] = []
    counts: dict[Value, int] = {}
    for row in ordered:
        full: Row = {n: row.get(n) for n in spec.names}
        if "DOMAIN" in full:
            full["DOMAIN"] = spec.name
        if seq is not None:
            counts[full["USUBJID"]] = counts.get(full["USUBJID"], 0) + 1
            full[seq] = counts[full["USUBJID"]]
        out.append(full)
    return Dataset(spec, study, tuple(out))


DOMAINS = ("DM", "SV", "AE", "SUPPAE", "CM", "MH", "EX", "VS", "EG", "LB", "PC", "TU", "TR",
           "RS", "DS", "DV")

__all__ = ["AE_QUALIFIERS", "DOMAINS", "SPECS", "SUPPAE", "Dataset", "DatasetSpec", "Row",
           "Value", "Variable", "dataset", "sort_key"]
