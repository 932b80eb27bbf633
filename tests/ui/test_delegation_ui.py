"""The Delegation log window by keyboard: an administrator delegates a task, a wrong end date
is one message and saves nothing, the PI approves with the password, the nurse sees the log
with nothing to change; the log prints; Today warns of training that expires soon."""

from __future__ import annotations

from datetime import date, timedelta

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services import accounts as acc
from app.services.delegation import delegation_list, set_study_rules
from app.services.training import add_training
from ui.context import Context
from ui.delegation import ApproveDialog, DelegateDialog, DelegationPanel, training_notice

from .conftest import TODAY, activate

PASSWORD = "violet staple 42"
STUDY = "IMP7068-101"


def _ctx(ctx: Context, name: str) -> Context:
    from dataclasses import replace

    from app.infra.clock import local_now

    return replace(ctx, signed=acc.sign_in(ctx.db, name, PASSWORD, local_now()))


def _site(ctx: Context) -> None:
    from tests.conftest import name_the_site

    name_the_site(ctx.db)  # the printed log names the site (refused, in a message, without it)
    for name, printed, role in (("boss", "Bo Boss", "admin"), ("pi", "Dr Pia Pi", "investigator"),
                                ("nina", "Nina Nurse", "nurse")):
        acc.create_account(ctx.db, name, printed, role, PASSWORD, must_change=False)


def _type_date(qtbot, field, text: str) -> None:
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, text)


def _pick(qtbot, box, typed: str, text: str) -> None:
    box.setFocus()
    qtbot.keyClicks(box, typed)
    assert box.currentText() == text, box.currentText()


def _save(qtbot, dialog, widget) -> None:
    activate(dialog)
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_delegate_approve_and_print_by_keyboard(qtbot, ctx, tmp_path):
    _site(ctx)
    admin = _ctx(ctx, "boss")
    set_study_rules(admin.db, STUDY, principal="pi", enforced=True)
    panel = DelegationPanel(admin)
    qtbot.addWidget(panel)
    assert panel.delegate.isEnabled() and not panel.approve.isEnabled()

    bad = DelegateDialog(admin, panel.current(), panel)
    qtbot.addWidget(bad)
    _pick(qtbot, bad.account, "nina", "nina (Nina Nurse)")
    _type_date(qtbot, bad.start, "20-FEB-2026")
    _type_date(qtbot, bad.end, "10-FEB-2026")
    _save(qtbot, bad, bad.end.edit)
    assert bad.result() != QDialog.DialogCode.Accepted
    assert bad.error.text() == "The end (10-FEB-2026) is before the start (20-FEB-2026)"
    assert delegation_list(admin.db) == []  # nothing saved

    add = DelegateDialog(admin, panel.current(), panel)
    qtbot.addWidget(add)
    _pick(qtbot, add.account, "nina", "nina (Nina Nurse)")
    _pick(qtbot, add.task, "AE", "AE assessment")
    _type_date(qtbot, add.start, "20-FEB-2026")
    _save(qtbot, add, add.start.edit)
    assert add.result() == QDialog.DialogCode.Accepted, add.error.text()
    panel.refresh()
    [row] = panel.model.rows
    assert (row.account, row.task_word, row.start) == ("nina", "AE assessment",
                                                       date(2026, 2, 20))
    assert panel.model.data(panel.model.index(0, 5)) == "awaiting approval"

    pi = _ctx(ctx, "pi")
    pi_panel = DelegationPanel(pi)
    qtbot.addWidget(pi_panel)
    assert pi_panel.approve.isEnabled() and pi_panel.delegate.isEnabled()
    approve = ApproveDialog(pi, pi_panel.current(), pi_panel)
    qtbot.addWidget(approve)
    qtbot.keyClicks(approve.pw, "not it")
    _save(qtbot, approve, approve.pw)
    assert approve.result() != QDialog.DialogCode.Accepted
    assert "Wrong password" in approve.error.text()
    approve.pw.clear()
    qtbot.keyClicks(approve.pw, PASSWORD)
    _save(qtbot, approve, approve.pw)
    assert approve.result() == QDialog.DialogCode.Accepted, approve.error.text()
    pi_panel.refresh()
    assert pi_panel.model.data(pi_panel.model.index(0, 5)).startswith("Dr Pia Pi, ")

    nurse_panel = DelegationPanel(_ctx(ctx, "nina"))
    qtbot.addWidget(nurse_panel)
    assert not any(b.isEnabled() for b in (nurse_panel.delegate, nurse_panel.end,
                                           nurse_panel.approve, nurse_panel.train))
    assert nurse_panel.model.rows  # the nurse reads the log

    pdf = tmp_path / "log.pdf"
    pi_panel.print_log(str(pdf))
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Nina Nurse" in text and "AE assessment" in text and "20-FEB-2026" in text
    assert "Principal investigator: Dr Pia Pi" in text and "Dr Pia Pi, " in text


