"""A lab's results arriving in a file (issue 36): its export as CSV or XLSX read through
the site's column mapping, or an HL7 FHIR R4 Bundle of Observations. Each row is checked
as a typed result would be (app/rules/lab_entry) and lands held for review: it counts for
nothing until the nurse or the investigator accepts it (app/services/labs.review_result).
Each bad row is refused, naming the row; the other rows land. The same file twice is
refused whole, and a result the patient already has (from another file, or typed) is
refused as a duplicate. A dry run says all that and keeps nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.delegation import Task
from app.rules.lab_entry import check_not_twice, check_result, one_patient
from app.rules.lab_import import (
    DEFAULT,
    Mapping,
    RowProblem,
    SourceRow,
    check_lab_file,
    rows_of_table,
)
from app.rules.lab_review import PENDING
from app.services import calendar as cal
from app.services.delegation_gate import gate
from app.services.errors import refuse_the_database
from app.services.lab_ranges import mapping_named, ranges_in
from app.services.labs import analytes_of, instant, kept_keys, new_result, patient_facts
from app.services.patient_import import read_table
from app.wording.words import count
from db import Database
from db.labs import LabImport
from db.models import Patient


@dataclass
class LabImportReport:
    file: str
    kind: str
    landed: list[tuple[int, str, str]] = field(default_factory=list)  # row, subject, analyte
    problems: list[RowProblem] = field(default_factory=list)
    saved: bool = False  # kept (not a dry run)

    def summary(self) -> str:
        verb = "held for review" if self.saved else "would be held for review"
        text = f"{count(len(self.landed), 'result')} {verb}"
        if self.problems:
            text += f"; {count(len(self.problems), 'row')} refused"
        return text


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".csv": "csv", ".xlsx": "xlsx", ".json": "fhir"}.get(suffix, "")


def _read(path: Path, kind: str, mapping: Mapping
          ) -> tuple[list[SourceRow], list[RowProblem]]:
    if kind == "fhir":
        from app.exchange.fhir_labs import read_bundle

        return read_bundle(path, mapping.lab)
    return rows_of_table(read_table(path), mapping)


def import_labs(db: Database, path: Path | str, today: date, now: datetime,
                mapping: str | None = None, dry_run: bool = False) -> LabImportReport:
    """Read the file and keep its good rows for review (see the module)."""
    check_lab_file(str(path), Path(path).is_file(), kind_of(Path(path)))
    path = Path(path)
    refuse_the_database(path)
    kind = kind_of(path)
    report = LabImportReport(path.name, kind)
    chosen = mapping_named(db, mapping) if mapping else DEFAULT
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with db.reading() as session:
        before = session.scalar(select(LabImport).where(LabImport.sha256 == digest))
        if before is not None:
            report.problems.append(RowProblem(1, "", "this file was imported already, on "
                                              f"{fmt_date(before.imported_at.date())} "
                                              f"(as {before.file_name}): nothing imported"))
            return report
    rows, report.problems = _read(path, kind, chosen)
    if not rows:
        return report
    scope = db.reading(purpose="enter") if dry_run else \
        db.unit_of_work(reason=f"imported from {path.name}")
    with scope as session:
        record = LabImport(file_name=path.name[:255], sha256=digest, kind=kind,
                           mapping=chosen.name or None, rows=len(rows),
                           imported_at=instant(now))
        if not dry_run:
            session.add(record)
            session.flush()
        seen: dict[int, set[tuple[str, date, str, Decimal]]] = {}
        for row in rows:
            _land(session, db.actor, row, record.id, kind, today, seen, report, dry_run)
        report.saved = not dry_run and bool(report.landed)
    report.problems.sort(key=lambda p: p.number)
    return report


def _patient(session: Session, subject: str) -> int:
    return one_patient(subject, list(session.scalars(select(Patient.id).where(
        func.upper(Patient.subject_id) == subject, cal.live(Patient)))))


def _land(session: Session, actor: str, row: SourceRow, import_id: int | None, kind: str,
          today: date, seen: dict[int, set[tuple[str, date, str, Decimal]]],
          report: LabImportReport, dry_run: bool) -> None:
    try:
        patient_id = _patient(session, row.subject)
        patient, facts = patient_facts(session, patient_id)
        # data entry is a delegated task: each row on its patient's study
        gate(session, actor, Task.DATA_ENTRY, today, patient.study_id)
        analytes = analytes_of(session, patient_id)
        ranges = ranges_in(session)
        checked = check_result(row.entry, list(analytes.values()), ranges, facts, today)
        if patient_id not in seen:
            seen[patient_id] = kept_keys(session, patient_id, analytes, ranges, facts, today)
        check_not_twice(checked, seen[patient_id])
    except InvalidEntry as exc:
        report.problems.append(RowProblem(row.number, exc.field, exc.message))
        return
    seen[patient_id].add(checked.key())
    if not dry_run:
        session.add(new_result(checked, patient_id, PENDING, kind, import_id, row.number))
    report.landed.append((row.number, row.subject, checked.analyte.code))
