"""Tumour response on screen: the site's results and pictures (the patient's Response tab
is ui/response_tab.py)."""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dates import fmt_date
from app.protocol import Protocol
from app.services.database import data_version
from app.services.site_results import PatientCourse, SiteResults, group_results, site_results
from ui.context import Context
from ui.export import suggested_file
from ui.widgets import GroupingBox, StudyBox

#: matplotlib's one thread: the site's pictures are drawn there, never on the GUI thread
PAINTER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pictures")


def draw_pictures(courses: list[PatientCourse]) -> dict[str, bytes]:
    """Every picture of the site's results as PNG (on the painter's thread)."""
    from reports.response_plots import PICTURES, png_bytes

    return {name: png_bytes(draw(courses)) for name, draw in PICTURES.items()}


GROUP_COLUMNS = ["Group", "Patients", "ORR (confirmed)", "DCR", "Median PFS", "Median DOR",
                 "Median OS"]


def _pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+.1f} %"


class ResponsePage(QWidget):
    """The site's picture: ORR, DCR, KM medians, and the swimmer, waterfall, spider, KM plots."""

    #: (what was drawn, {picture: PNG}) from the drawing thread
    pictures_drawn = Signal(object, object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: tuple[object, ...] | None = None  # the study, day and data shown
        self.wanted: tuple[object, ...] | None = None  # the pictures being drawn
        self.drawn: dict[tuple[object, ...], dict[str, bytes]] = {}
        self.pictures_drawn.connect(self._show_pictures)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.study = StudyBox(ctx, everyone=False)  # endpoints are one study's
        self.study.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.study)
        bar.addStretch(1)
        bar.addWidget(QLabel("Results:"))
        self.grouping = GroupingBox("Results for")
        self.grouping.currentIndexChanged.connect(lambda _i: self.show_groups())
        bar.addWidget(self.grouping)
        self.save_button = QPushButton("Save this picture…")
        self.save_button.clicked.connect(lambda: self.save_picture())
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        results = QWidget()
        results_layout = QVBoxLayout(results)
        self.groups = QTableWidget(0, len(GROUP_COLUMNS))
        self.groups.setHorizontalHeaderLabels(GROUP_COLUMNS)
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.groups.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        results_layout.addWidget(self.groups)
        results_layout.addWidget(QLabel("DLTs per dose level (Part 1, DLT period)"))
        self.dlts = QTableWidget(0, 3)
        self.dlts.setHorizontalHeaderLabels(["Dose level", "Patients dosed", "With a DLT"])
        self.dlts.horizontalHeader().setStretchLastSection(True)
        self.dlts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        results_layout.addWidget(self.dlts)
        self.tabs.addTab(results, "Results")
        self.assessments = QTableWidget(0, 5)
        self.assessments.setHorizontalHeaderLabels(
            ["Subject", "Date", "Overall", "Counts for best response", "Why, or confirmation"])
        self.assessments.horizontalHeader().setStretchLastSection(True)
        self.assessments.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.assessments, "Assessments")
        self.images: dict[str, QLabel] = {}
        from reports.response_plots import PICTURES

        for name in PICTURES:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            scroll = QScrollArea()
            scroll.setWidget(label)
            scroll.setWidgetResizable(True)
            self.images[name] = label
            self.tabs.addTab(scroll, name)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self._picture_shown())
        self.data: SiteResults | None = None

    def protocol(self) -> Protocol:
        """The study whose results are shown (the app's own study when it is the only one)."""
        return self.study.study() or self.ctx.protocol

    def _picture_shown(self) -> None:
        """Save this picture: only with a picture in front."""
        from reports.response_plots import PICTURES

        name = self.tabs.tabText(self.tabs.currentIndex())
        self.save_button.setEnabled(bool(self.data and self.data.courses) and name in PICTURES)

    def show_groups(self) -> None:
        """The results table for the grouping chosen (the site, by part, dose level, cohort)."""
        if self.data is None:
            return
        groups = group_results(self.data.courses, self.protocol(), self.grouping.group_by())
        self.groups.setRowCount(len(groups))
        for row, g in enumerate(groups):
            cells = [g.group, str(g.n), str(g.orr), str(g.dcr), str(g.pfs), str(g.dor),
                     str(g.os)]
            for col, text in enumerate(cells):
                self.groups.setItem(row, col, QTableWidgetItem(text))
        self.groups.resizeColumnsToContents()

    def show_assessments(self) -> None:
        """Every follow-up assessment at the site: whether it counts, and why not or where
        its confirmation stands."""
        assert self.data is not None
        rows = [(c.subject_id, t) for c in self.data.courses for t in c.timepoints]
        self.assessments.setRowCount(len(rows))
        for row, (subject, t) in enumerate(rows):
            cells = (subject, fmt_date(t.date), t.overall, "yes" if t.counts else "no", t.note)
            for col, text in enumerate(cells):
                self.assessments.setItem(row, col, QTableWidgetItem(text))
        self.assessments.resizeColumnsToContents()

    def refresh(self) -> None:
        """The study's results; unchanged data since the last look shows as it is (nothing
        is read or drawn again), and the pictures are drawn off the GUI thread."""
        key = (self.protocol().code, self.ctx.today(), data_version(self.ctx.db))
        if key == self.shown:
            return
        self.shown = key
        self.data = data = site_results(self.ctx.db, self.protocol(), self.ctx.today())
        self.dlts.setRowCount(len(data.dlts))
        for row, t in enumerate(data.dlts):
            for col, text in enumerate((t.dose_level, str(t.dosed), str(t.with_dlt))):
                self.dlts.setItem(row, col, QTableWidgetItem(text))
        self.dlts.resizeColumnsToContents()
        self.show_groups()
        self.show_assessments()
        if not data.courses:
            self.summary.setText("No dosed patient with scans yet: record scans on a "
                                 "patient's Response tab.")
            for label in self.images.values():
                label.clear()
            self.save_button.setEnabled(False)
            return

        site = group_results(data.courses, self.protocol())[0]
        self.summary.setText(
            f"{site.n} dosed patients · confirmed ORR <b>{site.orr}</b> · DCR "
            f"<b>{site.dcr}</b> · median PFS {site.pfs.months_text} · median OS "
            f"{site.os.months_text} · median DOR "
            f"{site.dor.months_text if site.orr.count else 'no responders'} (Kaplan-Meier)")
        self._draw(key, data.courses)
        self._picture_shown()

    def _draw(self, key: tuple[object, ...], courses: list[PatientCourse]) -> None:
        if key in self.drawn:
            self._show_pictures(key, self.drawn[key])
            return
        self.wanted = key
        for label in self.images.values():
            label.setPixmap(QPixmap())
            label.setText("Drawing…")

        def done(future: Future[dict[str, bytes]]) -> None:
            try:
                pngs = future.result()
            except Exception:  # a picture that cannot be drawn says so in its place
                pngs = {name: b"" for name in self.images}
            with contextlib.suppress(RuntimeError):  # the place closed meanwhile: no one to show
                self.pictures_drawn.emit(key, pngs)
        PAINTER.submit(draw_pictures, courses).add_done_callback(done)

    def _show_pictures(self, key: tuple[object, ...], pngs: dict[str, bytes]) -> None:
        self.drawn = {key: pngs}  # the last drawn, for coming back to the same data
        if key != self.wanted and key != self.shown:
            return  # drawn for data no longer shown
        for name, png in pngs.items():
            pixmap = QPixmap()
            if png and pixmap.loadFromData(png):
                self.images[name].setPixmap(pixmap)
            else:
                self.images[name].setText("This picture could not be drawn.")

    def save_picture(self, path: str | None = None) -> None:
        from reports.response_plots import PICTURES, save

        name = self.tabs.tabText(self.tabs.currentIndex())
        if name not in PICTURES:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, f"Save the {name} plot",
                suggested_file(name, self.study.currentText(), day=self.ctx.today(),
                               ending=".png"),
                "PNG image (*.png);;PDF document (*.pdf)")
        if not path or self.data is None:
            return
        courses = self.data.courses
        try:  # matplotlib on its one thread, as the pictures on screen are drawn
            PAINTER.submit(lambda: save(PICTURES[name](courses), path)).result()
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Save the picture", f"Cannot write {path}: {exc}")
            return
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"{name} plot written to {path}", 5000)

