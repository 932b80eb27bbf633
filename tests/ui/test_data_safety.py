"""Two nurses on one visit, backups from the File menu: driven through the real widgets."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.services.patients import patient_page
from app.services.visits import VisitEntry, record_visit
from tests.ui.conftest import TODAY, activate
from tests.ui.test_patient_flow import _enrolled_window, _type


def _ctrl_s(qtbot, dialog) -> None:
    activate(dialog)
    qtbot.keyClick(dialog.fields["comment"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_visit_saved_meanwhile_is_not_reverted_and_the_input_is_kept(qtbot, ctx):
    window = _enrolled_window(qtbot, ctx)
    view = window.patient_view
    dialog = view.visit_dialog("LI")
    qtbot.addWidget(dialog)
    activate(dialog)
    # meanwhile, at another workstation, a colleague books the visit
    ctx.db.actor = "coordinator_b"
    record_visit(ctx.db, ctx.protocol, view.patient_id, "LI",
                 VisitEntry(booked_date=TODAY.replace(day=5, month=1), booked_time=time(8, 0)),
                 TODAY)
    ctx.db.actor = "nurse_a"
    _type(qtbot, dialog, "booked_time", "10:30")
    qtbot.keyClicks(dialog.fields["comment"], "fasting since midnight")
    _ctrl_s(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted            # still open
    message = dialog.error.text()
    assert "coordinator_b" in message and "Booked time" in message
    assert "booked_time" not in message and "-2026" in message           # words and our dates
    assert dialog.fields["comment"].toPlainText() == "fasting since midnight"   # kept
    stored = patient_page(ctx.db, ctx.protocol, view.patient_id, TODAY).records["LI"]
    assert stored.booked_time == time(8, 0) and stored.comment is None  # nothing saved
    # the nurse has read it; she gives why and saves again: her changes go on top
    assert dialog.fields["reason"].isVisibleTo(dialog)
    qtbot.keyClicks(dialog.fields["reason"], "patient asked for later")
    _ctrl_s(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = patient_page(ctx.db, ctx.protocol, view.patient_id, TODAY).records["LI"]
    assert stored.booked_time == time(10, 30) and stored.comment == "fasting since midnight"
    assert stored.booked_date == TODAY.replace(day=5, month=1)          # hers kept


def test_back_up_and_restore_from_the_file_menu(qtbot, ctx, tmp_path, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *a: told.append("WARNING " + text))
    window = _enrolled_window(qtbot, ctx)
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Back up the database…" in actions
    assert "&Restore a backup into a new file…" in actions
    window.back_up(str(tmp_path / "copy.sqlite"))
    assert told[-1].startswith(f"Backed up to {tmp_path / 'copy.sqlite'}: 1 patient and ")
    window.restore(str(tmp_path / "copy.sqlite"), str(tmp_path / "restored.sqlite"))
    assert "Restored into" in told[-1] and "was not changed" in told[-1]
    window.restore(str(tmp_path / "copy.sqlite"), str(tmp_path / "restored.sqlite"))
    assert told[-1].startswith("WARNING") and "never over" in told[-1]
    window.set_backup_keep(5)
    assert "5 daily backups" in window.statusBar().currentMessage()


def test_a_backup_without_its_manifest_is_restored_only_when_the_user_says_so(
        qtbot, ctx, tmp_path, monkeypatch):
    told: list[str] = []
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *a: told.append("WARNING " + text))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a: asked.append(text) or answers.pop(0))
    window = _enrolled_window(qtbot, ctx)
    window.back_up(str(tmp_path / "copy.sqlite"))
    (tmp_path / "copy.sqlite.manifest.json").unlink()
    window.restore(str(tmp_path / "copy.sqlite"), str(tmp_path / "restored.sqlite"))
    assert "has no manifest" in asked[-1] and not (tmp_path / "restored.sqlite").exists()
    window.restore(str(tmp_path / "copy.sqlite"), str(tmp_path / "restored.sqlite"))
    assert (tmp_path / "restored.sqlite").exists()
    assert told[-1].startswith("WARNING Restored WITHOUT its manifest")
    assert "the replay: every record matches" in told[-1]
