"""Many new rows at once (the demo's fill): written table by table in one statement each,
audited exactly as the flush hook audits them.

The unit of work costs per object and per flush, and a fill of thousands of patients made
that cost minutes. Here the objects are made in memory with their ids given beforehand (a
child names its parent's id), then each table is inserted in one executemany, and their
audit lines (one per field set, as `db.audit` writes for an insert) are chained in one
append: the same trail, `audit verify` and its replay hold on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import String, Table, bindparam, func, inspect, select, text, update
from sqlalchemy.orm import Mapper, Session

from db.audit import SYSTEM_ACTOR, AuditAction, _column_keys, append
from db.base import Base, audit_value, format_value
from db.copying import insert_rows
from db.limits import _check
from db.tables import load_every_table

#: ids reserved from a PostgreSQL sequence at a time
BLOCK = 2000


class Ids:
    """New primary keys, handed out before the rows are written. On PostgreSQL from the
    table's own sequence (a block of nextval at a time, so another writer never collides);
    on SQLite after the highest in use (its writers take turns, BEGIN IMMEDIATE)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.connection().dialect.name == "postgresql"
        self.free: dict[str, list[int]] = {}
        self.last: dict[str, int] = {}

    def next(self, model: type[Any]) -> int:
        table: Table = model.__table__
        if self.postgres:
            free = self.free.setdefault(table.name, [])
            if not free:
                free.extend(reversed(self.session.connection().execute(text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                    "FROM generate_series(1, :n)"), {"t": table.name, "n": BLOCK}
                ).scalars().all()))
            return int(free.pop())
        if table.name not in self.last:
            self.last[table.name] = int(self.session.connection().execute(
                select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
        self.last[table.name] += 1
        return self.last[table.name]


def _defaults(mapper: Mapper[Any]) -> tuple[dict[str, Any], list[tuple[str, Any]], set[str]]:
    """(Python-side scalar defaults by attribute, (attribute, column) pairs, attributes the
    database alone fills)."""
    pairs = [(a.key, a.columns[0]) for a in mapper.column_attrs]
    defaults = {key: col.default.arg for key, col in pairs
                if col.default is not None and col.default.is_scalar}
    server = {key for key, col in pairs if col.default is None and col.server_default is not None}
    return defaults, pairs, server


def _rows(objects: Sequence[Any]) -> tuple[Table, list[dict[str, Any]], list[tuple[Any, ...]]]:
    """One table's rows (column key -> value) and audit lines, Python defaults applied to
    the objects first as a flush would."""
    cls = type(objects[0])
    mapper: Mapper[Any] = inspect(cls)
    defaults, pairs, server = _defaults(mapper)
    audited = getattr(cls, "__audited__", False)
    keys = list(_column_keys(objects[0])) if audited else []
    pk = [mapper.get_property_by_column(c).key for c in mapper.primary_key]
    filled = {key for key in server if all(getattr(o, key) is not None for o in objects)}
    stamped = server - filled
    if audited and stamped & set(keys):
        raise ValueError(f"{cls.__name__}: {sorted(stamped & set(keys))} are audited but "
                         "filled by the database: add them through the session")
    columns = [(key, col.key) for key, col in pairs if key not in stamped]
    lengths = [(key, col.type.length) for key, col in pairs
               if isinstance(col.type, String) and col.type.length]
    rows: list[dict[str, Any]] = []
    lines: list[tuple[Any, ...]] = []
    table_name, insert_ = str(cls.__tablename__), str(AuditAction.INSERT)
    for obj in objects:
        if type(obj) is not cls:
            raise TypeError(f"{type(obj).__name__} among {cls.__name__} rows")
        for key, value in defaults.items():
            if getattr(obj, key) is None:
                setattr(obj, key, value)
        state = obj.__dict__  # a new object's values, read without the attribute machinery
        if any(isinstance(v := state.get(k), str) and len(v) > n for k, n in lengths):
            _check(obj)  # raises, naming the field
        rows.append({column: state.get(key) for key, column in columns})
        if audited:
            record_id = "/".join(format_value(state.get(k)) or "" for k in pk)
            lines.extend((insert_, table_name, record_id, key, None,
                          audit_value(cls, key, value)) for key in keys
                         if (value := state.get(key)) is not None)
    return cast(Table, mapper.local_table), rows, lines


def add_all(session: Session, objects: Iterable[Any]) -> None:
    """Insert new objects (ids given) table by table, parents first, and chain the audit
    lines of the audited ones, in the session's transaction. The objects stay outside the
    session: read them back by query."""
    by_table: dict[str, list[Any]] = {}
    for obj in objects:
        by_table.setdefault(str(type(obj).__tablename__), []).append(obj)
    if not by_table:
        return
    session.flush()  # what the session holds goes first, audited by its hook
    conn = session.connection()
    lines: list[tuple[Any, ...]] = []
    load_every_table()  # the order needs every table a foreign key names
    for table in Base.metadata.sorted_tables:  # parents before children
        group = by_table.pop(table.name, None)
        if group:
            core, rows, audit = _rows(group)
            insert_rows(conn, core, rows)
            lines.extend(audit)
    if by_table:
        raise ValueError(f"not tables of this database: {sorted(by_table)}")
    _chain(session, lines)


def update_all(session: Session, model: type[Any],
               changes: Sequence[tuple[int, dict[str, tuple[Any, Any]]]]) -> None:
    """Change saved rows by id: (id, {attribute: (old, new)}), audited as the flush hook
    audits an update (only the fields whose shown value changes; the row's version rises
    as an ORM save raises it). All changes of one call set the same attributes."""
    changes = [(i, {k: v for k, v in c.items() if format_value(v[0]) != format_value(v[1])})
               for i, c in changes]
    changes = [(i, c) for i, c in changes if c]
    if not changes:
        return
    session.flush()
    table: Table = model.__table__
    mapper: Mapper[Any] = inspect(model)
    column = {a.key: a.columns[0].key for a in mapper.column_attrs}
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row_id, fields in changes:
        params = {"_id": row_id, **{f"_{column[k]}": new for k, (_old, new) in fields.items()}}
        by_keys.setdefault(tuple(sorted(fields)), []).append(params)
    conn = session.connection()
    versioned = "version" in table.c
    for keys, batch in by_keys.items():
        values: dict[str, Any] = {column[k]: bindparam(f"_{column[k]}") for k in keys}
        if versioned:
            values["version"] = table.c.version + 1
        conn.execute(update(table).where(table.c.id == bindparam("_id")).values(values),
                     batch)
    name = str(model.__tablename__)
    _chain(session, [(str(AuditAction.UPDATE), name, str(row_id), k,
                      audit_value(model, k, old), audit_value(model, k, new))
                     for row_id, fields in changes for k, (old, new) in fields.items()])


def _chain(session: Session, lines: list[tuple[Any, ...]]) -> None:
    """The lines onto the trail under the session's actor and reason, its head kept for
    the commit's anchors (as the flush hook keeps it)."""
    if not lines:
        return
    actor = session.info.get("actor") or SYSTEM_ACTOR
    reason = (session.info.get("reason") or "").strip() or None
    session.info["audit_head"] = append(session.connection(), actor, reason, lines)


__all__ = ["Ids", "add_all", "update_all"]
