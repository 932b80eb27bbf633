"""Patients arriving in a spreadsheet: enrolled with their past visits, all or nothing.

The file (CSV or XLSX, its first row the column names) has one patient per row: "Subject
ID", "Initials", "Year of birth", "Sex", "Part", "Dose level", "Cohort", "Consent date",
"Screening date", "Planned first dose" and, optionally, "Study" (a study's code). Any other
column is named after a visit code of the study's protocol (LI, C1D1, ...) and holds the
date that visit was done; "C2D1 why" gives the reason a visit was done outside its window.
Dates are DD-MMM-YYYY or ISO 8601 (or a spreadsheet's own dates).

The import runs whole inside one transaction (Database.batch): every row is enrolled and its
visits recorded through the same services as typing them would, every problem is collected
(row and column named), and the transaction is committed only when there is none and this is
not a dry run. The report says what was (or would be) created, and every row refused.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import InvalidEntry
from app.rules.dates import fmt_date, parse_user_date
from app.rules.protocol import Protocol
from app.services.errors import refuse_the_database
from app.services.patients import EnrolmentForm, enrol, find_patient
from app.services.studies import study_named, study_protocol
from app.services.visits import VisitEntry, record_visit
from app.wording.words import count
from db import Database

FIELDS = {"subject id": "subject_id", "initials": "initials",
          "year of birth": "year_of_birth", "sex": "sex", "part": "part",
          "dose level": "dose_level", "cohort": "cohort", "consent date": "consent_date",
          "screening date": "screening_date", "planned first dose": "planned_first_dose",
          "study": "study"}
DATES = ("consent_date", "screening_date", "planned_first_dose")
REQUIRED = ("subject_id", "initials", "part", "consent_date")


@dataclass(frozen=True)
class Problem:
    row: int  # the file's row number (the names are row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)  # "101-001 (IMP7068-101): 3 visits"
    visits: int = 0
    problems: list[Problem] = field(default_factory=list)
    imported: bool = False  # saved (not a dry run, no problem)

    def summary(self) -> str:
        if self.problems:
            return (f"nothing imported: {count(len(self.problems), 'problem')} in "
                    f"{count(len({p.row for p in self.problems}), 'row')}")
        verb = "imported" if self.imported else "would import"
        return f"{verb} {count(len(self.created), 'patient')} and {count(self.visits, 'visit')}"


def read_table(path: Path) -> list[list[Any]]:
    """The file's rows (the first holds the column names)."""
    ending = path.suffix.lower()
    if ending == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [row for row in csv.reader(fh)]
    if ending == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not one
            raise InvalidEntry("path", "{name} is not a readable workbook ({exc})",
                                       name=path.name, exc=exc) \
                from None
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    raise InvalidEntry("path", "{name}: import a .csv or .xlsx file",
                               name=path.name)


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_user_date(str(value))  # DD-MMM-YYYY or ISO, else a ValueError saying why


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _columns(header: list[Any], protocol: Protocol, problems: list[Problem]
             ) -> dict[int, tuple[str, str]]:
    """Column index -> ("field", name) or ("visit", code) or ("why", code)."""
    known: dict[int, tuple[str, str]] = {}
    for i, raw in enumerate(header):
        name = _text(raw)
        if not name:
            continue
        key = name.lower()
        if key in FIELDS:
            known[i] = ("field", FIELDS[key])
        elif key.endswith(" why") and protocol.definition_of(name[:-4].strip().upper()):
            known[i] = ("why", name[:-4].strip().upper())
        elif protocol.definition_of(name.upper()) is not None:
            known[i] = ("visit", name.upper())
        else:
            problems.append(Problem(1, name, "not a column Site Tracker knows (a patient's "
                                    "field, or a visit code of the protocol)"))
    named = {what for kind, what in known.values() if kind == "field"}
    for need in REQUIRED:
        if need not in named:
            label = next(k for k, v in FIELDS.items() if v == need)
            problems.append(Problem(1, label.capitalize(), "this column is missing"))
    return known


class _GiveUp(Exception):
    """Leaves the batch: nothing of the import is saved."""


def import_patients(db: Database, protocol: Protocol, path: Path | str, today: date,
                    dry_run: bool = False) -> ImportReport:
    """Enrol every patient of the file with their past visits, or none (see the module)."""
    path = Path(path)
    refuse_the_database(path)
    table = read_table(path)
    report = ImportReport()
    if not table:
        report.problems.append(Problem(1, "", "the file is empty"))
        return report
    known = _columns(table[0], protocol, report.problems)
    if report.problems:
        return report
    seen: dict[str, int] = {}
    try:
        with db.batch(reason=f"imported from {path.name}"):
            for number, raw in enumerate(table[1:], start=2):
                if not any(_text(v) for v in raw):
                    continue  # a blank row
                _import_row(db, protocol, today, number, raw, known, seen, report)
            if report.problems or dry_run:
                raise _GiveUp
    except _GiveUp:
        return report
    report.imported = True
    return report


