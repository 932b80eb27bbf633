"""The key SDTMIG 3.4 conformance checks, run on every SDTM export before a file is written
(CDISC's own engine, CORE, is too heavy to ship in a site's installer). Pure.

Checked: dataset and variable names of at most 8 characters (letters, digits, starting with
a letter), labels of at most 40; every variable of the dataset's definition present, and
every Req one non-null in every row; values of a variable with a code list within the named
CT version (app.rules.sdtm_terms); --DTC in ISO 8601 (partial dates allowed); --DY equal to
the study day from DM.RFSTDTC, never 0; --SEQ unique per subject; text of at most 200
characters (SAS XPORT v5); numbers where the variable is numeric; every subject of a
domain in DM; VISIT to VISITNUM one to one in the study; AESER=Y with at least one
seriousness criterion; a subject with no arm (ARMCD null) has ARMNRS. Findings (VS, EG, LB):
a numeric result in original units has its unit, --STRESN is the number --STRESC writes,
LBNRIND agrees with LBSTRESN against LBSTNRLO/LBSTNRHI, one --LOBXFL per subject and test;
--TOXGR is 0 to 5 and --TOX has one; CM and MH: an end not before the start, --ENRTPT with
its --ENTPT, and ONGOING never with an end date.
Not checked: what needs the sponsor's data or dictionaries (MedDRA versions, the trial
design domains TA/TE/TV/TS, cross-checks against EX doses), and the rest of CORE's rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.errors import InvalidEntry
from app.rules.sdtm_spec import Dataset, Row
from app.rules.sdtm_terms import CODELISTS, ISO_DATE, SERIOUSNESS, study_day_of

NAME = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")
MAX_TEXT, MAX_LABEL = 200, 40
TOXGR = ("0", "1", "2", "3", "4", "5")


@dataclass(frozen=True, slots=True)
class Problem:
    dataset: str
    row: int  # 1-based; 0: the dataset as a whole
    variable: str
    text: str

    def __str__(self) -> str:
        where = f"{self.dataset} row {self.row}" if self.row else self.dataset
        return f"{where}, {self.variable}: {self.text}"


def _metadata(d: Dataset) -> Iterator[Problem]:
    if not NAME.match(d.name):
        yield Problem(d.name, 0, "", "the dataset's name is not 1 to 8 letters or digits")
    if len(d.spec.label) > MAX_LABEL:
        yield Problem(d.name, 0, "", f"the dataset's label is over {MAX_LABEL} characters")
    for v in d.spec.variables:
        if not NAME.match(v.name):
            yield Problem(d.name, 0, v.name, "the name is not 1 to 8 letters or digits")
        if len(v.label) > MAX_LABEL:
            yield Problem(d.name, 0, v.name, f"the label is over {MAX_LABEL} characters")
    for i, row in enumerate(d.rows, start=1):
        missing = [n for n in d.spec.names if n not in row]
        if missing:
            yield Problem(d.name, i, missing[0], "the variable is missing")


def _value(d: Dataset, i: int, row: Row) -> Iterator[Problem]:
    for v in d.spec.variables:
        value = row.get(v.name)
        if value is None or value == "":
            if v.core == "Req":
                yield Problem(d.name, i, v.name, "required, but empty")
            continue
        if v.numeric != isinstance(value, int | float):
            yield Problem(d.name, i, v.name, f"'{value}' is not of type {v.type}")
            continue
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                yield Problem(d.name, i, v.name, f"over {MAX_TEXT} characters")
            if v.name.endswith("DTC") and not ISO_DATE.match(value):
                yield Problem(d.name, i, v.name, f"'{value}' is not an ISO 8601 date")
        codelist = CODELISTS.get(v.codelist or "")
        if codelist is not None and str(value) not in codelist.terms:
            yield Problem(d.name, i, v.name, f"'{value}' is not in code list {codelist.name} "
                                             f"({codelist.nci or 'sponsor'})")


def _study_days(d: Dataset, i: int, row: Row, rfstdtc: dict[str, str | None]
                ) -> Iterator[Problem]:
    for name in d.spec.names:
        if not name.endswith("DY") or len(name) < 4:
            continue
        dtc = row.get(f"{name[:-2]}DTC")
        if not isinstance(dtc, str) and dtc is not None:
            continue
        expected = study_day_of(dtc, rfstdtc.get(str(row.get("USUBJID"))))
        if row.get(name) == 0:
            yield Problem(d.name, i, name, "there is no study day 0")
        elif row.get(name) != expected:
            yield Problem(d.name, i, name, f"{row.get(name)} is not the study day of "
                                           f"{dtc} from RFSTDTC ({expected})")


def _sequences(d: Dataset) -> Iterator[Problem]:
    seq = f"{d.name}SEQ"
    if seq not in d.spec.names:
        return
    seen: set[tuple[object, object]] = set()
    for i, row in enumerate(d.rows, start=1):
        key = (row.get("USUBJID"), row.get(seq))
        if key in seen:
            yield Problem(d.name, i, seq, f"{row.get(seq)} is used twice for {key[0]}")
        seen.add(key)


def _domain_rules(d: Dataset, i: int, row: Row) -> Iterator[Problem]:
    if d.name == "AE" and row.get("AESER") == "Y" \
            and not any(row.get(var) == "Y" for var in SERIOUSNESS.values()):
        yield Problem(d.name, i, "AESER", "serious, but no seriousness criterion is Y")
    if d.name == "DS" and row.get("DSDECOD"):
        terms = CODELISTS["PROTMLST" if row.get("DSCAT") == "PROTOCOL MILESTONE"
                          else "NCOMPLT"]
        if row["DSDECOD"] not in terms.terms:
            yield Problem(d.name, i, "DSDECOD", f"'{row['DSDECOD']}' is not in code list "
                                                f"{terms.name} ({terms.nci})")
    if d.name == "DM" and not row.get("ARMCD") and not row.get("ARMNRS"):
        yield Problem(d.name, i, "ARMNRS", "ARMCD is null, so ARMNRS must say why")


def _results(d: Dataset, i: int, row: Row) -> Iterator[Problem]:
    """A findings row's result: a number in original units has its unit; --STRESN is the
    number --STRESC writes; LBNRIND agrees with the standard range; a grade is 0 to 5."""
    p = d.name
    result = row.get(f"{p}ORRES")
    if f"{p}ORRESU" in d.spec.names and isinstance(result, str) and _is_number(result) \
            and not row.get(f"{p}ORRESU"):
        yield Problem(p, i, f"{p}ORRESU", f"the result {result} has no unit")
    numeric, text = row.get(f"{p}STRESN"), row.get(f"{p}STRESC")
    if isinstance(numeric, int | float) and not (
            isinstance(text, str) and _is_number(text) and float(text) == numeric):
        yield Problem(p, i, f"{p}STRESN", f"{numeric} is not the number {p}STRESC "
                                          f"writes ({text})")
    grade = row.get(f"{p}TOXGR")
    if grade is not None and grade not in TOXGR:
        yield Problem(p, i, f"{p}TOXGR", f"'{grade}' is not a CTCAE grade (0 to 5)")
    if row.get(f"{p}TOX") and grade is None:
        yield Problem(p, i, f"{p}TOXGR", f"{p}TOX names a toxicity with no grade")
    if p == "LB" and isinstance(numeric, int | float):
        expected = _indicator(numeric, row.get("LBSTNRLO"), row.get("LBSTNRHI"))
        if row.get("LBNRIND") != expected:
            yield Problem(p, i, "LBNRIND", f"{row.get('LBNRIND')} does not say where "
                                           f"{numeric} falls in its range ({expected})")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _indicator(value: float, low: object, high: object) -> str | None:
    if not isinstance(low, int | float) and not isinstance(high, int | float):
        return None
    if isinstance(low, int | float) and value < low:
        return "LOW"
    if isinstance(high, int | float) and value > high:
        return "HIGH"
    return "NORMAL"


def _span(d: Dataset, i: int, row: Row) -> Iterator[Problem]:
    """An event's or medication's end: not before its start, and either an end date or
    ONGOING (with its reference time point), never both."""
    p = d.name
    start, end = row.get(f"{p}STDTC"), row.get(f"{p}ENDTC")
    if isinstance(start, str) and isinstance(end, str):
        n = min(len(start), len(end), 10)
        if end[:n] < start[:n]:
            yield Problem(p, i, f"{p}ENDTC", f"{end} is before the start {start}")
    relative = row.get(f"{p}ENRTPT")
    if relative is None:
        return
    if not row.get(f"{p}ENTPT"):
        yield Problem(p, i, f"{p}ENTPT", f"{p}ENRTPT is {relative}, but relative to nothing")
    if relative == "ONGOING" and end:
        yield Problem(p, i, f"{p}ENRTPT", f"ONGOING, yet it ended on {end}")


def _baseline_flags(d: Dataset) -> Iterator[Problem]:
    """--LOBXFL: one last observation before exposure per subject and test (per lesion in
    TU and TR, not checked here)."""
    flag, test = f"{d.name}LOBXFL", f"{d.name}TESTCD"
    if d.name not in ("VS", "EG", "LB"):
        return
    seen: set[tuple[object, object]] = set()
    for i, row in enumerate(d.rows, start=1):
        if row.get(flag) != "Y":
            continue
        key = (row.get("USUBJID"), row.get(test))
        if key in seen:
            yield Problem(d.name, i, flag, f"a second last observation before exposure of "
                                           f"{key[1]} for {key[0]}")
        seen.add(key)


def _visits(datasets: Sequence[Dataset]) -> Iterator[Problem]:
    number: dict[object, object] = {}
    name: dict[object, object] = {}
    for d in datasets:
        if "VISIT" not in d.spec.names:
            continue
        for i, row in enumerate(d.rows, start=1):
            visit, num = row.get("VISIT"), row.get("VISITNUM")
            if visit is None or num is None:
                continue
            if number.setdefault(visit, num) != num or name.setdefault(num, visit) != visit:
                yield Problem(d.name, i, "VISITNUM", f"VISIT {visit} and VISITNUM {num} are "
                                                     "not one to one in the study")


def problems(datasets: Sequence[Dataset]) -> list[Problem]:
    """Every problem found in one study's datasets (DM among them)."""
    dm = next((d for d in datasets if d.name == "DM"), None)
    rfstdtc: dict[str, str | None] = {}
    for row in dm.rows if dm else ():
        start = row.get("RFSTDTC")
        rfstdtc[str(row.get("USUBJID"))] = start if isinstance(start, str) else None
    found: list[Problem] = []
    for d in datasets:
        found += _metadata(d)
        found += _sequences(d)
        found += _baseline_flags(d)
        for i, row in enumerate(d.rows, start=1):
            found += _value(d, i, row)
            found += _results(d, i, row)
            found += _span(d, i, row)
            found += _study_days(d, i, row, rfstdtc)
            found += _domain_rules(d, i, row)
            if d.name != "DM" and str(row.get("USUBJID")) not in rfstdtc:
                found.append(Problem(d.name, i, "USUBJID", f"{row.get('USUBJID')} is not "
                                                           "in DM"))
    found += _visits(datasets)
    return found


