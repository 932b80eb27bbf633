"""File dialogs open in Documents the first time, then in the folder last used (kept in
this workstation's settings): exports, worksheets, backups, restores, the CTCAE import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui.conftest import activate, enrolled
from ui.export import documents_folder
from ui.main_window import MainWindow
from ui.workstation import LAST_FOLDER, workstation


@pytest.fixture
def asked(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """Every file dialog's title and start path; the user picks tmp/chosen/<name>."""
    seen: list[tuple[str, str]] = []
    chosen = tmp_path / "chosen"
    chosen.mkdir()

    def save(parent, title, start, filters):  # type: ignore[no-untyped-def]
        seen.append((title, start))
        return str(chosen / Path(start).name), filters

    def open_(parent, title, start, filters):  # type: ignore[no-untyped-def]
        seen.append((title, start))
        return "", filters  # cancelled: nothing opened, nothing remembered

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_)
    for kind in ("information", "warning"):  # what the backup says when done
        monkeypatch.setattr(QMessageBox, kind, lambda *a: QMessageBox.StandardButton.Ok)
    workstation().remove(LAST_FOLDER)
    yield seen, chosen
    workstation().remove(LAST_FOLDER)


def test_documents_first_then_the_last_folder_used(qtbot, ctx, asked):
    from tests.conftest import name_the_site

    seen, chosen = asked
    name_the_site(ctx.db)  # an export names the site (refused, in a message, without it)
    enrolled(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    activate(window)
    qtbot.waitUntil(lambda: window.today.loaded)
    overdue = window.today.tables["overdue"]
    overdue.setFocus()
    qtbot.keyClick(overdue, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # export
    title, start = seen[-1]
    assert title == "Export Overdue" and Path(start).parent == documents_folder()
    assert any(chosen.glob("Overdue*.xlsx"))                # written where the user chose
    assert workstation().value(LAST_FOLDER) == str(chosen)  # kept for next time
    window.import_ctcae()                                   # then in the folder last used
    assert seen[-1] == ("Import the CTCAE dictionary", str(chosen))
    window.back_up()
    title, start = seen[-1]
    assert title == "Back up the database" and Path(start).parent == chosen
    assert Path(start).name.endswith(".sqlite")
    window.restore()
    assert seen[-1] == ("Restore a backup", str(chosen))


def test_a_folder_gone_since_falls_back_to_documents(asked, tmp_path):
    from ui.export import start_folder

    workstation().setValue(LAST_FOLDER, str(tmp_path / "unplugged-usb-stick"))
    assert start_folder() == documents_folder()
