"""The field an error names is where the user is taken: shown, scrolled to, focused."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from app.services.patients import patient_page
from tests.ui.conftest import TODAY, activate, enrolled
from ui.dialogs import EnrolDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _in_view(dialog, widget) -> bool:  # type: ignore[no-untyped-def]
    viewport = dialog.scroll_area.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= viewport.height()


def test_the_reason_asked_for_is_scrolled_to_and_focused(qtbot, ctx):
    pid = enrolled(ctx)
    page = patient_page(ctx.db, ctx.protocol, pid, TODAY)
    dialog = EnrolDialog(ctx, None, pid, page.form, page.version)
    qtbot.addWidget(dialog)
    activate(dialog)
    dialog.resize(520, 300)                       # a small screen: the form scrolls
    qtbot.waitUntil(lambda: dialog.scroll_area.verticalScrollBar().maximum() > 0)
    reason = dialog.fields["reason"]
    initials = dialog.fields["initials"]
    initials.setFocus()
    assert dialog.scroll_area.verticalScrollBar().maximum() > 0 and not _in_view(dialog, reason)
    initials.selectAll()
    qtbot.keyClicks(initials, "ABD")
    qtbot.keyClick(initials, Qt.Key.Key_S, CTRL)
    assert "Give a reason for the change" in dialog.error.text()
    assert reason.hasFocus() and _in_view(dialog, reason)
    qtbot.keyClicks(reason, "initials mistyped")  # typed straight into the reason
    qtbot.keyClick(reason, Qt.Key.Key_S, CTRL)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert patient_page(ctx.db, ctx.protocol, pid, TODAY).form.initials == "ABD"


def test_a_hidden_reason_field_an_error_names_is_shown(qtbot, ctx):
    dialog = EnrolDialog(ctx)
    qtbot.addWidget(dialog)
    activate(dialog)
    reason = dialog.fields["reason"]
    assert reason.isHidden()                      # a new patient: no reason asked
    dialog.show_error("reason", "Give a reason")
    assert reason.isVisible() and dialog.form.labelForField(reason).isVisible()
    assert reason.hasFocus()
