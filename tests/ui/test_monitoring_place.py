"""The Monitoring place by keyboard: the monitor verifies a visit (Ctrl+Shift+V), the nurse
edits it and it shows changed since verified with what changed; the audit review lists the
late entry and the correction, marked reviewed with a comment (Ctrl+Shift+R); File >
Monitoring visit report signs and writes the PDF."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.rules.audit_review import Finding
from app.rules.sdv import SdvState
from app.services import accounts as acc
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY, activate
from ui.context import Context
from ui.forms import FormDialog
from ui.main_window import MONITORING, TO_SIGN, MainWindow

PASSWORD = "correct horse battery"


@pytest.fixture
def monitor_ctx(ctx, dosed) -> Context:
    for name, role in (("mona", "monitor"), ("nina", "nurse")):
        acc.create_account(ctx.db, name, name.capitalize() + " Person", role, PASSWORD,
                           must_change=False)
    signed = acc.sign_in(ctx.db, "mona", PASSWORD, ctx.now())
    return Context(ctx.db, ctx.protocol, clock=lambda: TODAY, signed=signed)


def _select(table, model, wanted) -> None:  # type: ignore[no-untyped-def]
    table.setFocus()
    row = next(i for i, r in enumerate(model.rows) if wanted(r))
    table.setCurrentIndex(model.index(row, 0))


def _ctrl_shift(widget, key) -> None:  # type: ignore[no-untyped-def]
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)


def test_verify_then_changed_since_then_review(qtbot, monitor_ctx, dosed, monkeypatch):
    ctx = monitor_ctx
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    assert not window.sidebar.item(MONITORING).isHidden()
    assert window.sidebar.item(TO_SIGN).isHidden()
    window.go(MONITORING)
    page = window.place(MONITORING)
    sdv = page.sdv
    assert {r.state for r in sdv.model.rows} == {SdvState.NOT_VERIFIED}
    _select(sdv.table, sdv.model, lambda r: r.target == "C1D1")
    _ctrl_shift(sdv.table, Qt.Key.Key_V)
    c1d1 = next(r for r in sdv.model.rows if r.target == "C1D1")
    assert c1d1.state is SdvState.VERIFIED and c1d1.verified_by == "mona"
    # the nurse corrects the visit's comment
    acc.sign_in(ctx.db, "nina", PASSWORD, ctx.now())
    for comment, reason in (("pre-dose ECG", None), ("pre-dose ECG done", "typing error")):
        record_visit(ctx.db, ctx.protocol, dosed, "C1D1",
                     VisitEntry(outcome="done", actual_date=date(2026, 1, 12),
                                comment=comment), TODAY, reason=reason)
    acc.sign_in(ctx.db, "mona", PASSWORD, ctx.now())
    page.refresh()
    c1d1 = next(r for r in sdv.model.rows if r.target == "C1D1")
    assert c1d1.state is SdvState.CHANGED
    shown = [sdv.model.index(sdv.model.rows.index(c1d1), c).data() for c in range(8)]
    assert shown[4] == "changed since verified"
    assert shown[5] == "Comment: (blank) -> pre-dose ECG done"
    # the state filter by keys
    sdv.state.setFocus()
    qtbot.keyClicks(sdv.state, "Changed")
    assert [r.target for r in sdv.model.rows] == ["C1D1"]

    # the audit review: Ctrl+Tab to its tab, the period typed
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    review = page.review
    assert page.tabs.currentWidget() is review
    for field, text in ((review.since, "01-JAN-2026"), (review.until, "31-DEC-2199")):
        field.edit.selectAll()
        qtbot.keyClicks(field.edit, text)
    findings = {r.item.finding for r in review.model.rows}
    assert {Finding.LATE, Finding.CORRECTION} <= findings
    correction = next(r for r in review.model.rows if r.item.finding is Finding.CORRECTION)
    assert str(correction.item.detail) == "Comment: pre-dose ECG -> pre-dose ECG done"

    def comment(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        qtbot.keyClicks(dialog.comment, "checked with the source")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", comment)
    _select(review.table, review.model, lambda r: r.item.key == correction.item.key)
    _ctrl_shift(review.table, Qt.Key.Key_R)
    done = next(r for r in review.model.rows if r.item.key == correction.item.key)
    assert (done.reviewed_by, done.comment) == ("mona", "checked with the source")


def test_a_nurse_sees_no_monitoring_place_and_no_report(qtbot, ctx, dosed):
    acc.create_account(ctx.db, "nina", "Nina Nurse", "nurse", PASSWORD, must_change=False)
    signed = acc.sign_in(ctx.db, "nina", PASSWORD, ctx.now())
    window = MainWindow(Context(ctx.db, ctx.protocol, clock=lambda: TODAY, signed=signed))
    qtbot.addWidget(window)
    assert window.sidebar.item(MONITORING).isHidden()
    assert not window.report_action.isEnabled()


def test_the_monitoring_report_from_the_file_menu(qtbot, monitor_ctx, monkeypatch, tmp_path):
    from pypdf import PdfReader

    window = MainWindow(monitor_ctx)
    qtbot.addWidget(window)
    activate(window)
    out = tmp_path / "report.pdf"
    monkeypatch.setattr("ui.export.save_path", lambda *a: str(out))
    typed: list[str] = []

    def sign(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        dialog.since.edit.selectAll()
        qtbot.keyClicks(dialog.since.edit, "01-JAN-2026")
        dialog.password_field.setFocus()
        qtbot.keyClicks(dialog.password_field, "wrong password")
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
        typed.append(dialog.error.text())
        assert dialog.password_field.text() == ""  # cleared, the rest kept
        qtbot.keyClicks(dialog.password_field, PASSWORD)
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", sign)
    window.report_action.trigger()
    assert typed == ["Wrong password: nothing was signed"]
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Monitoring visit report" in text and "01-JAN-2026 to 02-MAR-2026" in text
    assert "E-signed: reviewed by Mona Person (mona)" in text


def test_verify_some_fields_by_keys(qtbot, monitor_ctx, monkeypatch):
    window = MainWindow(monitor_ctx)
    qtbot.addWidget(window)
    activate(window)
    window.go(MONITORING)
    sdv = window.place(MONITORING).sdv

    def tick(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        names = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(dialog.list.count())]
        assert dialog.list.item(names.index("actual_date")).text() == "Actual date"
        dialog.list.setFocus()
        dialog.list.setCurrentRow(0)
        for _ in range(names.index("actual_date")):
            qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", tick)
    _select(sdv.table, sdv.model, lambda r: r.target == "C1D1")
    _ctrl_shift(sdv.table, Qt.Key.Key_F)
    c1d1 = next(r for r in sdv.model.rows if r.target == "C1D1")
    assert c1d1.state is SdvState.PARTLY and c1d1.sdv.verified_fields == ("actual_date",)
