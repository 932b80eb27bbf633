"""The log: the standard logging module, a rotating private file, no patient data."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat

from app.infra import logs


def test_the_log_rotates_in_a_private_file_and_withholds_data_values(tmp_path, monkeypatch):
    path = tmp_path / "logs" / "sitetrack.log"
    assert logs.configure_logging(path, "DEBUG") == path
    monkeypatch.setattr(logs, "MAX_BYTES", 200)
    log = logs.logger("test")
    detail = "DETAIL:  Key (subject_id)=(101-001) already exists."  # as PostgreSQL says it
    try:
        raise RuntimeError("insert failed\n" + detail)
    except RuntimeError:
        log.exception("saving a patient")
    for handler in logs.logger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "ERROR sitetrack.test: saving a patient" in text
    assert "101-001" not in text and "values withheld" in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    handler = next(h for h in logs.logger().handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler))
    handler.maxBytes = 200
    for n in range(20):
        log.info("line %d of the log, long enough to make the file rotate soon", n)
    assert (path.parent / "sitetrack.log.1").exists()
    assert len(list(path.parent.glob("sitetrack.log*"))) <= logs.BACKUPS + 1


def test_an_unexpected_error_goes_to_the_log_file(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "log_path", lambda: tmp_path / "here.log")
    row = "Failing row contains (7, 101-002, ABC)"
    try:
        raise ValueError(row)
    except ValueError as exc:
        where = logs.record_failure(exc)
    assert where == tmp_path / "here.log"
    text = where.read_text(encoding="utf-8")
    assert "unexpected error: ValueError" in text and "101-002" not in text


def test_signing_in_is_logged_without_the_password(tmp_path, monkeypatch, sqlite_db):
    from datetime import UTC, datetime

    import pytest

    from app.services.accounts import AccessDenied, create_account, sign_in

    path = tmp_path / "access.log"
    logs.configure_logging(path, "INFO")
    create_account(sqlite_db, "nina", "Nina Nurse", "nurse", "a long enough secret 1")
    sign_in(sqlite_db, "nina", "a long enough secret 1", datetime.now(UTC))
    with pytest.raises(AccessDenied):
        sign_in(sqlite_db, "nina", "wrong guess", datetime.now(UTC))
    for handler in logs.logger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "login: nina" in text and "failed: nina" in text
    assert "secret" not in text and "wrong guess" not in text
