"""To sign: the investigator's list of what waits for their e-signature in one study, oldest
first, filtered by kind (with the count of each), subject and age. One study at a time: each
record still at the version signed is read whole to check its values, and a shared server's
every study would be millions.

Enter (or a double click) reviews the selected rows one after another and signs them in one
sitting (ui/sign_dialog.py); "Sign all shown…" (Ctrl+Shift+S) takes every row shown. A record
edited after it was signed comes back, saying since when; one changed outside the app says
its signature is broken.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from app.rules.dates import fmt_date
from app.rules.signing import Sitting
from app.services.signatures import KIND_WORDS, ToSign, to_sign
from app.services.signing import SignFilter, waiting
from ui.context import Context
from ui.i18n import QT_TR_NOOP, tr
from ui.places.base import Place, stacked, tell
from ui.row_table import RowTable
from ui.sign_dialog import SignDialog, item_state
from ui.table_model import ROW_ROLE, Column, RowTableModel
from ui.widgets import EmptyState, FilterBox, StudyBox

__all__ = ["SignDialog", "ToSignPage"]

# the ages To sign filters by: (words, at least this many days old)
AGES: tuple[tuple[str, int | None], ...] = (
    (QT_TR_NOOP("Any age"), None), (QT_TR_NOOP("Older than 7 days"), 7),
    (QT_TR_NOOP("Older than 30 days"), 30), (QT_TR_NOOP("Older than 90 days"), 90))


class ToSignPage(Place):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.sitting: Sitting | None = None  # the password's sitting, kept between dialogs
        self.count = QLabel()
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.kind: QComboBox = FilterBox()
        self.kind.setAccessibleName(tr("Kind"))
        self.kind.addItem(tr("Every kind"), None)
        for kind, words in KIND_WORDS.items():
            self.kind.addItem(tr(words), kind)
        self.study = StudyBox(ctx, everyone=False)
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(tr("Subject"))
        self.subject.setAccessibleName(tr("Subject"))
        self.subject.setClearButtonEnabled(True)
        self.age: QComboBox = FilterBox()
        self.age.setAccessibleName(tr("Age"))
        for words, days in AGES:
            self.age.addItem(tr(words), days)
        self.sign_button = QPushButton(tr("Review and sign…"))
        self.sign_button.setToolTip(tr("Review the selected items one after another and sign "
                                       "them with one password (Enter)"))
        self.sign_button.clicked.connect(lambda: self.sign_selected())
        self.all_button = QPushButton(tr("Sign all shown…"))
        self.all_button.setToolTip(tr("Review every item shown one after another and sign "
                                      "them with one password (Ctrl+Shift+S)"))
        self.all_button.clicked.connect(lambda: self.sign_all_shown())
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, self.sign_all_shown)
        for w in (self.kind, self.study, self.subject, self.age, self.sign_button,
                  self.all_button):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        for box in (self.kind, self.age):
            box.currentIndexChanged.connect(self.show_chosen)
        self.study.currentIndexChanged.connect(self.refresh)
        self.subject.textChanged.connect(self.show_chosen)
        self.read: list[ToSign] | None = None  # the list as last read, filtered on screen
        self.model = RowTableModel([
            Column(tr("Date"), lambda t: fmt_date(t.when), lambda t: t.when),
            Column(tr("Subject"), lambda t: t.subject_id),
            Column(tr("What"), lambda t: tr(KIND_WORDS[t.kind])),
            Column(tr("Record"), lambda t: t.what),
            Column(tr("State"), item_state,
                   status=lambda t: "overdue" if t.signature else "planned"),
        ])
        self.table = RowTable(self.model)
        self.exportable(self.table, tr("To sign"))
        self.table.opened.connect(lambda _row: self.sign_selected())
        for i, width in enumerate((110, 90, 260, 320)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState(tr("Nothing to sign"),
                                tr("Every AE assessment, DLT decision, tumour "
                                "response and visit is signed as it stands."))
        self.stack = stacked(layout, self.table, self.empty)

    def chosen(self) -> SignFilter:
        return SignFilter(kind=self.kind.currentData(), study_id=self.study.study_id(),
                          subject=self.subject.text(), older_than_days=self.age.currentData())

    def refresh(self) -> None:
        self.read = to_sign(self.ctx.db, self.study.study_id())
        self.show_chosen()

    def show_chosen(self) -> None:
        """The list as last read, filtered by the bar's choices (read again by refresh)."""
        if self.read is None:
            self.refresh()
            return
        found = waiting(self.ctx.db, self.chosen(), self.ctx.today(), self.read)
        rows = found.items
        self.model.set_rows(rows)
        self.kind.setItemText(0, tr("Every kind ({count})").format(
            count=sum(found.counts.values())))
        for i in range(1, self.kind.count()):
            kind = self.kind.itemData(i)
            self.kind.setItemText(i, tr("{kind} ({count})").format(
                kind=tr(KIND_WORDS[kind]), count=found.counts.get(kind, 0)))
        by_kind = ", ".join(tr("{count} {kind}").format(count=n, kind=tr(KIND_WORDS[k]))
                            for k, n in found.counts.items() if n)
        self.count.setText(tr("{rows} to sign, oldest first").format(rows=len(rows))
                           + (tr("; {stale} changed since signed").format(
                                   stale=found.changed) if found.changed else "")
                           + (f" ({by_kind})" if by_kind else ""))
        # nothing at all in the study: the empty state; nothing the filters leave: the list
        # stays (the study is always chosen: it is not one of the filters here)
        filtered = replace(self.chosen(), study_id=None) != SignFilter()
        self.stack.setCurrentIndex(0 if rows or filtered else 1)

    def selected(self) -> list[ToSign]:
        """The selected rows in the order shown, else the current one."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        if not indexes and self.table.currentIndex().isValid():
            indexes = [self.table.currentIndex()]
        return [i.data(ROW_ROLE) for i in indexes]

    def sign_selected(self) -> None:
        items = self.selected()
        if not items:
            tell(self, tr("Select the items to sign (Shift or Ctrl with the arrows or a "
                          "click), or sign all shown (Ctrl+Shift+S)"))
            return
        self.review(items)

    def sign_all_shown(self) -> None:
        if self.model.rows:
            self.review(list(self.model.rows))

    def dialog(self, items: list[ToSign]) -> SignDialog:
        return SignDialog(self.ctx, items, self, sitting=self.sitting)

    def review(self, items: list[ToSign]) -> None:
        dialog = self.dialog(items)
        dialog.open_record.connect(self.open_patient)
        dialog.exec()
        self.sitting = dialog.sitting
        if dialog.signed:
            self.refresh()
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(tr("Signed: {count} of {total}").format(
                    count=len(dialog.signed), total=len(items)), 4000)
