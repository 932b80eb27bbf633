"""Signing, one item after another: each item's content as it will be signed, the meaning,
and the password once per sitting (again after ten minutes without a signature, or after
the window locked).

Keys: Ctrl+S (or Enter in the password) signs the item shown and moves on to the next one
waiting; Page Down / Alt+N the next item, Page Up / Alt+P the previous one; Ctrl+O opens the
record (the patient) instead; Esc closes, what is signed stays signed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from app.infra.clock import local_now
from app.rules.dates import fmt_date
from app.rules.signing import SITTING_MINUTES, Line, Sitting
from app.services.errors import InvalidEntry, StorageProblem
from app.services.signatures import KIND_WORDS, Meaning, ToSign
from app.services.signing import (
    SignPage,
    open_sitting,
    sign_in_sitting,
    sign_page,
    sitting_alive,
)
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr


def item_state(item: ToSign) -> str:
    """Not signed yet, signed before the record changed (stale), or broken."""
    from app.rules.site_time import utc

    if item.signature is None:
        return tr("not signed")
    day = fmt_date(utc(item.signature.signed_at).date())
    if item.signature.broken:
        return tr("signature of {day} broken: changed outside the app").format(day=day)
    return tr("changed since signed on {day}").format(day=day)


class SignDialog(FormDialog):
    """The items chosen on To sign, reviewed one after another and signed in one sitting."""

    ask_before_discard = False  # a password: nothing to lose by closing
    help_page = "sign"
    # the patient whose record the investigator asked to open (the dialog closes)
    open_record = Signal(int)

    def __init__(self, ctx: Context, items: ToSign | list[ToSign],
                 parent: QWidget | None = None, sitting: Sitting | None = None,
                 clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(tr("Sign"), parent)
        self.ctx, self.clock, self.sitting = ctx, clock, sitting
        self.items = items if isinstance(items, list) else [items]
        self.signed: set[int] = set()  # indexes of the items signed in this dialog
        self.index = 0
        self.asks_password = True
        self.page: SignPage | None = None
        self.signer = ctx.signed.printed_name if ctx.signed else ctx.db.actor
        self.intro.show()
        self.content = QTextBrowser()
        self.content.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay the dialog's
        self.content.setAccessibleName(tr("What you sign"))
        self.content.setOpenLinks(False)
        self.content.setMinimumSize(560, 260)
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)  # FormDialog's column: intro, fields, buttons
        layout.insertWidget(1, self.content, 3)
        self.meaning: QComboBox = self.choice(
            "meaning", tr("Meaning"), [(tr(m.value.capitalize()), m.value) for m in Meaning])
        self.password_box: QLineEdit = self.password("password", tr("Password"))
        self.password_box.returnPressed.connect(self.save)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Sign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Close"))
        self.previous_button = self._button(tr("Previous"), ("PgUp", "Alt+P"), -1)
        self.previous_button.setToolTip(tr("The previous item (Page Up, Alt+P)"))
        self.next_button = self._button(tr("Next"), ("PgDown", "Alt+N"), 1)
        self.next_button.setToolTip(tr("The next item (Page Down, Alt+N)"))
        self.open_button = QPushButton(tr("Open the record"))
        self.open_button.setToolTip(tr("Open the patient whose record this is (Ctrl+O)"))
        self.open_button.clicked.connect(self._open_record)
        QShortcut(QKeySequence("Ctrl+O"), self, self._open_record)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.HelpRole)
        self.show_item(0)

    def _button(self, text: str, keys: tuple[str, ...], step: int) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self.go(step))
        for key in keys:
            QShortcut(QKeySequence(key), self, lambda: self.go(step))
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    # --- the item shown ---------------------------------------------------------------------
    def show_item(self, index: int) -> None:
        self.index = index
        item = self.items[index]
        self.clear_errors()
        try:
            self.page = sign_page(self.ctx.db, item, self.ctx.today())
        except InvalidEntry as exc:
            self.page = None
            self.content.setHtml(f"<p>{escape(said(exc))}</p>")
        else:
            self.content.setHtml(page_html(self.page))
            self.meaning.setCurrentIndex(max(0, self.meaning.findData(self.page.meaning)))
        done = index in self.signed
        self.intro.setText(
            tr("Item {number} of {total}: {kind} of {subject_id}, {what} ({when}), {state}."
               ).format(number=index + 1, total=len(self.items),
                        kind=tr(KIND_WORDS[item.kind]), subject_id=item.subject_id,
                        what=item.what, when=fmt_date(item.when),
                        state=tr("signed now") if done else item_state(item))
            + "\n" + self._who())
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(self.items))
        self.open_button.setEnabled(item.patient_id > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not done and self.page is not None)
        self._ask_password(not sitting_alive(self.ctx.db, self.sitting, self.clock()))

    def _who(self) -> str:
        if sitting_alive(self.ctx.db, self.sitting, self.clock()):
            return tr("Signing as {signer}, in this sitting: the password is asked again after "
                      "{minutes} minutes without a signature.").format(
                          signer=self.signer, minutes=SITTING_MINUTES)
        return tr("Signing as {signer}: your password again makes this your signature, and "
                  "the next ones of this sitting.").format(signer=self.signer)

    def _ask_password(self, needed: bool) -> None:
        self.asks_password = needed
        self.password_box.setVisible(needed)
        label = self.form.labelForField(self.password_box)
        if label is not None:
            label.setVisible(needed)
        (self.password_box if needed else self.meaning).setFocus()

    def go(self, step: int) -> None:
        """The next (1) or the previous (-1) item."""
        target = self.index + step
        if 0 <= target < len(self.items):
            self.show_item(target)

    def _open_record(self) -> None:
        item = self.items[self.index]
        if item.patient_id > 0:
            self.open_record.emit(item.patient_id)
            self.reject()

    # --- signing ----------------------------------------------------------------------------
    def save(self) -> None:
        if self.page is None or self.index in self.signed:
            return
        page, password = self.page, self.password_box.text()
        self.password_box.clear()
        self.clear_errors()
        try:
            if self.asks_password:
                self.sitting = open_sitting(self.ctx.db, password, self.clock())
            _view, self.sitting = sign_in_sitting(self.ctx.db, self.sitting, page,
                                                  self.meaning.currentData(), self.clock())
        except InvalidEntry as exc:
            if exc.field == "record":  # changed meanwhile: shown again as it stands
                self.show_item(self.index)
            elif exc.field == "password":
                self._ask_password(True)
            self.show_error(exc.field, said(exc))
            return
        except StorageProblem as exc:
            self.storage_problem(exc)
            return
        self.signed.add(self.index)
        waiting = [i for i in range(len(self.items)) if i not in self.signed]
        if not waiting:
            self.accept()
            return
        self.show_item(next((i for i in waiting if i > self.index), waiting[0]))


def page_html(page: SignPage) -> str:
    """The content a signature binds, every value, then what the app derives from it."""
    def rows(lines: tuple[Line, ...]) -> str:
        return "".join(f"<tr><td><b>{escape(tr(line.label))}</b>&nbsp;&nbsp;</td>"
                       f"<td>{escape(line.value)}</td></tr>" for line in lines)

    what, version = tr("What you sign"), tr("version {version}").format(version=page.version)
    html = (f"<p><b>{escape(what)}</b> ({escape(tr(page.kind_words))}, {escape(version)})</p>"
            f"<table>{rows(page.lines)}</table>")
    if page.computed:
        computed = tr("Computed by the app from these values")
        html += f"<p><b>{escape(computed)}</b></p><table>{rows(page.computed)}</table>"
    if page.last is not None:
        last = tr("Last signature")
        html += f"<p>{escape(last)}: {escape(page.last.text)}</p>"
    return html
