"""The main window: menu, the current place in the centre, a status bar naming the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.services.database import Database, overview, verify_audit_trail
from app.services.demo import is_demo


class EmptyState(QWidget):
    """What the centre shows before there is anything to list: what to do next."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(hint)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("Site Tracker")
        self.resize(1200, 780)
        self._build_menu()
        self._build_status_bar()
        self.refresh()

    def _build_menu(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        tools = bar.addMenu("&Tools")
        self.verify_action = QAction("&Verify audit trail", self)
        self.verify_action.triggered.connect(self.verify_audit_trail)
        tools.addAction(self.verify_action)

        help_menu = bar.addMenu("&Help")
        about = QAction("&About Site Tracker", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.db_label = QLabel(f"Database: {self.db.display_name}")
        self.user_label = QLabel(f"User: {self.db.actor}")
        status.addWidget(self.db_label, 1)
        status.addPermanentWidget(self.user_label)
        self.demo_label = QLabel("DEMO")
        self.demo_label.setStyleSheet(
            "QLabel { background: #b45309; color: white; font-weight: bold; padding: 0 6px; }"
        )
        status.addPermanentWidget(self.demo_label)
        self.demo_label.setVisible(is_demo(self.db))

    def refresh(self) -> None:
        info = overview(self.db)
        if info.patients == 0:
            page = EmptyState(
                "No patients yet",
                "Enrol a patient to build the calendar of visits. "
                "Until then the database is ready and its audit trail is empty.",
            )
        else:
            page = EmptyState(
                f"{info.patients} patient{'s' if info.patients != 1 else ''} on record",
                f"{info.audit_entries} audited changes in the audit trail "
                "(Tools ▸ Verify audit trail).",
            )
        self.setCentralWidget(page)

    def verify_audit_trail(self) -> None:
        report = verify_audit_trail(self.db)
        if report.intact:
            QMessageBox.information(
                self, "Audit trail", f"The audit trail is intact: {report.count} entries."
            )
        else:
            QMessageBox.critical(
                self, "Audit trail",
                f"The audit trail is broken at entry {report.broken_seq}.\n\n{report.problem}",
            )

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About Site Tracker",
            f"Site Tracker {__version__}\n\nPatient calendars, visits, PK, adverse events and "
            f"tumour response for the IMP7068-101 study.\n\nDatabase: {self.db.display_name}",
        )
