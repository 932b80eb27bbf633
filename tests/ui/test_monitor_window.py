"""A monitor's window is read only by construction: no enrol, record, edit, correct or
entered-in-error action; a visit opens read only, flagged where a query is open."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.services import accounts as acc
from app.services.queries import open_query
from tests.conftest import SITE_ZONE
from tests.ui.conftest import activate
from ui.forms import FormDialog
from ui.main_window import MainWindow
from ui.read_only import FLAG

GOOD = "violet staple 42"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=SITE_ZONE)


def _window(qtbot, ctx, role):  # type: ignore[no-untyped-def]
    acc.create_account(ctx.db, "root.admin", "Rita Admin", "admin", GOOD, must_change=False)
    acc.sign_in(ctx.db, "root.admin", GOOD, NOW)
    acc.create_account(ctx.db, "who", "Who Ever", role, GOOD, must_change=False)
    signed = acc.sign_in(ctx.db, "who", GOOD, NOW)
    window = MainWindow(replace(ctx, signed=signed))
    qtbot.addWidget(window)
    activate(window)
    return window


def test_the_monitor_is_offered_no_edit_and_reads_a_visit(qtbot, ctx, dosed, monkeypatch):
    window = _window(qtbot, ctx, "monitor")
    open_query(ctx.db, "101-001", "C1D1.actual_date", "Source says 13-JAN-2026", NOW)
    assert not window.enrol_action.isVisible() and not window.import_action.isVisible()
    assert not window.today.record_button.isVisible()
    from ui.places.numbers import ESCALATION, PATIENTS

    window.go(PATIENTS)
    assert not window.patients.enrol_button.isVisible()
    window.go(ESCALATION)
    escalation = window.place(ESCALATION)
    assert not escalation.smc_button.isVisible() and escalation.export_button.isVisible()
    window.open_patient(dosed)
    view = window.patient_view
    for button in (view.record_button, view.edit_button, view.error_button,
                   view.log_ae_button, view.unscheduled_button, view.disposition_button):
        assert not button.isVisibleTo(view)
    from ui.read_only import page_queries

    queries = page_queries(view)
    assert queries is not None and queries.count.text() == "1 open query"
    assert queries.button.isVisibleTo(view)
    seen = []

    def run(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        seen.append(dialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert not save.isVisible()
        assert dialog.fields["actual_date"].edit.isReadOnly()
        label = dialog.form.labelForField(dialog.fields["actual_date"])
        assert FLAG in label.text() and "Source says 13-JAN-2026" in label.toolTip()
        qtbot.keyClick(dialog.fields["actual_date"].edit, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)        # Ctrl+S saves nothing
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return 0

    monkeypatch.setattr(FormDialog, "exec", run)
    view.tree.setFocus()
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from ui.patient_calendar import CODE_ROLE

    items, it = [], QTreeWidgetItemIterator(view.tree)
    while it.value():
        items.append(it.value())
        it += 1
    item = next(i for i in items if i.data(0, CODE_ROLE) == "C1D1")
    view.tree.setCurrentItem(item)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert len(seen) == 1 and seen[0].windowTitle().endswith("(read only)")


def test_the_nurse_is_offered_every_entry(qtbot, ctx, dosed, monkeypatch):
    acc.create_account(ctx.db, "mona", "Mona", "monitor", GOOD, must_change=False)
    window = _window(qtbot, ctx, "nurse")
    assert window.enrol_action.isVisible()
    acc.sign_in(ctx.db, "mona", GOOD, NOW)
    qid = open_query(ctx.db, "101-001", "C1D1.actual_date", "Source says 13-JAN-2026", NOW)
    acc.sign_in(ctx.db, "who", GOOD, NOW)
    window.open_patient(dosed)
    view = window.patient_view
    assert view.record_button.isVisibleTo(view) and view.error_button.isVisibleTo(view)
    seen = []

    def run(dialog) -> int:  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        activate(dialog)
        seen.append(dialog.windowTitle())
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isVisible()
        label = dialog.form.labelForField(dialog.fields["actual_date"])
        assert FLAG in label.text()
        # a correction answering the query names it in its reason
        assert dialog.fields["reason"].text() == f"Query {qid}: "
        return 0

    monkeypatch.setattr(FormDialog, "exec", run)
    view.record_code("C1D1")
    assert seen and not seen[0].endswith("(read only)")
