"""Many rows into one table at the driver's speed, in the caller's transaction.

psycopg runs an executemany as one statement a row (pipelined): some 40 microseconds a row
in Python, which made a large fill's hundreds of thousands of audit entries and rows its
slowest part; PostgreSQL's COPY streams them in one command. On SQLite the rows go to the
driver's executemany as tuples, without SQLAlchemy's per-row parameter handling. Either
way each value goes through its column's bind processing first, as an INSERT's does (an
aware instant becomes the naive UTC one stored, a date SQLite's text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import IntegrityError

#: fewer rows than this are inserted as usual (a COPY's set-up costs a round trip or two)
COPY_FROM = 200


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """`rows` (column key -> value, the same keys in each) into `table`: many by COPY on
    PostgreSQL or by the driver's executemany on SQLite, a few as an INSERT."""
    if not rows:
        return
    if copy_rows(conn, table, rows):
        return
    if conn.dialect.name != "sqlite" or len(rows) < COPY_FROM:
        conn.execute(insert(table), rows)
        return
    keys, columns, processors = _columns(conn, table, rows)
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})",
                         [_values(row, keys, processors) for row in rows])


def _columns(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
             ) -> tuple[list[str], list[Any], list[Any]]:
    keys = list(rows[0])
    columns = [table.c[k] for k in keys]
    dialect = conn.dialect  # each type as this database stores it (SQLite: text dates)
    return keys, columns, [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]


def _values(row: dict[str, Any], keys: list[str], processors: list[Any]) -> tuple[Any, ...]:
    values = [row[k] for k in keys]
    for i, process in enumerate(processors):
        if process is not None and values[i] is not None:
            values[i] = process(values[i])
    return tuple(values)


def copy_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> bool:
    """`rows` (column key -> value, the same keys in each) into `table` by COPY: True when
    done, False where COPY does not apply (another database, or a few rows: the caller
    inserts them). A duplicate key is raised as SQLAlchemy's IntegrityError, as an INSERT's
    would be."""
    if conn.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        return False
    import psycopg

    keys, columns, processors = _columns(conn, table, rows)
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in columns)
    raw: Any = conn.connection.driver_connection
    command = f"COPY {quote(table.name)} ({names}) FROM STDIN"
    try:
        with raw.cursor() as cursor, cursor.copy(command) as copy:
            for row in rows:
                copy.write_row(_values(row, keys, processors))
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(command, None, exc) from exc
    return True


__all__ = ["COPY_FROM", "copy_rows", "insert_rows"]
