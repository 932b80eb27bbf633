"""Deviations: every deviation the rules see, derived from the data, filtered by patient,
kind, date and status, reviewed by the site (important or not, category, comment)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from app.rules.dates import fmt_date
from app.services.database import data_version
from app.services.deviation_log import (
    LOG_COLUMNS,
    NEW,
    REVIEWED,
    Deviation,
    DeviationKind,
    deviation_log,
    review_deviation,
)
from ui.context import Context
from ui.export import export_view
from ui.forms import FormDialog
from ui.i18n import counted, tr
from ui.places.base import Place, stacked
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel
from ui.widgets import DateField, EmptyState, FilterBox, StudyBox, subject_search

#: the log's columns that hold the app's own words (the others hold what was recorded)
WORDED = ("Kind", "Status", "Important")


def _in_words(cell: Callable[[Deviation], str]) -> Callable[[Deviation], str]:
    return lambda d: tr(cell(d))

class ReviewDialog(FormDialog):
    """The site's review of one deviation; a review already saved changes with a reason."""
    help_page = "deviations"

    def __init__(self, ctx: Context, deviation: Deviation, parent: QWidget | None = None
                 ) -> None:
        super().__init__(tr("Review a deviation"), parent)
        self.ctx, self.deviation = ctx, deviation
        d = deviation
        self.intro.setText(
            tr("<b>{subject_id} · {what}</b> ({study})<br>{word} on {day}: {detail}").format(
                subject_id=d.subject_id, what=d.what, study=d.study, word=tr(d.kind.word),
                day=fmt_date(d.day), detail=d.detail)
            + (tr("<br>Recorded why: {reason}").format(reason=d.reason) if d.reason else ""))
        self.intro.show()
        important = QCheckBox(tr("Important (may affect the patient's safety, rights or the "
                              "data's reliability)"))
        important.setChecked(bool(d.important))
        self.add("important", "", important)
        categories = ctx.study_protocol(d.study_id).deviation_categories
        self.choice("category", tr("Category"), [("", None)] + [(c, c) for c in categories],
                    d.category)
        self.text_box("comment", tr("Comment"), d.comment or "")
        self.reason_field(d.reviewed_at is not None)

    def save(self) -> None:
        def act() -> None:
            important = self.field("important", QCheckBox).isChecked()
            review_deviation(self.ctx.db, self.deviation, important,
                             self.read_choice("category"), self.read_text("comment") or None,
                             reason=self.read_text("reason") or None)
        if self.attempt(act):
            self.accept()


class DeviationsPage(Place):
    """For the monitor and the site: the deviation log, reviewed, exportable."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.log: list[Deviation] = []
        self.log_key: tuple[object, ...] | None = None
        self.search = subject_search()
        bar.addWidget(self.search)
        self.study = StudyBox(ctx)
        bar.addWidget(self.study)
        self.kind = FilterBox()
        self.kind.setAccessibleName(tr("Kind of deviation"))
        self.kind.addItem(tr("All kinds"), None)
        for kind in DeviationKind:
            self.kind.addItem(tr(kind.word), kind.value)
        bar.addWidget(self.kind)
        self.status = FilterBox()
        self.status.setAccessibleName(tr("Review status"))
        for text, value in ((tr("New and reviewed"), None), (tr("New"), NEW),
                            (tr("Reviewed"), REVIEWED)):
            self.status.addItem(text, value)
        bar.addWidget(self.status)
        self.since, self.until = DateField(), DateField()
        self.since.edit.setAccessibleName(tr("From date"))
        self.until.edit.setAccessibleName(tr("To date"))
        for label, field in ((tr("From"), self.since), (tr("to"), self.until)):
            bar.addWidget(QLabel(label))
            bar.addWidget(field)
        bar.addStretch(1)
        self.export_button = QPushButton(tr("Export…"))
        self.export_button.setToolTip(tr("The deviations shown, to CSV or XLSX (Ctrl+E)"))
        self.export_button.clicked.connect(lambda: self.export())
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.count = QLabel()
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        # the log's own columns (the command line exports the same); the date sorts as one
        self.model = RowTableModel([
            Column(tr(name), _in_words(cell) if name in WORDED else cell,
                   (lambda d: d.day) if name == "Date" else None,
                   status=(lambda d: "missed" if d.kind == DeviationKind.MISSED
                           else "done_out_of_window") if name == "Kind" else None)
            for name, cell in LOG_COLUMNS])
        self.table = RowTable(self.model)
        self.exportable(self.table, tr("Deviations"))
        self.table.setToolTip(tr("Enter or a double click reviews the deviation"))
        self.table.opened.connect(lambda d: self.review(d))
        self.empty = EmptyState(tr("No deviations"),
                                tr("Nothing the rules can see went outside the "
                                "protocol, or none matches the filters."))
        self.stack = stacked(layout, self.table, self.empty)
        for box in (self.study, self.kind, self.status):
            box.currentIndexChanged.connect(self.refresh)
        for field in (self.since, self.until):
            field.changed.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)

    def _dates(self) -> tuple[date | None, date | None]:
        try:
            return self.since.date(), self.until.date()
        except ValueError:
            return None, None  # a date half typed: the filter waits for the rest

    def refresh(self) -> None:
        now = self.ctx.now()
        # read again only when the data (or the minute, for the SAE clocks) changed
        key = (self.study.study_id(), data_version(self.ctx.db), now.replace(second=0,
                                                                              microsecond=0))
        if key != self.log_key:
            self.log, self.log_key = deviation_log(self.ctx.db, key[0], now), key
        log = self.log
        kind, status = self.kind.currentData(), self.status.currentData()
        since, until = self._dates()
        text = self.search.text().strip().upper()
        rows = [d for d in log
                if (kind is None or d.kind == kind) and (status is None or d.status == status)
                and (since is None or d.day >= since) and (until is None or d.day <= until)
                and (not text or text in d.subject_id.upper())]
        self.model.set_rows(rows)
        new = sum(d.status == NEW for d in rows)
        self.count.setText(tr("{deviations} shown, {new} not reviewed yet, {important} "
                              "important").format(
                deviations=counted(len(rows), tr("{n} deviation"), tr("{n} deviations")),
                new=new, important=sum(bool(d.important) for d in rows)))
        self.export_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(0 if rows else 1)

    def review(self, deviation: Deviation) -> None:
        if ReviewDialog(self.ctx, deviation, self).exec():
            self.refresh()

    def export(self, path: str | None = None) -> None:
        export_view(self, self.ctx, self.table, tr("Deviations"), self.study_label(), path)
