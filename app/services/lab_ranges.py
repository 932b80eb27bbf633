"""The labs' reference ranges (LLN/ULN per lab, analyte and sex, with validity dates) and
the sites' named column mappings of their lab's export: data, audited, never deleted (a
range that ends gets its `valid_to`)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.rules.lab_entry import RangeRow, check_range, check_range_end
from app.rules.lab_import import Mapping, check_mapping
from app.rules.protocol.labs import Analyte
from app.services import calendar as cal
from app.services.attempts import attempt
from db import Database
from db.labs import LabMapping, LabReferenceRange


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _txt(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def ranges_in(session: Session) -> list[RangeRow]:
    return [RangeRow(r.lab, r.analyte, r.sex, _dec(r.lln), _dec(r.uln), r.unit, r.valid_from,
                     r.valid_to, r.id)
            for r in session.scalars(select(LabReferenceRange).where(
                cal.live(LabReferenceRange)).order_by(
                LabReferenceRange.lab, LabReferenceRange.analyte, LabReferenceRange.valid_from))]


def reference_ranges(db: Database) -> list[RangeRow]:
    with db.reading() as session:
        return ranges_in(session)


def lab_names(db: Database) -> list[str]:
    """The labs that have ranges, for the dialog's choice."""
    return sorted({r.lab for r in reference_ranges(db)}, key=str.casefold)


@attempt("add a lab reference range")
def add_range(db: Database, row: RangeRow, analytes: tuple[Analyte, ...]) -> int:
    """A lab's range of one analyte; `analytes` are the study's (its protocol file's)."""
    checked = check_range(row, analytes)
    with db.unit_of_work() as session:
        kept = LabReferenceRange(lab=checked.lab, analyte=checked.analyte, sex=checked.sex,
                                 lln=_txt(checked.lln), uln=_txt(checked.uln),
                                 unit=checked.unit, valid_from=checked.valid_from,
                                 valid_to=checked.valid_to)
        session.add(kept)
        session.flush()
        return kept.id


@attempt("end a lab reference range")
def end_range(db: Database, range_id: int, last_day: date, reason: str) -> None:
    """A range that stops applying (the lab changed its method): its last day, why."""
    with db.unit_of_work(reason=reason) as session:
        row = session.get(LabReferenceRange, range_id)
        if row is None or row.deleted_at is not None:
            raise NotFound("range", "no reference range {range_id}", range_id=range_id)
        check_range_end(row.valid_from, last_day)
        row.valid_to = last_day


def mapping_named(db: Database, name: str) -> Mapping:
    with db.reading() as session:
        row = session.scalar(select(LabMapping).where(
            LabMapping.name == name.strip(), cal.live(LabMapping)))
        if row is None:
            raise NotFound("mapping", "No column mapping named {name}", name=name)
        return Mapping.from_json(row.name, row.columns)


def mapping_names(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(LabMapping.name).where(
            cal.live(LabMapping)).order_by(LabMapping.name)))


@attempt("save a lab column mapping")
def save_mapping(db: Database, mapping: Mapping, reason: str | None = None) -> None:
    """A site's mapping, new or changed (a change needs its reason)."""
    checked = check_mapping(mapping)
    text = json.dumps(checked.as_json(), sort_keys=True)
    with db.unit_of_work(reason=reason) as session:
        row = session.scalar(select(LabMapping).where(LabMapping.name == checked.name))
        if row is None:
            session.add(LabMapping(name=checked.name, columns=text))
        else:
            row.columns = text
