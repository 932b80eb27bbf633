"""To sign in one sitting, by keys: filters with counts per kind, rows selected with Shift,
each item's content shown, ten items signed with one password, the password asked again
after ten minutes without a signature (the clock is the test's) or after the lock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.rules.protocol import default_protocol
from app.services import accounts as acc
from app.services.signatures import KIND_WORDS, signatures_of, to_sign
from app.services.signing import end_sittings
from tests.ui.conftest import activate
from ui.context import Context
from ui.login import now
from ui.places.to_sign import SignDialog, ToSignPage

TODAY = date(2026, 11, 25)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Clock:
    """The dialog's clock, moved on by the test."""

    def __init__(self) -> None:
        self.at = datetime(2026, 11, 25, 10, 0).astimezone()

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def ctx(sqlite_demo_site):
    sqlite_db = sqlite_demo_site(TODAY, patients=6, second_study=2)
    signed = acc.sign_in(sqlite_db, "investigator", "demo", now())
    return Context(sqlite_db, default_protocol(), clock=lambda: TODAY, signed=signed)


def _page(qtbot, ctx):
    page = ToSignPage(ctx)
    qtbot.addWidget(page)
    page.show()
    activate(page)
    page.refresh()
    return page


def test_the_filters_and_the_counts_per_kind(qtbot, ctx):
    page = _page(qtbot, ctx)
    every = page.model.rowCount()
    assert page.study.currentText() == "IMP7068-101" and page.study.findData(None) == -1
    assert every == len(to_sign(ctx.db, page.study.study_id()))
    assert {t.study for t in page.model.rows} == {"IMP7068-101"}
    ae = [t for t in page.model.rows if t.kind == "ae"]
    index = page.kind.findData("ae")
    assert page.kind.itemText(index) == f"{KIND_WORDS['ae']} ({len(ae)})"
    assert page.kind.itemText(0) == f"Every kind ({every})"
    page.kind.setFocus()
    while page.kind.currentData() != "ae":
        qtbot.keyClick(page.kind, Qt.Key.Key_Down)
    assert page.model.rows == ae
    assert page.kind.itemText(0) == f"Every kind ({every})"  # counts of every kind stay
    qtbot.keyClicks(page.subject, ae[0].subject_id)
    assert page.model.rows and {t.subject_id for t in page.model.rows} == {ae[0].subject_id}
    page.subject.clear()
    page.age.setFocus()
    qtbot.keyClick(page.age, Qt.Key.Key_End)  # older than 90 days
    assert all(t.when <= TODAY - timedelta(days=90) for t in page.model.rows)
    assert page.model.rowCount() < len(ae)
    qtbot.keyClick(page.age, Qt.Key.Key_Home)
    qtbot.keyClick(page.kind, Qt.Key.Key_Home)
    assert page.model.rowCount() == every
    page.study.setFocus()
    qtbot.keyClicks(page.study, "ABC")  # another study, read when chosen
    assert page.model.rows and {t.study for t in page.model.rows} == {"ABC-2201"}
    assert page.model.rows == to_sign(ctx.db, page.study.study_id())


def test_the_dialog_shows_the_values_signed(qtbot, ctx):
    ae = next(t for t in to_sign(ctx.db) if t.kind == "ae")
    dialog = SignDialog(ctx, [ae])
    qtbot.addWidget(dialog)
    shown = dialog.content.toPlainText()
    for label in ("What you sign", "CTCAE term", "Onset", "Serious (SAE)",
                  "Related to the study drug", "Action taken with the study drug",
                  "Outcome", "AE grade", "Grade "):
        assert label in shown
    assert dialog.meaning.currentData() == "assessed"
    assert dialog.open_button.isEnabled() and "your password again" in dialog.intro.text()
    response = next(t for t in to_sign(ctx.db) if t.kind == "response")
    dialog = SignDialog(ctx, [response])
    qtbot.addWidget(dialog)
    shown = dialog.content.toPlainText()
    assert "Lesion" in shown and "Overall response" in shown and \
        "Best overall response" in shown


