"""Import USDM… by keyboard: the file read (F5), the draft beside the USDM's schedule of
activities and, for a study here, beside the protocol in force; each review item ticked
with Space; Save writes the draft, then the study is added or amended as from its file."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.app.exchange.usdm_files import small_study
from ui.studies_admin import AmendDialog, StudiesTab
from ui.usdm_import import UsdmImportDialog

from .conftest import activate

IMP = Path(__file__).resolve().parents[2] / "resources" / "protocols" / "imp7068.usdm.json"


def _key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def _read(qtbot, dialog: UsdmImportDialog, source: Path) -> None:
    activate(dialog)
    qtbot.keyClicks(dialog.fields["file"], str(source))
    _key(qtbot, dialog.fields["file"], Qt.Key.Key_F5)


def _tick_all(qtbot, dialog: UsdmImportDialog) -> None:
    dialog.review.setFocus()
    for i in range(dialog.review.count()):
        _key(qtbot, dialog.review, Qt.Key.Key_Space)
        if i + 1 < dialog.review.count():
            _key(qtbot, dialog.review, Qt.Key.Key_Down)


def test_a_new_study_from_its_usdm_file(qtbot, ctx, tmp_path):
    source = tmp_path / "small.json"
    source.write_text(json.dumps(small_study()), encoding="utf-8")
    tab = StudiesTab(ctx)
    qtbot.addWidget(tab)
    dialog = UsdmImportDialog(ctx, tab)
    qtbot.addWidget(dialog)
    _read(qtbot, dialog, source)
    assert dialog.error.isHidden(), dialog.error.text()
    assert "D8         Cycle 1 Day 8 (Treatment): Haematology" in dialog.soa.toPlainText()
    assert "D8         treatment          first_dose      +7 -1/+1  Cycle 1 Day 8" in \
        dialog.draft.toPlainText()
    assert "A new study" in dialog.changes.toPlainText()
    assert dialog.review.count() == 2
    # Save with a decision open: refused on the review list, nothing written
    _key(qtbot, dialog.review, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "2 review items are not decided" in dialog.error.text()
    assert not (tmp_path / "small.draft.toml").exists()
    _tick_all(qtbot, dialog)
    activate(dialog)
    _key(qtbot, dialog.review, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert dialog.draft_path == tmp_path / "small.draft.toml" and dialog.study is None
    assert "decided = false" not in dialog.draft_path.read_text(encoding="utf-8")

    add = tab.after_import(dialog.draft_path, dialog.study)
    assert add is not None
    qtbot.addWidget(add)
    activate(add)
    assert add.path.text() == str(tmp_path / "small.draft.toml")
    _key(qtbot, add.path, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert add.result() == QDialog.DialogCode.Accepted, add.error.text()
    tab.refresh()
    assert "SMALL-1" in [s.code for s in tab.model.rows]


def test_an_amendment_is_shown_against_the_protocol_in_force(qtbot, ctx, tmp_path):
    data = json.loads(IMP.read_text(encoding="utf-8"))
    version = data["study"]["versions"][0]
    version["versionIdentifier"] = "Amendment 2"
    main = version["studyDesigns"][0]["scheduleTimelines"][0]
    c1d8 = next(t for t in main["timings"]
                if t["relativeFromScheduledInstanceId"].endswith("_C1D8"))
    c1d8.update(windowLower="P2D", windowUpper="P2D")
    source = tmp_path / "imp7068-a2.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    tab = StudiesTab(ctx)
    qtbot.addWidget(tab)
    dialog = UsdmImportDialog(ctx, tab)
    qtbot.addWidget(dialog)
    _read(qtbot, dialog, source)
    assert dialog.study is not None and dialog.study.code == "IMP7068-101"
    assert dialog.changes.toPlainText() == (
        "Visit C1D8: C1D1 +7 days, window -1/+1 → C1D1 +7 days, window -2/+2")
    _tick_all(qtbot, dialog)
    activate(dialog)
    _key(qtbot, dialog.review, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    amend = tab.after_import(dialog.draft_path, dialog.study)
    assert isinstance(amend, AmendDialog)
    qtbot.addWidget(amend)
    activate(amend)
    qtbot.keyClicks(amend.fields["effective"].edit, "01-FEB-2026")
    _key(qtbot, amend.fields["effective"].edit, Qt.Key.Key_F5)
    assert amend.report.toPlainText().startswith("Amendment 2, applying from 01-FEB-2026"), \
        amend.error.text()
    _key(qtbot, amend.fields["effective"].edit, Qt.Key.Key_S,
         Qt.KeyboardModifier.ControlModifier)
    assert amend.result() == QDialog.DialogCode.Accepted, amend.error.text()


def test_a_file_that_is_not_usdm_is_said_on_its_field(qtbot, ctx, tmp_path):
    source = tmp_path / "x.json"
    source.write_text('{"usdmVersion": "3.0.0", "study": {}}', encoding="utf-8")
    dialog = UsdmImportDialog(ctx)
    qtbot.addWidget(dialog)
    _read(qtbot, dialog, source)
    assert "this import reads USDM v4 files only" in dialog.error.text()
    assert dialog.fields["file"].text() == str(source) and dialog.review.count() == 0
    _key(qtbot, dialog.fields["file"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Read the file first" in dialog.error.text()
