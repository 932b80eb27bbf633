"""File > Restore a backup into a new file: the backup checked, the database in use untouched.

A backup without its manifest is restored only when the user says so explicitly; what was
checked is listed in the answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ui.i18n import said, tr

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def restore_into_new_file(window: MainWindow, backup: str | None = None,
                          target: str | None = None) -> None:
    from app.services import database as site
    from ui.export import open_path, save_path

    if not backup:
        backup = open_path(window, tr("Restore a backup"), tr("Site Tracker backup (*.sqlite)"))
    if not backup:
        return
    if not target:
        target = save_path(window, tr("Restore into a new file"), "",
                           tr("Site Tracker database (*.sqlite)"))
    if not target:
        return
    without = False
    if not Path(f"{backup}.manifest.json").exists():
        answer = QMessageBox.question(
            window, tr("Restore a backup"),
            tr("{backup} has no manifest beside it: nothing shows it is the file that was "
               "backed up. Restore it anyway, relying only on the checks of its content?"
               ).format(backup=backup),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        without = True
    try:
        report = site.restore_backup(backup, target, without_manifest=without)
    except site.DatabaseRefused as exc:
        QMessageBox.warning(window, tr("Restore a backup"), said(exc))
        return
    checks = "\n".join(f"• {check}" for check in report.checked)
    text = tr("Restored into {target}: {holds}. Checked:\n{checks}\nThe database in use "
              "was not changed. To work in the restored copy, start Site Tracker with: "
              "sitetrack --db sqlite:///{target}").format(
                  target=target, holds=site.holds(report.patients, report.audit_entries),
                  checks=checks)
    if report.warning:
        QMessageBox.warning(window, tr("Restore a backup"),
                            tr("Restored WITHOUT its manifest.") + "\n" + text)
        return
    QMessageBox.information(window, tr("Restore a backup"), text)
