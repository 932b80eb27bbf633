"""The patient page's first filling reads in one transaction (it read in nine: on a server,
each a BEGIN and a ROLLBACK more); what is saved after shows on its next refresh."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY, enrolled


def test_the_patient_page_opens_in_one_transaction(qtbot, ctx):
    from ui.patient_view import PatientView

    pid = enrolled(ctx)
    begun: list[object] = []
    event.listen(ctx.db.engine, "begin", lambda conn: begun.append(conn))
    view = PatientView(ctx, pid)
    qtbot.addWidget(view)
    assert len(begun) == 1
    assert view.page.form.subject_id == "101-001"
    record_visit(ctx.db, ctx.protocol, pid, "LI",
                 VisitEntry(outcome="done", actual_date=date(2026, 1, 5)), TODAY)
    view.refresh()  # its own reads again: the save is seen
    assert view.page.records["LI"].actual_date == date(2026, 1, 5)


def test_the_patient_page_reads_the_patient_once(qtbot, ctx):
    """Its protocol, its calendar and its AE log each need the patient's row: read once
    (with its study's code), kept by the read-only transaction; its dose modifications
    are read once too (the calendar's holds and the dose levels set)."""
    from ui.patient_view import PatientView

    pid = enrolled(ctx)
    seen: list[str] = []
    event.listen(ctx.db.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_: seen.append(" ".join(statement.split())))
    view = PatientView(ctx, pid)
    qtbot.addWidget(view)
    assert len([s for s in seen if s.startswith("SELECT patient.id")]) == 1
    assert len([s for s in seen if "FROM dose_modification" in s]) == 1
    assert view.page.study == "IMP7068-101"


def test_the_patient_page_checks_the_signed_account_once(qtbot, ctx):
    """The signed-in account is checked (still active, same role) once in the page's one
    transaction: it was asked before each of the page's four reading services."""
    from app.services.accounts import sign_in
    from tests.conftest import TEST_PASSWORD, login
    from ui.login import now
    from ui.patient_view import PatientView

    pid = enrolled(ctx)
    login(ctx.db.url)  # signed in, as every window is
    sign_in(ctx.db, "t.nurse", TEST_PASSWORD, now())
    assert ctx.db.guard is not None
    seen: list[str] = []
    event.listen(ctx.db.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_: seen.append(" ".join(statement.split())))
    view = PatientView(ctx, pid)
    qtbot.addWidget(view)
    checks = [s for s in seen if s.startswith(
        "SELECT user_account.active, user_account.role, user_account.must_change")]
    assert len(checks) == 1
