"""One patient's rows, or many patients' rows read at once for the reads that follow.

A day's worksheets read the same tables for each of the day's thirty patients (their
visits, samples, vital signs, con-meds, labs...). A read-only session told which patients
it reads (`reading_patients`) answers each per-patient read from one query for all of
them, made at the first asking and kept in the session; each patient's rows come in the
order the per-patient query gives them, filtered as it filters (one statement builds both:
`build(ids)`). A session writing, or a patient not named, reads as before.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Executable
from sqlalchemy.orm import Session

PATIENTS = "patients_read_together"
ROWS = "patients_rows"
T = TypeVar("T")


@contextmanager
def reading_patients(session: Session, patient_ids: Collection[int]) -> Iterator[None]:
    """Within: the session reads these patients' rows together (a read-only one). What was
    read is dropped after (a session shared with a batch may write next)."""
    before = session.info.get(PATIENTS), session.info.get(ROWS)
    session.info[PATIENTS], session.info[ROWS] = frozenset(patient_ids), {}
    try:
        yield
    finally:
        for key, value in zip((PATIENTS, ROWS), before, strict=True):
            if value is None:
                session.info.pop(key, None)
            else:
                session.info[key] = value


def _together(session: Session, patient_id: int) -> frozenset[int] | None:
    ids: frozenset[int] | None = session.info.get(PATIENTS)
    if ids is None or patient_id not in ids or session.info.get("writing"):
        return None
    return ids


def reading_together(session: Session, patient_id: int) -> bool:
    """Whether this patient's rows are read with the other patients' of a read-only session."""
    return _together(session, patient_id) is not None


def _patient_id(row: Any) -> int:
    return int(row.patient_id)


def patient_rows(session: Session, key: str, patient_id: int,
                 build: Callable[[list[int]], Executable],
                 of: Callable[[Any], int] = _patient_id, scalars: bool = True) -> list[Any]:
    """The rows `build([patient_id])` selects (ORM objects, or rows with `scalars` False);
    read for every patient the session reads together at once (`key` names the query:
    one statement per key), `of` telling whose each row is."""
    def read(ids: list[int]) -> list[Any]:
        stmt = build(ids)
        return list(session.scalars(stmt) if scalars else session.execute(stmt))

    def each(ids: list[int]) -> dict[int, list[Any]]:
        grouped: dict[int, list[Any]] = {}
        for row in read(ids):
            grouped.setdefault(of(row), []).append(row)
        return grouped

    return list(together(session, key, patient_id, each, lambda: read([patient_id]), []))


def rows_read(session: Session, key: str) -> list[Any]:
    """Every row read so far for `key` of the patients the session reads together."""
    kept: dict[str, dict[int, list[Any]]] = session.info.get(ROWS) or {}
    return [row for rows in kept.get(key, {}).values() for row in rows]


def together(session: Session, key: str, patient_id: int,
             each: Callable[[list[int]], dict[int, T]], one: Callable[[], T],
             empty: T) -> T:
    """What `one()` works out for the patient, from `each(ids)` worked out once for every
    patient the session reads together (`empty`: a patient it has nothing for)."""
    ids = _together(session, patient_id)
    if ids is None:
        return one()
    kept: dict[str, dict[int, Any]] = session.info[ROWS]
    if key not in kept:
        kept[key] = each(sorted(ids))
    found: T = kept[key].get(patient_id, empty)
    return found


def once_in(session: Session, key: str, read: Callable[[], T]) -> T:
    """What `read()` gives, read once in a session reading patients together (a setting, the
    reference ranges: the same for each of them)."""
    if session.info.get(PATIENTS) is None or session.info.get("writing"):
        return read()
    kept: dict[str, Any] = session.info[ROWS]
    if key not in kept:
        kept[key] = read()
    found: T = kept[key]
    return found


__all__ = ["once_in", "patient_rows", "reading_patients", "rows_read", "together"]
