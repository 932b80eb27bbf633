"""Text lengths checked before the database sees them, by the same rule on every backend.

SQLite stores any length in a VARCHAR(n); PostgreSQL refuses it with a raw DataError. Both
now get one message naming the field and its limit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from db.errors import ValueTooLong

#: how fields are called on screen, where the column name would not do
LABELS = {
    "subject_id": "Subject ID", "meddra_code": "MedDRA code", "sae_criteria": "SAE criteria",
    "soc": "System organ class", "term": "CTCAE term", "visit_code": "Visit",
    "code": "Visit", "lesion_id": "Lesion", "dose_level": "Dose level",
}


def label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _check(obj: object) -> None:
    mapper = inspect(obj).mapper
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if not isinstance(column.type, String) or not column.type.length:
            continue
        value = getattr(obj, attr.key, None)
        if isinstance(value, str) and len(value) > column.type.length:
            raise ValueTooLong(
                "{name} is too long: at most {limit} characters ({given} given)",
                field=attr.key, name=label(attr.key), limit=column.type.length,
                given=len(value))


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        _check(obj)


def install(session_class: Any) -> None:
    event.listen(session_class, "before_flush", _before_flush)