def test_today_warns_a_month_before_training_expires(qtbot, ctx):
    from ui.places.today import TodayPage

    _site(ctx)
    admin = _ctx(ctx, "boss")
    add_training(admin.db, "nina", "gcp", date(2024, 4, 1), TODAY + timedelta(days=25))
    add_training(admin.db, "pi", "gcp", date(2024, 4, 1), TODAY + timedelta(days=300))
    nurse = _ctx(ctx, "nina")
    assert "nina: GCP expires on 27-MAR-2026" in training_notice(nurse)
    page = TodayPage(nurse)
    qtbot.addWidget(page)
    page.refresh()
    assert "Training to renew" in page.training.text() and not page.training.isHidden()
    assert training_notice(_ctx(ctx, "boss")) == ""  # nothing of the admin's own


def test_end_a_task_and_record_training_by_keyboard(qtbot, ctx):
    from app.services.delegation import add_delegation
    from app.services.training import training_list
    from ui.delegation import EndDialog, TrainingDialog

    _site(ctx)
    admin = _ctx(ctx, "boss")
    set_study_rules(admin.db, STUDY, principal="pi")
    add_delegation(admin.db, "nina", STUDY, "consent", date(2026, 1, 5))
    panel = DelegationPanel(admin)
    qtbot.addWidget(panel)
    end = EndDialog(admin, panel.model.rows[0], panel)
    qtbot.addWidget(end)
    _type_date(qtbot, end.end, "01-JAN-2026")
    qtbot.keyClicks(end.reason, "moved to another unit")
    _save(qtbot, end, end.reason)
    assert end.error.text() == "The end (01-JAN-2026) is before the start (05-JAN-2026)"
    assert end.end.edit.text() == "01-JAN-2026"  # what was typed stays
    _type_date(qtbot, end.end, "28-FEB-2026")
    _save(qtbot, end, end.reason)
    assert end.result() == QDialog.DialogCode.Accepted, end.error.text()
    panel.refresh()
    assert panel.model.data(panel.model.index(0, 4)) == "28-FEB-2026"

    course = TrainingDialog(admin, panel.current(), panel)
    qtbot.addWidget(course)
    _pick(qtbot, course.account, "nina", "nina (Nina Nurse)")
    _pick(qtbot, course.kind, "Pro", "Protocol training")
    qtbot.keyClicks(course.protocol_version, "Amendment 9")
    _save(qtbot, course, course.protocol_version)
    assert "Protocol training names one of the study's versions" in course.error.text()
    course.protocol_version.clear()
    qtbot.keyClicks(course.protocol_version, "Original protocol 1.0")
    _type_date(qtbot, course.expires, "01-MAR-2028")
    _save(qtbot, course, course.protocol_version)
    assert course.result() == QDialog.DialogCode.Accepted, course.error.text()
    [record] = training_list(admin.db, "nina")
    assert (record.kind, record.study, record.protocol_version, record.expires_on) == (
        "protocol", STUDY, "Original protocol 1.0", date(2028, 3, 1))