def test_ten_items_signed_with_one_password_by_keys(qtbot, ctx, monkeypatch):
    page = _page(qtbot, ctx)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    for _ in range(9):
        qtbot.keyClick(page.table, Qt.Key.Key_Down, SHIFT)
    chosen = [(t.kind, t.record_id) for t in page.selected()]
    assert len(chosen) == 10
    clock = Clock()
    seen: list[str] = []

    def run(dialog: SignDialog) -> int:
        dialog.clock = clock
        dialog.show_item(0)
        qtbot.addWidget(dialog)
        activate(dialog)
        assert dialog.password_box.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_PageDown)  # Next, and back
        assert dialog.index == 1
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
        assert dialog.index == 0
        qtbot.keyClicks(dialog.password_box, "demo")
        qtbot.keyClick(dialog.password_box, Qt.Key.Key_Return)
        for _ in range(9):
            assert not dialog.password_box.isVisible(), dialog.error.text()
            seen.append(dialog.content.toPlainText())
            clock.at += timedelta(minutes=9)  # within the sitting, though 81 minutes in all
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
        return int(dialog.result())

    monkeypatch.setattr(SignDialog, "exec", run)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert all("What you sign" in text for text in seen)
    left = {(t.kind, t.record_id) for t in page.model.rows}
    assert not left & set(chosen)
    for kind, rid in chosen:
        view = signatures_of(ctx.db, kind, [rid])[rid]
        assert not view.stale and view.signer == "investigator"


def test_the_password_again_after_ten_minutes_and_after_the_lock(qtbot, ctx):
    items = [t for t in to_sign(ctx.db) if t.kind == "visit"][:3]
    clock = Clock()
    dialog = SignDialog(ctx, items, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(dialog)
    qtbot.keyClicks(dialog.password_box, "wrong")
    qtbot.keyClick(dialog.password_box, Qt.Key.Key_Return)
    assert dialog.error.text() == "Wrong password: nothing was signed"
    assert dialog.index == 0 and dialog.password_box.isVisible()
    qtbot.keyClicks(dialog.password_box, "demo")
    qtbot.keyClick(dialog.password_box, Qt.Key.Key_Return)
    assert dialog.index == 1 and not dialog.password_box.isVisible()
    clock.at += timedelta(minutes=10)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert dialog.error.text() == "10 minutes without a signature: your password again, to sign"
    assert dialog.password_box.isVisible() and dialog.password_box.hasFocus()
    qtbot.keyClicks(dialog.password_box, "demo")
    qtbot.keyClick(dialog.password_box, Qt.Key.Key_Return)
    assert dialog.index == 2 and not dialog.password_box.isVisible()
    end_sittings(ctx.db)  # the window locked
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert dialog.error.text() == "Your password, to sign" and dialog.password_box.isVisible()
    qtbot.keyClicks(dialog.password_box, "demo")
    qtbot.keyClick(dialog.password_box, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(signatures_of(ctx.db, "visit", [t.record_id for t in items])) == 3


def test_open_the_record_goes_to_the_patient(qtbot, ctx, monkeypatch):
    page = _page(qtbot, ctx)
    opened: list[int] = []
    page.open_patient.connect(opened.append)
    first = page.model.rows[0]

    def run(dialog: SignDialog) -> int:
        qtbot.addWidget(dialog)
        activate(dialog)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, CTRL)
        return int(dialog.result())

    monkeypatch.setattr(SignDialog, "exec", run)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [first.patient_id]


def test_the_idle_lock_ends_the_sitting(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from app.services.signing import open_sitting, sitting_alive
    from ui.idle_lock import IdleLock, UnlockDialog

    sitting = open_sitting(ctx.db, "demo", now())
    assert sitting_alive(ctx.db, sitting, now())
    window = QWidget()
    qtbot.addWidget(window)
    monkeypatch.setattr(UnlockDialog, "exec", lambda self: 1)  # unlocked at once
    IdleLock(window, ctx, 5).lock()
    assert not sitting_alive(ctx.db, sitting, now())
