"""A patient three weeks into treatment with only a baseline scan: the Response tab says
that nothing after the baseline is assessed yet, and why PFS reads day 1 until then."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.rules.protocol import default_protocol
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import activate, enrolled
from tests.ui.test_dialogs_by_keyboard import press, save, tab_to, type_
from ui.context import Context
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
THREE_WEEKS_IN = date(2026, 2, 2)  # C1D1 12-JAN-2026 + 21 days


@pytest.fixture
def three_weeks_in(sqlite_db) -> tuple[Context, int]:
    ctx = Context(sqlite_db, default_protocol(), clock=lambda: THREE_WEEKS_IN)
    pid = enrolled(ctx)
    for code, when in (("LI", date(2026, 1, 5)), ("C1D1", date(2026, 1, 12))):
        record_visit(ctx.db, ctx.protocol, pid, code,
                     VisitEntry(outcome="done", actual_date=when), THREE_WEEKS_IN)
    return ctx, pid


def _scan_by_keys(qtbot, dialog, day: str, baseline: bool, mm: str) -> bool:  # type: ignore[no-untyped-def]
    """The scan dialog filled by keys: its date, Baseline ticked or not, the target's size
    (and, at the baseline, the target itself); Ctrl+S."""
    qtbot.addWidget(dialog)
    activate(dialog)
    tab_to(qtbot, dialog.fields["scan_date"].edit, back=True)
    # the proposed date selected by End, Shift+Home (Ctrl+A can go to a window's shortcut
    # when an earlier test's window is still the active one)
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    type_(qtbot, day)
    if baseline:
        tab_to(qtbot, dialog.fields["baseline"])
        press(qtbot, Qt.Key.Key_Space)
        add_target = next(b for b in dialog.findChildren(QPushButton)
                          if b.text() == "Add a target lesion")
        tab_to(qtbot, add_target)
        press(qtbot, Qt.Key.Key_Space)
        type_(qtbot, "Liver")
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Right)
        press(qtbot, Qt.Key.Key_Right)                           # to mm
    else:
        tab_to(qtbot, dialog.table)
        dialog.table.setCurrentCell(0, 4)                        # T1's size, offered again
    type_(qtbot, mm)
    press(qtbot, Qt.Key.Key_Return)
    save(qtbot, dialog)
    return True


def test_a_baseline_only_says_nothing_is_assessed_yet_until_the_first_scan(
        qtbot, three_weeks_in, monkeypatch):
    ctx, pid = three_weeks_in
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_patient(pid)
    view = window.patient_view
    tab = view.response_tab
    view.tabs.setCurrentWidget(tab)
    scans = iter([("28-DEC-2025", True, "42"), ("02-FEB-2026", False, "40")])
    monkeypatch.setattr(tab, "dialog_exec",
                        lambda dialog: _scan_by_keys(qtbot, dialog, *next(scans)))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)   # the baseline
    text = tab.summary.text()
    assert "No assessment after the baseline yet" in text
    assert "(baseline 28-DEC-2025)" in text
    assert "censored at day 1 (05-JAN-2026, the first dose)" in text
    assert "will change at the first scan" in text
    assert "0.0 months" not in text and "Best overall response" not in text
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)   # the first follow-up
    text = tab.summary.text()
    assert "No assessment after the baseline yet" not in text
    # SD needs 42 days from C1D1 to count as the best response; PFS moves to the scan
    assert "Best overall response: <b>NE</b>" in text
    assert "PFS 1.0 months (censored at the last adequate assessment)" in text


def test_a_non_target_left_without_a_status_is_refused_by_name_then_chosen_by_keys(
        qtbot, three_weeks_in):
    from app.rules.entry.scans import LesionEntry, ScanForm
    from app.services import response as resp
    from ui.response_tab import ResponseTab

    ctx, pid = three_weeks_in
    resp.save_scan(ctx.db, ctx.protocol, pid, ScanForm(
        scan_date=date(2025, 12, 28), modality="CT", baseline=True, lesions=[
            LesionEntry("T1", "target", "liver", mm=42), LesionEntry("NT1", "non_target",
                                                                     "bone")]), THREE_WEEKS_IN)
    tab = ResponseTab(ctx, pid, "101-001")
    qtbot.addWidget(tab)
    dialog = tab.dialog()
    qtbot.addWidget(dialog)
    activate(dialog)
    assert dialog.table.item(1, 7).text() == ""               # offered again, status blank
    tab_to(qtbot, dialog.table)
    dialog.table.setCurrentCell(0, 4)
    type_(qtbot, "40")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "Non-target lesion NT1: choose its status" in \
        dialog.error.text()
    assert len(resp.patient_response(ctx.db, ctx.protocol, pid, THREE_WEEKS_IN).scan_ids) == 1
    assert dialog.table.item(0, 4).text() == "40"             # what was typed is kept
    assert dialog.table.hasFocus() and (dialog.table.currentRow(),
                                        dialog.table.currentColumn()) == (1, 7)  # on NT1
    type_(qtbot, "n")                                         # "Not assessed": NE
    press(qtbot, Qt.Key.Key_Return)
    save(qtbot, dialog)
    follow = resp.patient_response(ctx.db, ctx.protocol, pid, THREE_WEEKS_IN).assessments[1]
    assert [(n.id, n.status) for n in follow.non_targets] == [("NT1", "not_assessed")]


def test_a_baseline_before_the_first_dose_says_pfs_waits_for_the_dose(qtbot, sqlite_db):
    from app.rules.entry.scans import LesionEntry, ScanForm
    from app.services import response as resp
    from ui.response_tab import ResponseTab

    ctx = Context(sqlite_db, default_protocol(), clock=lambda: date(2026, 1, 2))
    pid = enrolled(ctx)                                       # first dose planned 05-JAN
    resp.save_scan(ctx.db, ctx.protocol, pid, ScanForm(
        scan_date=date(2025, 12, 28), modality="CT", baseline=True,
        lesions=[LesionEntry("T1", "target", "liver", mm=42)]), date(2026, 1, 2))
    tab = ResponseTab(ctx, pid, "101-001")
    qtbot.addWidget(tab)
    text = tab.summary.text()
    assert "No assessment after the baseline yet" in text and "(baseline 28-DEC-2025)" in text
    assert "PFS counts from the first dose, not given yet" in text
