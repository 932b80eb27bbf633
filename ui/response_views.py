"""Tumour response on screen: the site's results and pictures (the patient's Response tab
is ui/response_tab.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
from reportlab.graphics.shapes import Drawing

from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.services.database import data_version
from app.services.site_results import SiteAnalysis, SiteResults
from reports.response_plots import PICTURES, save_pdf
from reports.site_pictures import work_out
from ui.context import Context
from ui.drawing_view import DrawingView, save_png
from ui.export import save_path, suggested_file
from ui.i18n import QT_TR_NOOP, said, tr
from ui.operations import Job, Operation, follow
from ui.widgets import GroupingBox, StudyBox

GROUP_COLUMNS = [QT_TR_NOOP("Group"), QT_TR_NOOP("Patients"), QT_TR_NOOP("ORR (confirmed)"),
                 "DCR", QT_TR_NOOP("Median PFS"), QT_TR_NOOP("Median PFS (all events)"),
                 QT_TR_NOOP("Median DOR"), QT_TR_NOOP("Median OS")]


class ResponsePage(QWidget):
    """The site's picture: ORR, DCR, KM medians, and the swimmer, waterfall, spider, KM plots."""

    # (what was asked, the results or the error), as the operation tells them
    results_read = Signal(object, object)
    # (what was asked, the pictures or the error), drawn after the results showed
    pictures_drawn = Signal(object, object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: tuple[object, ...] | None = None  # the study, day and data shown
        self.reading: tuple[object, ...] | None = None  # the results being worked out
        self.analysis: SiteAnalysis | None = None
        self.operation: Operation[dict[str, Drawing]] | None = None  # working them out
        self.results_read.connect(self._show_results)
        self.pictures_drawn.connect(self._show_pictures)
        follow(self, self.refresh)  # data changed while on screen: worked out again
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
        bar.addWidget(QLabel(tr("Results:")))
        self.grouping = GroupingBox(tr("Results for"))
        self.grouping.currentIndexChanged.connect(lambda _i: self.show_groups())
        bar.addWidget(self.grouping)
        self.save_button = QPushButton(tr("Save this picture…"))
        self.save_button.clicked.connect(lambda: self.save_picture())
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        results = QWidget()
        results_layout = QVBoxLayout(results)
        self.groups = QTableWidget(0, len(GROUP_COLUMNS))
        self.groups.setAccessibleName(tr("Results by group"))
        self.groups.setHorizontalHeaderLabels([tr(c) for c in GROUP_COLUMNS])
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.groups.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        results_layout.addWidget(self.groups)
        results_layout.addWidget(QLabel(tr("DLTs per dose level (Part 1, DLT period)")))
        self.dlts = QTableWidget(0, 3)
        self.dlts.setAccessibleName(tr("DLTs by dose level"))
        self.dlts.setHorizontalHeaderLabels([tr("Dose level"), tr("Patients dosed"),
                                             tr("With a DLT")])
        self.dlts.horizontalHeader().setStretchLastSection(True)
        self.dlts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        results_layout.addWidget(self.dlts)
        self.tabs.addTab(results, tr("Results"))
        self.assessments = QTableWidget(0, 5)
        self.assessments.setAccessibleName(tr("Tumour assessments"))
        self.assessments.setHorizontalHeaderLabels(
            [tr("Subject"), tr("Date"), tr("Overall"), tr("Counts for best response"),
             tr("Why, or confirmation")])
        self.assessments.horizontalHeader().setStretchLastSection(True)
        self.assessments.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.assessments, tr("Assessments"))
        self.pictures: dict[str, DrawingView] = {}
        for name in PICTURES:
            view = DrawingView()
            scroll = QScrollArea()
            scroll.setWidget(view)
            scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pictures[name] = view
            self.tabs.addTab(scroll, name)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self._picture_shown())
        self.data: SiteResults | None = None

    def protocol(self) -> Protocol:
        """The study whose results are shown (the app's own study when it is the only one)."""
        return self.study.study() or self.ctx.protocol

    def _picture_shown(self) -> None:
        """Save this picture: only with a picture in front."""
        name = self.tabs.tabText(self.tabs.currentIndex())
        self.save_button.setEnabled(bool(self.data and self.data.courses) and name in PICTURES
                                    and self.pictures[name].picture is not None)

    def show_groups(self) -> None:
        """The results table for the grouping chosen (the site, by part, dose level, cohort):
        every grouping was worked out with the results, so choosing one computes nothing."""
        if self.analysis is None:
            return
        groups = self.analysis.grouped.get(self.grouping.group_by(), [])
        self.groups.setRowCount(len(groups))
        for row, g in enumerate(groups):
            cells = [g.group, str(g.n), str(g.orr), str(g.dcr), str(g.pfs),
                     str(g.pfs_all_events or ""), str(g.dor), str(g.os)]
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
            cells = (subject, fmt_date(t.date), t.overall, tr("yes") if t.counts else tr("no"),
                     t.note)
            for col, text in enumerate(cells):
                self.assessments.setItem(row, col, QTableWidgetItem(text))
        self.assessments.resizeColumnsToContents()

    def refresh(self) -> None:
        """The study's results, worked out and drawn on a worker thread of the app's own
        (the window stays responsive meanwhile); data unchanged since the last look shows
        as it is, nothing read or drawn again."""
        protocol, today = self.protocol(), self.ctx.today()
        key = (protocol.code, today, data_version(self.ctx.db))
        if key in (self.shown, self.reading):
            return
        self.reading = key
        self.summary.setText(tr("Working out the study's results…"))
        for view in self.pictures.values():
            view.set_picture(None)
        db = self.ctx.db

        def work(job: Job) -> dict[str, Drawing]:  # the results told first, then drawn
            return work_out(db, protocol, today, job.tell)[1]

        def failed(exc: Exception) -> None:  # said on the place, never a traceback
            if self.shown != key:
                self.results_read.emit(key, exc)
            self.pictures_drawn.emit(key, exc)

        def alive(call: Callable[[Any], None]) -> Callable[[Any], None]:
            """`call`, unless the place closed meanwhile (nothing to show then)."""
            return lambda value: call(value) if shiboken6.isValid(self) else None

        self.operation = Operation(self, work, title=tr("Response")).news(
            alive(lambda analysis: self.results_read.emit(key, analysis))).success(
                alive(lambda drawn: self.pictures_drawn.emit(key, drawn))).failure(
                    alive(failed)).run()

    def _show_results(self, key: tuple[object, ...], worked: SiteAnalysis | Exception
                      ) -> None:
        if key != self.reading or key == self.shown:
            return  # worked out for a study or data no longer asked for
        if isinstance(worked, Exception):
            self.reading = None
            self.summary.setText(tr("The study's results could not be worked out: {worked}").format(
                    worked=worked))
            return
        self.shown = key
        self.analysis = worked
        self.data = data = self.analysis.results
        self.dlts.setRowCount(len(data.dlts))
        for row, t in enumerate(data.dlts):
            for col, text in enumerate((t.dose_level, str(t.dosed), str(t.with_dlt))):
                self.dlts.setItem(row, col, QTableWidgetItem(text))
        self.dlts.resizeColumnsToContents()
        self.show_groups()
        self.show_assessments()
        if not data.courses:
            self.summary.setText(tr("No dosed patient with scans yet: record scans on a "
                                 "patient's Response tab."))
            self.save_button.setEnabled(False)
            return
        site = self.analysis.grouped[None][0]
        self.summary.setText(
            tr("{n} dosed patients · confirmed ORR <b>{orr}</b> · DCR <b>{dcr}</b> · "
               "median PFS {pfs_months} · median OS {os_months} · median DOR {dor_months} "
               "(Kaplan-Meier)").format(
                       n=site.n, orr=site.orr, dcr=site.dcr, pfs_months=site.pfs.months_text,
                       os_months=site.os.months_text,
                       dor_months=site.dor.months_text if site.orr.count else tr("no responders"))
            + "<br>" + said(site.convention))

    def _show_pictures(self, key: tuple[object, ...], drawn: dict[str, Drawing] | Exception
                       ) -> None:
        if key != self.reading:
            return  # drawn for a study or data no longer asked for
        self.reading = None
        if isinstance(drawn, Exception):
            if key == self.shown:
                self.summary.setText(self.summary.text() + "<br>" + tr(
                    "The pictures could not be drawn: {problem}").format(problem=drawn))
            return
        for name, picture in drawn.items():
            self.pictures[name].set_picture(picture)
        self._picture_shown()

    def save_picture(self, path: str | None = None) -> None:
        """The picture in front as PNG (as painted on screen) or PDF (reportlab's)."""
        name = self.tabs.tabText(self.tabs.currentIndex())
        picture = self.pictures[name].picture if name in self.pictures else None
        if picture is None:
            return
        if not path:
            path = save_path(
                self, tr("Save the {name} plot").format(name=name),
                suggested_file(name, self.study.currentText(), day=self.ctx.today(),
                               ending=".png"),
                tr("PNG image (*.png);;PDF document (*.pdf)"))
        if not path:
            return
        try:
            suffix = Path(path).suffix.lower()
            if suffix not in (".png", ".pdf"):
                raise ValueError(tr("{file}: save the picture as .png or .pdf").format(
                    file=Path(path).name))
            if suffix == ".png":
                save_png(picture, path)
            else:
                save_pdf(picture, path, f"{name} · {self.study.currentText()}")
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, tr("Save the picture"),
                                tr("Cannot write {path}: {exc}").format(path=path, exc=exc))
            return
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(tr("{name} plot written to {path}").format(
                    name=name, path=path), 5000)
