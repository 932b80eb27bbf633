"""Export any list on screen (Ctrl+E or its right-click menu), and where files are offered.

File dialogs open in the user's Documents folder the first time, then in the folder last
used on this workstation (its settings keep it), with a name that says what the file holds
(the listing or the subject and visit, and the day), never in the program's folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ui.context import Context
from ui.i18n import counted, tr


def documents_folder() -> Path:
    where = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(where) if where else Path.home()


def start_folder() -> Path:
    """Where a file dialog opens: the folder last used, else Documents."""
    from ui.workstation import last_folder

    last = last_folder()
    return Path(last) if last else documents_folder()


def suggested_file(*parts: str, day: date | None = None, ending: str = ".xlsx") -> str:
    """A file name in the start folder from what it holds: "101-001_C2D1_25-NOV-2026.pdf"."""
    words = [p for p in parts if p] + ([day.strftime("%d-%b-%Y").upper()] if day else [])
    name = "_".join(re.sub(r"[^\w.-]+", "-", w).strip("-") for w in words) or "export"
    return str(start_folder() / f"{name}{ending}")


def _chosen(path: str) -> str:
    """A file the user chose: its folder is where the next file dialog opens."""
    if path:
        from ui.workstation import remember_folder

        remember_folder(str(Path(path).parent))
    return path


def save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """Ask where to save (`suggested`: a name, or a path whose name is kept and whose folder
    gives way to the start folder); "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    where = start_folder() / Path(suggested).name if suggested else start_folder()
    path, _ = QFileDialog.getSaveFileName(parent, title, str(where), filters)
    return _chosen(path)


def open_path(parent: QWidget, title: str, filters: str) -> str:
    """Ask which file to open, starting in the start folder; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    return _chosen(path)


def who(ctx: Context) -> str:
    """The user as an export names them: full name and role."""
    if ctx.signed is not None:
        return f"{ctx.signed.printed_name} ({ctx.signed.role.word})"
    return ctx.db.actor


def table_rows(view: QAbstractItemView) -> tuple[list[str], list[list[str]]]:
    """The columns and rows of a list as shown (its order, its words)."""
    model = view.model()
    columns = [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
               for c in range(model.columnCount())]
    rows = [[str(model.data(model.index(r, c)) or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    return columns, rows


def export_view(widget: QWidget, ctx: Context, view: QAbstractItemView, listing: str,
                study: str, path: str | None = None) -> None:
    """Ask where, then write the list as shown with its header block."""
    from ui.places.base import SPREADSHEETS, export_to_file

    columns, rows = table_rows(view)

    def write(target: Path) -> str:
        from app.services.exports import export_listing

        n = export_listing(ctx.db, target, listing, study, who(ctx), columns, rows)
        return tr("{listing}: {rows}").format(
            listing=listing, rows=counted(n, tr("{n} row"), tr("{n} rows")))

    export_to_file(widget, tr("Export {listing}").format(listing=listing), suggested_file(
        listing, study, day=ctx.today()), SPREADSHEETS, path, write)


def make_exportable(view: QAbstractItemView, ctx: Context, listing: str | Callable[[], str],
                    study: Callable[[], str]) -> QAction:
    """Ctrl+E in the list, or its right-click menu: export it as shown. (`listing` may be
    asked when exporting: a patient's lists carry the subject, known once the page is read.)"""
    if not view.accessibleName():  # what a screen reader calls the list
        view.setAccessibleName(listing if isinstance(listing, str) else tr("List"))
    action = QAction(tr("Export this list…"), view)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: export_view(
        view, ctx, view, listing() if callable(listing) else listing, study()))
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action