def refuse_nonconforming(datasets: Sequence[Dataset], shown: int = 5) -> None:
    """InvalidEntry naming dataset, row and variable of the first problems, when any."""
    found = problems(datasets)
    if not found:
        return
    study = datasets[0].study if datasets else ""
    more = len(found) - shown
    raise InvalidEntry(
        "sdtm", "SDTM for {study} does not conform, nothing was written: {problems}{more}",
        study=study, problems="; ".join(str(p) for p in found[:shown]),
        more=f" (and {more} more)" if more > 0 else "")


NO_COUNTRY = ("The site has no country yet: an administrator sets it in Tools > Settings (or "
              "'sitetrack site --country FRA'); SDTM's DM names it (ISO 3166-1 alpha-3)")


def check_site(number: str, country: str) -> None:
    """What DM needs of the site's settings: its number (SITEID) and country (COUNTRY)."""
    from app.rules.site import NO_NUMBER

    if not number.strip():
        raise InvalidEntry("site_number", NO_NUMBER)
    if not country.strip():
        raise InvalidEntry("site_country", NO_COUNTRY)


def check_package_target(name: str, suffix: str, fmt: str, formats: Sequence[str]) -> None:
    """An SDTM package goes into a folder (a folder per study), in a known format."""
    if not name:
        raise InvalidEntry("path", "Choose the folder the SDTM files go in")
    if fmt not in formats:
        raise InvalidEntry("format", "SDTM is written as {formats}, not '{fmt}'",
                           formats=", ".join(formats), fmt=fmt)
    if suffix:
        raise InvalidEntry("path", "{name}: name a folder; SDTM is a folder per study",
                           name=name)


__all__ = ["NO_COUNTRY", "Problem", "check_package_target", "check_site", "problems",
           "refuse_nonconforming"]
