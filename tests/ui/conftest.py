from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app.rules.protocol import default_protocol
from ui.context import Context

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _operations_end_with_their_test(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """What a test started off the GUI thread ends (its callbacks run, its worker let go
    of it) before the next test begins: no worker of one test is still in the database or
    holding its widgets while the next one builds its own (a crash then names its test)."""
    yield
    import time

    from PySide6.QtWidgets import QApplication

    from ui import operations

    deadline = time.monotonic() + 60
    while (operations.running() or operations._alive) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)


@pytest.fixture
def ctx(sqlite_db) -> Context:
    return Context(sqlite_db, default_protocol(), clock=lambda: TODAY)


def enrolled(ctx: Context, subject: str = "101-001") -> int:
    """A consented patient at DL2, first dose planned for 05-JAN-2026."""
    from app.services.patients import EnrolmentForm, enrol

    return enrol(ctx.db, ctx.protocol, EnrolmentForm(
        subject_id=subject, initials="ABC", year_of_birth=1960, sex="F", part=1,
        dose_level="DL2", cohort=None, consent_date=date(2025, 12, 1),
        planned_first_dose=date(2026, 1, 5)), TODAY)


@pytest.fixture
def dosed(ctx: Context) -> int:
    """That patient with the lead-in dose and C1D1 done: on treatment."""
    from app.services.visits import VisitEntry, record_visit

    pid = enrolled(ctx)
    for code, when in (("LI", date(2026, 1, 5)), ("C1D1", date(2026, 1, 12))):
        record_visit(ctx.db, ctx.protocol, pid, code,
                     VisitEntry(outcome="done", actual_date=when), TODAY)
    return pid


def activate(widget) -> None:  # type: ignore[no-untyped-def]
    """Show and activate a window: the offscreen platform activates none by itself, and
    window shortcuts (Ctrl+F, Ctrl+S) only fire in the active window."""
    import warnings

    from PySide6.QtWidgets import QApplication

    widget.show()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(widget)


def click_save(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """Press the dialog's Save button with the mouse, as a user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
