"""To sign: the investigator's list of what waits for their e-signature, oldest first.

Enter (or a double click) opens the signing dialog: the record, the meaning, the password
again. A record edited after it was signed comes back, saying since when.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.rules.dates import fmt_date
from app.rules.site_time import utc
from app.services.signatures import DEFAULT_MEANING, KIND_WORDS, Meaning, ToSign, sign, to_sign
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr
from ui.login import now
from ui.places.base import Place, stacked
from ui.row_table import RowTable
from ui.table_model import Column, RowTableModel
from ui.widgets import EmptyState


def _state(item: ToSign) -> str:
    """Not signed yet, or signed before the record changed (the signature is stale)."""
    if item.signature is None:
        return tr("not signed")
    return tr("changed since signed on {day}").format(
        day=fmt_date(utc(item.signature.signed_at).date()))

class SignDialog(FormDialog):
    """One signature: what is signed, its meaning, and the signer's password again."""
    ask_before_discard = False  # a password: nothing to lose by closing

    def __init__(self, ctx: Context, item: ToSign, parent: QWidget | None = None) -> None:
        super().__init__(tr("Sign"), parent)
        self.ctx, self.item = ctx, item
        signer = ctx.signed.printed_name if ctx.signed else ctx.db.actor
        self.intro.setText(
            tr("{kind} of {subject_id}: {what} ({when}), {state}.\nSigning as {signer}: your "
               "password again makes this your signature.").format(
                       kind=tr(KIND_WORDS[item.kind]), subject_id=item.subject_id, what=item.what,
                       when=fmt_date(item.when), state=_state(item), signer=signer))
        self.intro.show()
        self.choice("meaning", tr("Meaning"), [(tr(m.value.capitalize()),
                                                m.value) for m in Meaning],
                    DEFAULT_MEANING[item.kind].value)
        w = self.password("password", tr("Password"))
        w.returnPressed.connect(self.save)
        w.setFocus()
        self.buttons.button(self.buttons.StandardButton.Save).setText(tr("Sign"))

    def save(self) -> None:
        def act() -> None:
            sign(self.ctx.db, self.item.kind, self.item.record_id, self.read_choice("meaning"),
                 self.fields["password"].text(), now())  # type: ignore[attr-defined]

        if self.attempt(act):
            self.accept()
        else:
            self.fields["password"].clear()  # type: ignore[attr-defined]


class ToSignPage(Place):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout, bar = self.body, self.bar
        self.count = QLabel()
        bar.addWidget(self.count)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RowTableModel([
            Column(tr("Date"), lambda t: fmt_date(t.when), lambda t: t.when),
            Column(tr("Subject"), lambda t: t.subject_id),
            Column(tr("What"), lambda t: tr(KIND_WORDS[t.kind])),
            Column(tr("Record"), lambda t: t.what),
            Column(tr("State"), _state,
                   status=lambda t: "overdue" if t.signature else "planned"),
        ])
        self.table = RowTable(self.model)
        self.exportable(self.table, tr("To sign"))
        self.table.opened.connect(self.sign_row)
        for i, width in enumerate((110, 90, 260, 320)):
            self.table.setColumnWidth(i, width)
        self.empty = EmptyState(tr("Nothing to sign"),
                                tr("Every AE assessment, DLT decision, tumour "
                                "response and visit is signed as it stands."))
        self.stack = stacked(self.table, self.empty)
        layout.addLayout(self.stack)

    def refresh(self) -> None:
        rows = to_sign(self.ctx.db)
        self.model.set_rows(rows)
        stale = sum(1 for r in rows if r.signature)
        self.count.setText(tr("{rows} to sign, oldest first").format(rows=len(rows))
                           + (tr("; {stale} changed since signed").format(
                                   stale=stale) if stale else ""))
        self.stack.setCurrentIndex(0 if rows else 1)

    def dialog(self, item: ToSign) -> SignDialog:
        return SignDialog(self.ctx, item, self)

    def sign_row(self, item: ToSign) -> None:
        if self.dialog(item).exec():
            self.refresh()
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(tr("Signed: {what} of {subject_id}").format(
                        what=item.what, subject_id=item.subject_id),
                                               4000)
