"""Many rows into one table through PostgreSQL's COPY, in the caller's transaction.

psycopg runs an executemany as one statement a row (pipelined): some 40 microseconds a row
in Python, which made a large fill's hundreds of thousands of audit entries and rows its
slowest part. COPY streams them in one command. Values go through each column's bind
processing first, as an INSERT's do (an aware instant becomes the naive UTC one stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import IntegrityError

#: fewer rows than this are inserted as usual (a COPY's set-up costs a round trip or two)
COPY_FROM = 200


def copy_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> bool:
    """`rows` (column key -> value, the same keys in each) into `table` by COPY: True when
    done, False where COPY does not apply (another database, or a few rows: the caller
    inserts them). A duplicate key is raised as SQLAlchemy's IntegrityError, as an INSERT's
    would be."""
    if conn.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        return False
    import psycopg

    keys = list(rows[0])
    columns = [table.c[k] for k in keys]
    processors = [c.type.bind_processor(conn.dialect) for c in columns]
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in columns)
    raw: Any = conn.connection.driver_connection
    command = f"COPY {quote(table.name)} ({names}) FROM STDIN"
    try:
        with raw.cursor() as cursor, cursor.copy(command) as copy:
            for row in rows:
                values = [row[k] for k in keys]
                for i, process in enumerate(processors):
                    if process is not None and values[i] is not None:
                        values[i] = process(values[i])
                copy.write_row(values)
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(command, None, exc) from exc
    return True


__all__ = ["COPY_FROM", "copy_rows"]
