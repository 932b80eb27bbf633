"""Log or change an adverse event: the CTCAE term found as you type, only its grades."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.ctcae import CtcaeEntry
from app.rules.dates import fmt_date, parse_user_date
from app.rules.safety import ACTIONS, OUTCOMES, RELATIONSHIPS, SAE_CRITERIA, GradeSpell, ends_before
from app.services import adverse_events as aes
from app.services.dictionary import dictionary_info, find_term, search_terms
from app.services.errors import InvalidEntry
from ui.context import Context
from ui.datetime_field import DateTimeField
from ui.entry_table import ChoiceDelegate, EntryTable, cell_text, choice_of, set_choice
from ui.forms import FormDialog
from ui.i18n import QT_TR_NOOP, labelled, said, tr

AUTO_END_ROLE = Qt.ItemDataRole.UserRole + 5  # a "To" filled in by the next grade's start

GENERIC_GRADES = {1: QT_TR_NOOP("Mild"), 2: QT_TR_NOOP("Moderate"), 3: QT_TR_NOOP("Severe"),
                  4: QT_TR_NOOP("Life-threatening"), 5: QT_TR_NOOP("Death")}


def emergence_text(row: aes.AeRow | None) -> str:
    """The derived TEAE status, with why; never typed."""
    if row is None:
        return tr("Derived from the grade history and the first dose when saved")
    e = row.emergence
    if e.teae and e.worsened_on:
        return (tr("Yes: grade {baseline_grade} at the first dose, worse from "
                   "{worsened_on} (grade {grade})").format(
                           baseline_grade=e.baseline_grade, worsened_on=fmt_date(e.worsened_on),
                           grade=e.grade))
    if e.teae:
        return tr("Yes: began on treatment")
    if e.baseline_grade is not None:
        return tr("No: grade {baseline_grade} at the first dose and no higher grade on "
                  "treatment").format(baseline_grade=e.baseline_grade)
    return tr("No: began outside the TEAE window (first dose to the end of safety follow-up)")


class AeDialog(FormDialog):
    help_page = "ae"

    def __init__(self, ctx: Context, patient_id: int, subject: str, part: int,
                 row: aes.AeRow | None = None, parent: QWidget | None = None) -> None:
        title = tr("adverse event") if row else tr("log an adverse event")
        super().__init__(f"{subject}: {title}", parent)
        self.ctx, self.patient_id, self.row = ctx, patient_id, row
        self.result_value: aes.SaveResult | None = None
        self._filling = False  # a "To" being filled in from the next grade's start
        self.intro.setText(f"<b>{subject}</b>")
        self.intro.show()
        form = row.form() if row else aes.AeForm()
        self.loaded = dictionary_info(ctx.db) is not None
        self.entry: CtcaeEntry | None = find_term(ctx.db, form.meddra_code) \
            if form.meddra_code and self.loaded else None
        if not self.loaded:
            self.intro.setText(tr("<b>{subject}</b><br>The CTCAE dictionary is not loaded "
                                  "(Tools ▸ Import the CTCAE dictionary): this AE is "
                                  "saved as <b>not coded</b> and can be coded later.").format(
                                          subject=subject))
        self.line("verbatim", tr("Event (verbatim)"), form.verbatim,
                  placeholder=tr("the investigator's words"))
        # the term, found as you type
        term_box = QWidget()
        box = QVBoxLayout(term_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("CTCAE term"))
        self.search.setPlaceholderText(tr("type a term, a SOC or a MedDRA code"))
        self.search.setEnabled(self.loaded)
        self.matches = QListWidget()
        self.matches.setAccessibleName(tr("Matching CTCAE terms"))
        self.matches.setMaximumHeight(110)
        self.matches.setVisible(False)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        box.addWidget(self.search)
        box.addWidget(self.matches)
        box.addWidget(self.chosen)
        self.add("term", tr("CTCAE term"), term_box)
        self.fields["term"].setFocusProxy(self.search)
        self.search.textEdited.connect(self._search)
        self.matches.itemActivated.connect(self._picked)  # Enter or a double click
        self.matches.itemClicked.connect(self._picked)
        self.search.returnPressed.connect(self._enter_in_search)
        self.search.installEventFilter(self)
        self.line("other_specify", tr("Specify ('Other, specify')"), form.other_specify or "")
        self.date_field("onset_date", tr("Onset"), form.onset_date, form.onset_partial,
                        allow_partial=True)
        self.date_field("end_date", tr("End (empty: ongoing)"), form.end_date, form.end_partial,
                        allow_partial=True)
        pre = QCheckBox(tr("Pre-existing condition (before the first dose)"))
        pre.setChecked(form.pre_existing)
        self.add("pre_existing", "", pre)
        self.add("emergence", tr("Treatment-emergent"), QLabel(emergence_text(row)))
        # grades over time
        grades_box = QWidget()
        grid = QVBoxLayout(grades_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.grades = EntryTable(0, [tr("Grade"), tr("From"), tr("To (empty: still)")])
        self.grades.setItemDelegateForColumn(
            0, ChoiceDelegate(lambda _row: self.grade_list(), self.grades))
        self.grades.horizontalHeader().setStretchLastSection(True)
        self.grades.setColumnWidth(0, 330)
        self.grades.setColumnWidth(1, 120)
        self.grades.setMinimumWidth(600)
        self.grades.setMaximumHeight(130)
        buttons = QHBoxLayout()
        add = QPushButton(tr("Add a change of grade"))
        remove = QPushButton(tr("Remove the last"))
        add.clicked.connect(self._new_grade_row)
        remove.clicked.connect(self._remove_grade_row)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        grid.addWidget(self.grades)
        grid.addLayout(buttons)
        self.add("grades", tr("Grade over time"), grades_box)
        for spell in form.grades or []:
            self.add_grade_row(spell)
        if not form.grades:
            self.add_grade_row()
        self.grades.itemChanged.connect(self._grade_cell_changed)
        # seriousness
        serious = QCheckBox(tr("Serious (SAE): report to the sponsor within "
                               "{sae_report_hours} hours").format(
                                       sae_report_hours=ctx.protocol.safety.sae_report_hours))
        serious.setChecked(form.serious)
        self.add("serious", "", serious)
        criteria = QWidget()
        cgrid = QGridLayout(criteria)
        cgrid.setContentsMargins(0, 0, 0, 0)
        self.criteria: dict[str, QCheckBox] = {}
        for i, (key, text) in enumerate(SAE_CRITERIA.items()):
            check = QCheckBox(text)
            check.setChecked(key in form.sae_criteria)
            self.criteria[key] = check
            cgrid.addWidget(check, i // 2, i % 2)
        self.add("sae_criteria", tr("SAE criteria"), criteria)
        self.add("aware_at", tr("Site aware at"), DateTimeField(form.aware_at))
        self.add("reported_at", tr("Reported to sponsor at"), DateTimeField(form.reported_at))
        self.choice("relationship", tr("Related to the study drug"),
                    [("", None)] + [(tr(r.capitalize()), r) for r in RELATIONSHIPS],
                    form.relationship)
        self.choice("action", tr("Action taken with the study drug"),
                    [("", None)] + [(tr(a.capitalize()), a) for a in ACTIONS], form.action)
        self.choice("outcome", tr("Outcome"),
                    [("", None)] + [(tr(o.capitalize()), o) for o in OUTCOMES],
                    form.outcome)
        dlt = QCheckBox(tr("Dose-limiting toxicity (DLT)"))
        dlt.setChecked(form.dlt)
        can_dlt = part in ctx.protocol.safety.dlt.parts
        dlt.setEnabled(can_dlt or form.dlt)
        dlt.setToolTip(tr("DLTs are assessed in Part 1, inside the DLT period") if can_dlt
                       else tr("No DLTs in this part of the study"))
        self.add("dlt", "", dlt)
        self.reason_field(row is not None)
        serious.toggled.connect(self._serious_changed)
        # what the dialog read: only what the user changes from it is saved
        self.version = row.version if row else None
        self.base = None
        if row is not None:
            try:
                self.base = self.collect()
            except InvalidEntry:
                self.base = row.form()
        self._serious_changed(form.serious)
        self._show_entry()
        if row is not None:
            self.add_history(f"{subject}: {row.name}", "adverse_event", row.id)

    # --- the term ---------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        self.matches.clear()
        found = search_terms(self.ctx.db, text, limit=40) if len(text.strip()) >= 2 else []
        for e in found:
            item = QListWidgetItem(f"{e.term}  ·  {e.soc}  ·  {e.meddra_code}")
            item.setData(Qt.ItemDataRole.UserRole, e.meddra_code)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))
        if found:
            self.matches.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the term box goes to the matches, to pick one by the arrows and Enter."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down \
                and self.matches.isVisible():
            self.matches.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _enter_in_search(self) -> None:
        """Enter in the term box picks the highlighted match (it never saves the AE)."""
        item = self.matches.currentItem()
        if self.matches.isVisible() and item is not None:
            self._picked(item)

    def _picked(self, item: QListWidgetItem) -> None:
        self.choose(item.data(Qt.ItemDataRole.UserRole))
        # on to what comes next: the 'specify' of an 'Other' term, else the onset
        after = self.fields["other_specify"]
        (after if after.isEnabled() else self.fields["onset_date"]).setFocus()

    def choose(self, meddra_code: str | None) -> None:
        """Set the coded term (None: uncoded), and offer only its grades."""
        self.entry = find_term(self.ctx.db, meddra_code) if meddra_code else None
        self.matches.setVisible(False)
        self._show_entry()

    def _show_entry(self) -> None:
        e = self.entry
        if e is None:
            self.chosen.setText(tr("<i>not coded</i>") if not self.loaded else
                                tr("<i>no term chosen: the AE would be saved not coded</i>"))
        else:
            self.chosen.setText(tr("<b>{term}</b> · {soc} · MedDRA {meddra_code}").format(
                    term=e.term, soc=e.soc, meddra_code=e.meddra_code))
            self.chosen.setToolTip(e.definition or "")
            if not self.read_text("verbatim"):
                self.fields["verbatim"].setText(e.term)
        self.fields["other_specify"].setEnabled(bool(e and e.other_specify))
        for row in range(self.grades.rowCount()):  # a grade the new term lacks is cleared
            self.set_grade(row, self.grade_at(row))

    def grade_choices(self) -> dict[int, str]:
        return self.entry.grades if self.entry else {
            grade: tr(text) for grade, text in GENERIC_GRADES.items()}

    def grade_list(self) -> list[tuple[str, object]]:
        """The grades of the chosen term, each with its CTCAE description."""
        return [(f"{grade}: {text if len(text) < 70 else text[:67] + '…'}", grade)
                for grade, text in self.grade_choices().items()]

    def grade_at(self, row: int) -> int | None:
        value = choice_of(self.grades.item(row, 0))
        return value if isinstance(value, int) else None

    def set_grade(self, row: int, grade: int | None) -> None:
        set_choice(self.grades.item(row, 0), self.grade_list(), grade)

    def add_grade_row(self, spell: GradeSpell | None = None) -> None:
        row = self.grades.rowCount()
        self.grades.insertRow(row)
        self.grades.setItem(row, 0, QTableWidgetItem())
        self.set_grade(row, spell.grade if spell else None)
        start = spell.start if spell else (None if row else self._onset())
        self.grades.setItem(row, 1, QTableWidgetItem(fmt_date(start) if start else ""))
        self.grades.setItem(row, 2, QTableWidgetItem(
            fmt_date(spell.end) if spell and spell.end else ""))
        before = self.grades.item(row - 1, 2) if spell and row else None
        if before is not None and spell and before.text() == fmt_date(ends_before(spell.start)):
            before.setData(AUTO_END_ROLE, True)  # closed by this grade's start: follows it

    def _new_grade_row(self) -> None:
        """A change of grade: a new row, and the keyboard on its grade."""
        self.add_grade_row()
        self.grades.setCurrentCell(self.grades.rowCount() - 1, 0)
        self.grades.setFocus()

    def _grade_cell_changed(self, item: QTableWidgetItem) -> None:
        """A grade that starts closes the one before it the day before, unless the user
        typed that end; a "To" typed by the user is theirs from then on."""
        row, col = item.row(), item.column()
        if col == 2:
            if not self._filling:
                item.setData(AUTO_END_ROLE, None)
            return
        previous = self.grades.item(row - 1, 2) if col == 1 and row > 0 else None
        if previous is None or (previous.text().strip() and not previous.data(AUTO_END_ROLE)):
            return
        try:
            start = parse_user_date(item.text())
        except ValueError:
            return  # refused with its row on Save
        self._filling = True
        previous.setText(fmt_date(ends_before(start)) if start else "")
        previous.setData(AUTO_END_ROLE, True if start else None)
        self._filling = False

    def _remove_grade_row(self) -> None:
        if self.grades.rowCount() > 1:
            self.grades.removeRow(self.grades.rowCount() - 1)

    def _onset(self) -> date | None:
        """The onset typed (a partial one's first possible day: the save moves the first
        grade to the imputed onset)."""
        try:
            value = self.fields["onset_date"].value()  # type: ignore[attr-defined]
        except ValueError:
            return None
        return value if value is None or isinstance(value, date) else value.earliest

    def _read_partial(self, name: str, label: str) -> tuple[date | None, str | None]:
        try:
            value = self.fields[name].value()  # type: ignore[attr-defined]
        except ValueError as exc:
            raise InvalidEntry(name, labelled(label, exc)) from None
        if value is None or isinstance(value, date):
            return value, None
        return None, value.text

    def _serious_changed(self, on: bool) -> None:
        for name in ("sae_criteria", "aware_at", "reported_at"):
            self.fields[name].setEnabled(on)

    # --- saving -------------------------------------------------------------------------------
    def spells(self) -> list[GradeSpell]:
        out = []
        onset = self._onset()
        for row in range(self.grades.rowCount()):
            grade = self.grade_at(row)
            texts = [cell_text(self.grades, row, c) for c in (1, 2)]
            try:
                start = parse_user_date(texts[0]) or (onset if row == 0 else None)
                end = parse_user_date(texts[1])
            except ValueError as exc:
                raise InvalidEntry("grades", tr("Grade row {row}: {exc}").format(
                        row=row + 1, exc=said(exc))) from None
            if grade is None:
                raise InvalidEntry("grades", tr("Choose the grade in row {row}").format(
                        row=row + 1))
            if start is None:
                raise InvalidEntry("grades", tr("Give the date grade {grade} began").format(
                        grade=grade))
            out.append(GradeSpell(grade, start, end))
        return out

    def collect(self) -> aes.AeForm:
        onset, onset_partial = self._read_partial("onset_date", tr("Onset"))
        end, end_partial = self._read_partial("end_date", tr("End"))
        return aes.AeForm(
            verbatim=self.read_text("verbatim"),
            meddra_code=self.entry.meddra_code if self.entry else None,
            other_specify=self.read_text("other_specify") or None,
            onset_date=onset, end_date=end, onset_partial=onset_partial,
            end_partial=end_partial,
            pre_existing=self.fields["pre_existing"].isChecked(),
            serious=self.fields["serious"].isChecked(),
            sae_criteria=tuple(k for k, c in self.criteria.items() if c.isChecked()),
            aware_at=self.fields["aware_at"].value(tr("Site aware at"), "aware_at"),
            reported_at=self.fields["reported_at"].value(tr("Reported at"), "reported_at"),
            relationship=self.read_choice("relationship"), action=self.read_choice("action"),
            outcome=self.read_choice("outcome"), dlt=self.fields["dlt"].isChecked(),
            grades=self.spells())

    def save(self) -> None:
        def act() -> None:
            self.result_value = aes.save_ae(
                self.ctx.db, self.ctx.protocol, self.patient_id, self.collect(),
                self.ctx.today(), ae_id=self.row.id if self.row else None,
                reason=self.read_text("reason") or None, base=self.base, version=self.version)
        if self.attempt(act):
            self.accept()

