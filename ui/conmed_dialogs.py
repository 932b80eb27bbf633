"""A con-med and a medical history item, added or corrected (with a reason): the drug's
name completed from the site's own earlier entries and flagged as it is typed when the
protocol forbids it; a history item's term completed from the CTCAE terms loaded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QCompleter, QLineEdit, QWidget

from app.services.conmeds import (
    FREQUENCIES,
    ROUTES,
    ConMedForm,
    ConMedRow,
    HistoryForm,
    HistoryRow,
    drug_names,
    indications,
    prohibited_reason,
    save_conmed,
    save_history,
    term_names,
)
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr
from ui.style import error_text
from ui.theme import restyle
from ui.widgets import DateField


def _complete(edit: QLineEdit, words: list[str], inline: bool = True) -> None:
    """Completion from `words` as the user types, any case: inline (the rest of the first
    word that starts so, selected: typing on replaces it, Tab keeps it), or a list of the
    words holding what was typed (Down and Enter pick one)."""
    completer = QCompleter(words, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    if inline:
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
    else:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)


class _Dated(FormDialog):
    """Start and end (partial dates allowed), and Ongoing."""

    def dates(self, start: str, end: str, ongoing: bool) -> None:
        self.date_field("start", tr("Start"), partial=start or None, allow_partial=True)
        self.date_field("end", tr("End"), partial=end or None, allow_partial=True)
        box = self.add("ongoing", tr("Ongoing"), QCheckBox(tr("Ongoing (no end yet)")))
        box.setChecked(ongoing)
        box.toggled.connect(self._ongoing)
        self._ongoing(ongoing)

    def _ongoing(self, on: bool) -> None:
        self.fields["end"].setEnabled(not on)

    def typed(self, name: str) -> str:
        return self.field(name, DateField).edit.text().strip()

    def ongoing(self) -> bool:
        return self.field("ongoing", QCheckBox).isChecked()


class ConMedDialog(_Dated):
    help_page = "conmeds"

    def __init__(self, ctx: Context, patient_id: int, row: ConMedRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Concomitant medication"), parent)
        self.ctx, self.patient_id, self.row = ctx, patient_id, row
        f = row.form() if row else ConMedForm("")
        drug = self.line("drug", tr("Drug (generic name)"), f.drug)
        _complete(drug, drug_names(ctx.db))
        self.flag = self.intro
        restyle(self.flag, lambda: self.flag.setStyleSheet(error_text()))
        drug.textChanged.connect(self._flag)
        self.line("dose", tr("Dose"), f.dose, placeholder=tr("e.g. 8"))
        self.line("unit", tr("Unit"), f.unit, placeholder=tr("mg, mL, IU..."))
        self.choice("route", tr("Route"), [("", "")] + [(tr(r), r) for r in ROUTES], f.route)
        self.choice("frequency", tr("Frequency"), [("", "")] + [(tr(x), x) for x in FREQUENCIES],
                    f.frequency)
        why = self.line("indication", tr("Indication"), f.indication,
                        placeholder=tr("an adverse event, a history item, or prophylaxis"))
        _complete(why, indications(ctx.db, patient_id))
        self.dates(f.start, f.end, f.ongoing)
        self.reason_field(row is not None)
        self._flag()
        if row is not None:
            self.version = row.version
            self.add_history(tr("Con-med {drug}").format(drug=row.drug), "con_med", row.id)

    def _flag(self) -> None:
        said = prohibited_reason(self.ctx.protocol, self.read_text("drug"))
        self.flag.setText(tr("{why}: check with the investigator before it is given").format(
            why=said) if said else "")
        self.flag.setVisible(bool(said))

    def save(self) -> None:
        def act() -> None:
            form = ConMedForm(self.read_text("drug"), self.read_text("dose"),
                              self.read_text("unit"), self.read_choice("route") or "",
                              self.read_choice("frequency") or "", self.read_text("indication"),
                              self.typed("start"), self.typed("end"), self.ongoing())
            save_conmed(self.ctx.db, self.patient_id, form, self.ctx.today(),
                        self.row.id if self.row else None, self.read_text("reason") or None,
                        self.version if isinstance(self.version, int) else None)
        if self.attempt(act):
            self.accept()


class HistoryDialog(_Dated):
    help_page = "conmeds"

    def __init__(self, ctx: Context, patient_id: int, row: HistoryRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Medical history"), parent)
        self.ctx, self.patient_id, self.row = ctx, patient_id, row
        f = row.form() if row else HistoryForm("", None)
        term = self.line("term", tr("Condition (CTCAE term)"), f.term,
                         placeholder=tr("type a few letters of the term"))
        _complete(term, term_names(ctx.db), inline=False)
        self.choice("grade", tr("Grade at baseline"), [("", None)] + [
            (tr("Grade {n}").format(n=g), g) for g in (1, 2, 3, 4)], f.grade)
        self.dates(f.start, f.end, f.ongoing)
        self.text_box("comment", tr("Comment"), f.comment)
        self.reason_field(row is not None)
        if row is not None:
            self.version = row.version
            self.add_history(tr("History {term}").format(term=row.term), "medical_history",
                             row.id)

    def save(self) -> None:
        def act() -> None:
            form = HistoryForm(self.read_text("term"), self.read_choice("grade", int),
                               self.typed("start"), self.typed("end"), self.ongoing(),
                               self.read_text("comment"))
            save_history(self.ctx.db, self.patient_id, form, self.ctx.today(),
                         self.row.id if self.row else None, self.read_text("reason") or None,
                         self.version if isinstance(self.version, int) else None)
        if self.attempt(act):
            self.accept()