@dataclass
class _Row:
    values: dict[str, Any] = field(default_factory=dict)
    visits: dict[str, date] = field(default_factory=dict)
    whys: dict[str, str] = field(default_factory=dict)


def _cells(number: int, raw: list[Any], known: dict[int, tuple[str, str]],
           problems: list[Problem]) -> _Row:
    """The row's cells read by their columns; each unreadable one a problem."""
    row = _Row()
    for i, (kind, what) in known.items():
        cell = raw[i] if i < len(raw) else None
        try:
            if kind == "field":
                row.values[what] = _date(cell) if what in DATES else _text(cell)
            elif kind == "visit" and _text(cell):
                day = _date(cell)
                if day is not None:
                    row.visits[what] = day
            elif kind == "why":
                row.whys[what] = _text(cell)
        except ValueError as exc:
            problems.append(Problem(number, what, str(exc)))
    return row


def _form(number: int, values: dict[str, Any], problems: list[Problem]
          ) -> EnrolmentForm | None:
    numbers: dict[str, int | None] = {}
    for name, label in (("year_of_birth", "Year of birth"), ("part", "Part")):
        text = str(values.get(name) or "").strip()
        if text.endswith(".0"):  # a spreadsheet's number
            text = text[:-2]
        if text and not text.isdigit():
            problems.append(Problem(number, label, f"'{text}' is not a whole number"))
            return None
        numbers[name] = int(text) if text else None
    return EnrolmentForm(
        subject_id=str(values.get("subject_id") or "").upper(),
        initials=values.get("initials", ""), year_of_birth=numbers["year_of_birth"],
        sex=values.get("sex") or None, part=numbers["part"],
        dose_level=values.get("dose_level") or None, cohort=values.get("cohort") or None,
        consent_date=values.get("consent_date"), screening_date=values.get("screening_date"),
        planned_first_dose=values.get("planned_first_dose"))


def _import_row(db: Database, protocol: Protocol, today: date, number: int, raw: list[Any],
                known: dict[int, tuple[str, str]], seen: dict[str, int],
                report: ImportReport) -> None:
    problems = report.problems
    before = len(problems)
    row = _cells(number, raw, known, problems)
    subject = str(row.values.get("subject_id") or "").upper()
    if subject in seen:
        problems.append(Problem(number, "Subject ID", f"{subject} is also on row "
                                f"{seen[subject]}: one row per patient"))
    seen.setdefault(subject, number)
    study = protocol
    if row.values.get("study"):
        try:
            study = study_protocol(db, study_named(db, row.values["study"]))
        except InvalidEntry as exc:
            problems.append(Problem(number, "Study", exc.message))
    form = _form(number, row.values, problems)
    screening = next((v.code for v in study.visits if v.kind == "screening"), None)
    done_on = row.visits.get(screening or "")
    if form is not None and form.screening_date and done_on and done_on != form.screening_date:
        problems.append(Problem(number, "Screening date", f"{fmt_date(form.screening_date)} "
                                f"differs from {screening} done on {fmt_date(done_on)}: the "
                                "screening date is the screening visit's, give one date"))
    if form is None or len(problems) > before:
        return
    if find_patient(db, subject, study.code) is not None:
        problems.append(Problem(number, "Subject ID", f"{subject} is already enrolled in "
                                f"{study.code}"))
        return
    try:
        pid = enrol(db, study, form, today)
    except InvalidEntry as exc:
        problems.append(Problem(number, _label(exc.field), exc.message))
        return
    done = 0
    for code, day in sorted(row.visits.items(), key=lambda v: (v[1], v[0])):
        try:
            record_visit(db, study, pid, code, VisitEntry(
                outcome="done", actual_date=day, booking_reason=row.whys.get(code) or None),
                today)
            done += 1
        except InvalidEntry as exc:
            problems.append(Problem(number, code, exc.message))
    report.created.append(f"{subject} ({study.code}): {count(done, 'visit')}")
    report.visits += done


def _label(field_name: str) -> str:
    """A service's field name as the file's column."""
    return next((k.capitalize() for k, v in FIELDS.items() if v == field_name), field_name)
