"""A database opened at its schema's head (open_database brought it there) has its audit
head's id column: the first flush or sign-in does not ask the catalog for it (on
PostgreSQL a query of the server's catalog on every start). A file opened without
migrating (read only, perhaps older) is still asked."""

from __future__ import annotations

import sqlalchemy

from db import audit, open_database


def _asked(monkeypatch) -> list[str]:
    asked: list[str] = []
    real = sqlalchemy.inspect

    def noting(subject, *args, **kwargs):
        if isinstance(subject, sqlalchemy.Connection):
            asked.append("catalog")
        return real(subject, *args, **kwargs)

    monkeypatch.setattr(sqlalchemy, "inspect", noting)
    return asked


def test_a_database_opened_at_head_knows_its_head_s_id_column(migrated_url, monkeypatch):
    database = open_database(migrated_url)
    try:
        asked = _asked(monkeypatch)
        with database.reading(purpose=None) as session:
            database_id, key = audit.chain_key(session)
        assert database_id is not None and key is not None
        assert asked == []
    finally:
        database.close()


def test_a_file_opened_without_migrating_is_asked(sqlite_db, monkeypatch):
    url = str(sqlite_db.engine.url)
    sqlite_db.close()
    database = open_database(url, migrate_schema=False)
    try:
        asked = _asked(monkeypatch)
        with database.reading(purpose=None) as session:
            assert audit.chain_key(session)[0] is not None
        assert asked == ["catalog"]
    finally:
        database.close()
