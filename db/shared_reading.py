"""Many reads as one read-only transaction: a screen's first filling calls a service per
part of it (the patient page about ten), each a BEGIN and a ROLLBACK more on a server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from db.engine import Database


@contextmanager
def one_reading(db: Database) -> Iterator[None]:
    """Every `db.reading()` (and `db.rows`) inside, on this thread, reads in one read-only
    transaction, one session. Only for a block that reads: a save inside is its own
    transaction, which the reads after it in the block would not see. Inside a batch, or
    another one_reading, the reads are already shared: nothing changes."""
    batches = db._batches
    if db._batch is not None or getattr(batches, "reading", None) is not None:
        yield
        return
    with db.reading(purpose=None) as session:  # the read-only session reading() makes
        batches.reading = session
        try:
            yield
        finally:
            batches.reading = None
