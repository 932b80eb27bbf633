"""The user guide inside the app: one page per job (resources/guide/*.md), opened from
Help > User guide or with F1 in a window, at that window's page."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QMenu,
    QTextBrowser,
    QWidget,
)

from ui.i18n import QT_TR_NOOP, tr

#: the pages in the guide's order: (file name without .md, title)
PAGES = (("index", QT_TR_NOOP("Contents")), ("enrol", QT_TR_NOOP("Enrol a patient")),
         ("visit", QT_TR_NOOP("Book or record a visit")), ("pk", QT_TR_NOOP("A PK day")),
         ("specimens", QT_TR_NOOP("PK specimens and shipments")),
         ("ae", QT_TR_NOOP("Log an adverse event")), ("scan", QT_TR_NOOP("Record a scan")),
         ("end-treatment", QT_TR_NOOP("End treatment and follow-up")),
         ("clinic-day", QT_TR_NOOP("Print the clinic day")),
         ("corrections", QT_TR_NOOP("Correct a record, the audit trail")),
         ("deviations", QT_TR_NOOP("Deviations")), ("queries", QT_TR_NOOP("Queries")),
         ("dosing", QT_TR_NOOP("Dosing: modifications and dispensing")),
         ("conmeds", QT_TR_NOOP("Vital signs, ECG, con-meds and history")),
         ("escalation", QT_TR_NOOP("Dose escalation")),
         ("labs", QT_TR_NOOP("Lab results and their grades")),
         ("sign", QT_TR_NOOP("Sign as the investigator")),
         ("studies", QT_TR_NOOP("Studies and amendments")),
         ("monitoring", QT_TR_NOOP("The monitor's visit")),
         ("settings", QT_TR_NOOP("Settings and setting up")))


def page_text(name: str) -> str:
    return files("resources.guide").joinpath(f"{name}.md").read_text(encoding="utf-8")


class GuideWindow(QDialog):
    def __init__(self, page: str = "index", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Site Tracker: user guide"))
        layout = QHBoxLayout(self)
        self.pages = QListWidget()
        self.pages.setAccessibleName(tr("Pages of the guide"))
        self.pages.setMaximumWidth(230)
        for _name, title in PAGES:
            self.pages.addItem(tr(title))
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._follow)
        layout.addWidget(self.pages)
        layout.addWidget(self.text, 1)
        self.pages.currentRowChanged.connect(lambda row: self.show_page(PAGES[row][0]))
        self.resize(820, 560)
        self.show_page(page)

    def show_page(self, name: str) -> None:
        names = [n for n, _t in PAGES]
        row = names.index(name) if name in names else 0
        self.text.setMarkdown(page_text(names[row]))
        self.current = names[row]
        if self.pages.currentRow() != row:
            self.pages.setCurrentRow(row)

    def _follow(self, url: QUrl) -> None:
        self.show_page(url.path().removesuffix(".md"))


def open_guide(parent: QWidget | None, page: str = "index") -> GuideWindow:
    """The guide at `page`, without blocking the window it helps with."""
    guide = GuideWindow(page, parent)
    guide.show()
    return guide


def add_help_menu(menu: QMenu, parent: QWidget, about: Callable[[], None]) -> None:
    """Help > User guide (F1), and About."""
    guide = QAction(tr("User &guide"), parent)
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    guide.triggered.connect(lambda: open_guide(parent))
    menu.addAction(guide)
    about_action = QAction(tr("&About Site Tracker"), parent)
    about_action.triggered.connect(about)
    menu.addAction(about_action)
