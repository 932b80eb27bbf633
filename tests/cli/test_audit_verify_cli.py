"""A forged audit row: sign-in says so in one sentence; `audit verify` (read-only, appending
nothing) names it, for an administrator or a monitor, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select, text

import main
from db.accounts import AccessEvent
from db.models import AuditEntry, AuditHead
from tests.conftest import login


def _counts(url: str) -> tuple[int, int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return (conn.scalar(select(func.count()).select_from(AuditEntry)) or 0,
                    conn.scalar(select(func.count()).select_from(AccessEvent)) or 0,
                    conn.scalar(select(AuditHead.seq)) or 0)
    finally:
        engine.dispose()


def _forge_next_entry(url: str) -> int:
    """A row written by SQL where the app's next entry goes (the head left as it was)."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            seq = conn.scalar(select(AuditHead.seq)) + 1
            conn.execute(text(
                "INSERT INTO audit_log(seq, at, actor, action, table_name, record_id, field, "
                "old_value, new_value, reason, prev_hash, hash) SELECT :n, at, actor, action, "
                "table_name, record_id, field, old_value, 'forged', reason, hash, hash "
                "FROM audit_log WHERE seq = :n - 1"), {"n": seq})
    finally:
        engine.dispose()
    return seq


def test_a_forged_row_stops_sign_in_in_one_sentence_and_verify_names_it(db_url, capsys):
    monitor, admin, nurse = (login(db_url, role) for role in ("monitor", "admin", "nurse"))
    assert main.main([*monitor, "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    forged = _forge_next_entry(db_url)
    before = _counts(db_url)

    # every sign-in that would write: one sentence, never "unexpected error"
    assert main.main([*nurse, "upcoming"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected" not in err and "IntegrityError" not in err
    assert "holds an entry the app did not write" in err and "audit verify" in err

    # a monitor and an administrator verify: the forged entry is named, nothing appended
    for who in (monitor, admin):
        assert main.main([*who, "audit", "verify"]) == 1
        err = capsys.readouterr().err
        assert f"entry {forged}" in err and "unexpected" not in err
    # a nurse may not; a wrong password is refused: neither is written to the database
    assert main.main([*nurse, "audit", "verify"]) == 2
    assert "cannot read the audit trail" in capsys.readouterr().err
    assert _counts(db_url) == before


def test_audit_verify_appends_nothing_to_an_intact_file(db_url, capsys, monkeypatch):
    import io
    import sys

    monitor = login(db_url, "monitor")
    before = _counts(db_url)
    assert main.main([*monitor, "audit", "verify"]) == 0
    assert f"{before[0]} entries" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("not the password\n"))
    assert main.main([*monitor, "audit", "verify"]) == 2
    assert "Wrong account name or password" in capsys.readouterr().err
    assert _counts(db_url) == before  # no sign-in, no failure, no anchor entry written
