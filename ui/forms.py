"""The shape every data-entry dialog shares: fields by name, errors shown on the field.

Keyboard first: the focus starts on the first empty field; Tab goes from field to field;
Ctrl+S or Ctrl+Enter saves (Enter alone never does: it picks in lists and tables); Esc
closes, asking first when something was typed. A service's InvalidEntry names a field; the
dialog marks it, says why, and keeps everything typed so far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar, overload

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import EditConflict, InvalidEntry, StorageProblem
from ui.form_parts import FitScrollArea, field_empty, field_value
from ui.i18n import labelled, said, tr
from ui.style import error_border, error_text
from ui.theme import restyle
from ui.widgets import DateField, TimeField

if TYPE_CHECKING:
    from ui.context import Context

W = TypeVar("W", bound=QWidget)
T = TypeVar("T")


class FormDialog(QDialog):
    #: the version of the record the dialog read (dialogs that edit a saved record set it)
    version: int | str | None = None
    # the session: every dialog of a saved record sets it (its History… reads it)
    ctx: Context
    #: whether closing with something typed asks first (not for passwords: nothing is lost)
    ask_before_discard = True
    #: the user guide's page for this window (F1 opens it)
    help_page = "index"
    #: the field typing starts in on a new record, where it is not the first empty one (a
    #: choice comes first)
    first_field: str | None = None

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.fields: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        outer.addWidget(self.intro)
        self.form = QFormLayout()
        body = QWidget()
        body.setLayout(self.form)
        self.scroll_area = FitScrollArea(body)
        outer.addWidget(self.scroll_area, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        restyle(self.error, lambda: self.error.setStyleSheet(error_text()))
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self._cancel)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        QShortcut(QKeySequence.StandardKey.HelpContents, self, self.show_help)
        self._no_default_button()
        self._as_opened: dict[str, object] | None = None

    def _no_default_button(self) -> None:
        """Enter never saves by itself (it picks in lists and tables); Ctrl+S or Ctrl+Enter
        do. (A button box makes its Save the default again when shown: undone on show.)"""
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    # --- opening and closing ----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Opened: the focus on the first empty field (else on the first field, never on
        the form's frame), and what it held noted (Esc asks before throwing changes away)."""
        super().showEvent(event)
        self._no_default_button()
        if self._as_opened is None:
            self._fit_screen()
            self._as_opened = self.values()
            first = self.fields.get(self.first_field or "") if self.version is None else None
            usable = [w for w in self.fields.values() if w.isEnabled() and w.isVisible()]
            # the first empty field; where every one is filled in already, the first field
            first = first or next((w for w in usable if field_empty(w)), None) or next(
                iter(usable), None)
            if first is not None:
                first.setFocus()

    def _fit_screen(self) -> None:
        """As big as the form asks, up to the screen: Qt opens a new window at two thirds of
        the screen at most, which scrolled a wide form (the scan's lesions) sideways."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        free, wanted = screen.availableGeometry(), self.sizeHint()
        self.resize(max(self.width(), min(wanted.width(), free.width() - 40)),
                    max(self.height(), min(wanted.height(), free.height() - 60)))

    def values(self) -> dict[str, object]:
        """What each field holds, as typed (to see whether anything changed)."""
        return {name: field_value(w) for name, w in self.fields.items()}

    def add_history(self, title: str, table: str, record_id: int | str | list[int]) -> None:
        """A History… button (Ctrl+H): this saved record's changes, who, when and why."""
        button = QPushButton(tr("History…"))
        button.setToolTip(tr("Every change to this record: who, when, before and after, why "
                          "(Ctrl+H)"))
        button.setAutoDefault(False)

        def show() -> None:
            from ui.history_view import RecordHistory

            self.history = RecordHistory(self.ctx, title, table, record_id, self)
            self.history.show()

        button.clicked.connect(show)
        QShortcut(QKeySequence("Ctrl+H"), self, show)
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.HelpRole)

    def show_help(self) -> None:
        from ui.guide import open_guide

        self.guide = open_guide(self, self.help_page)

    def may_discard(self) -> bool:
        """Whether closing unsaved is fine: nothing typed, or the user says discard it."""
        if not self.ask_before_discard or self._as_opened is None \
                or self.values() == self._as_opened:
            return True
        answer = QMessageBox.question(
            self, self.windowTitle(), tr("Discard what you typed in this window?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc on a dialog with changes asks first; Enter alone does nothing here (a list or
        a table it was pressed in has used it already)."""
        if event.key() == Qt.Key.Key_Escape and not self.may_discard():
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button asks too (a close by the program does not)."""
        if event.spontaneous() and not self.may_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def _cancel(self) -> None:
        if self.may_discard():
            self.reject()

    # --- building ---------------------------------------------------------------------------
    def add(self, name: str, label: str, widget: W) -> W:
        """A field in the form, named for screen readers by its label (a date's text box
        too, which the label's buddy does not reach)."""
        self.fields[name] = widget
        spoken = label.strip(" :") or name.replace("_", " ").capitalize()
        for target in (widget, widget.edit if isinstance(widget, DateField) else None):
            if target is not None and not target.accessibleName():
                target.setAccessibleName(spoken)
        self.form.addRow(label, widget)
        return widget

    def line(self, name: str, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        w = QLineEdit(text)
        w.setPlaceholderText(placeholder)
        return self.add(name, label, w)

    def password(self, name: str, label: str, text: str = "") -> QLineEdit:
        """A line whose characters are not shown."""
        w = self.line(name, label, text)
        w.setEchoMode(QLineEdit.EchoMode.Password)
        return w

    def read_new_password(self, name: str = "password", again: str = "again",
                          differ: str = tr("The two passwords differ")) -> str:
        """A new password typed twice; InvalidEntry on the second field when they differ."""
        typed = self.field(name, QLineEdit).text()
        if typed != self.field(again, QLineEdit).text():
            raise InvalidEntry(again, differ)
        return typed

    def reason_field(self, needed: bool) -> QLineEdit:
        """The reason for changing saved data, shown only for a record already saved."""
        w = self.line("reason", tr("Reason for change"), placeholder=tr("why saved data is changed "
                      "(kept in the audit trail)"))
        w.setVisible(needed)
        self.form.labelForField(w).setVisible(needed)
        return w

    def text_box(self, name: str, label: str, text: str = "") -> QPlainTextEdit:
        w = QPlainTextEdit(text)
        w.setTabChangesFocus(True)
        w.setMaximumHeight(60)
        return self.add(name, label, w)

    def date_field(self, name: str, label: str, value: dt.date | None = None,
                   partial: str | None = None, allow_partial: bool = False) -> DateField:
        """A date; with `allow_partial` one known in part ("UN-JAN-2026") is taken too, and
        `partial` is what was entered so."""
        w = DateField(partial=allow_partial)
        w.set_date(value)
        if partial:
            w.edit.setText(partial)
        return self.add(name, label, w)

    def time_field(self, name: str, label: str, value: dt.time | None = None) -> TimeField:
        w = TimeField()
        w.set_time(value)
        return self.add(name, label, w)

    def choice(self, name: str, label: str, items: Sequence[tuple[str, object]],
               current: object = None) -> QComboBox:
        w = QComboBox()
        for text, value in items:
            w.addItem(text, value)
        idx = w.findData(current)
        w.setCurrentIndex(max(idx, 0))
        return self.add(name, label, w)

    # --- reading ------------------------------------------------------------------------------
    def field(self, name: str, kind: type[W]) -> W:
        """The field of this name, as the kind of widget the dialog made it (a TypeError,
        a programming slip, where it is another kind)."""
        w = self.fields[name]
        if not isinstance(w, kind):
            raise TypeError(f"field {name!r} is a {type(w).__name__}, not a {kind.__name__}")
        return w

    def read_date(self, name: str, label: str) -> dt.date | None:
        try:
            return self.field(name, DateField).date()
        except ValueError as exc:
            raise InvalidEntry(name, labelled(label, exc)) from None

    def read_time(self, name: str, label: str) -> dt.time | None:
        try:
            return self.field(name, TimeField).time()
        except ValueError as exc:
            raise InvalidEntry(name, labelled(label, exc)) from None

    def read_text(self, name: str) -> str:
        w = self.fields[name]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        return self.field(name, QLineEdit).text().strip()

    @overload
    def read_choice(self, name: str) -> str | None: ...
    @overload
    def read_choice(self, name: str, kind: type[T]) -> T | None: ...
    def read_choice(self, name: str, kind: type[object] = str) -> object:
        """The value behind the choice made (None for the empty choice): a code (str) unless
        `kind` says what the list holds (int, a record)."""
        value = self.field(name, QComboBox).currentData()
        if value is not None and not isinstance(value, kind):
            raise TypeError(f"choice {name!r} holds a {type(value).__name__}, not a "
                            f"{kind.__name__}")
        return value

    # --- errors and saving -----------------------------------------------------------------
    def clear_errors(self) -> None:
        self.error.hide()
        for w in self.fields.values():
            target = w.edit if isinstance(w, DateField) else w
            target.setStyleSheet("")

    def show_error(self, field: str, message: str) -> None:
        """The message under the form; the field it names marked, shown (a reason field
        hidden until needed), scrolled into view and given the focus, to type at once."""
        self.error.setText(message)
        self.error.show()
        w = self.fields.get(field)
        if w is not None:
            target = w.edit if isinstance(w, DateField) else w
            target.setStyleSheet(error_border())
            if w.isHidden() and self.form.indexOf(w) >= 0:
                w.setVisible(True)
                label = self.form.labelForField(w)
                if label is not None:
                    label.setVisible(True)
            self.go_to(w)

    def go_to(self, w: QWidget) -> None:
        """A field scrolled into view (on a small screen the form scrolls) and focused."""
        body = self.scroll_area.widget()
        layout = body.layout() if body is not None else None
        if layout is not None:
            layout.activate()  # a field just shown has its place before scrolling
        self.scroll_area.ensureWidgetVisible(w, 10, 20)
        w.setFocus(Qt.FocusReason.OtherFocusReason)

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run the save; on bad input show it on the field and keep the dialog open."""
        self.clear_errors()
        try:
            action()
        except InvalidEntry as exc:
            self.show_error(exc.field, said(exc))
            return False
        except StorageProblem as exc:  # locked, disk full, too long, saved meanwhile
            self.storage_problem(exc)
            return False
        return True

    def storage_problem(self, exc: StorageProblem) -> None:
        """Say what the storage refused; everything typed stays in the dialog.

        After a conflict the dialog takes the record's version now, so that saving again
        applies the user's changes on top, knowingly; the other user's values are saved
        data now, so the reason for changing them is asked.
        """
        if isinstance(exc, EditConflict) and exc.current_version is not None:
            self.version = exc.current_version
            reason = self.fields.get("reason")
            if reason is not None and reason.isHidden():
                reason.setVisible(True)
                self.form.labelForField(reason).setVisible(True)
        self.show_error(exc.field or "", said(exc))

    def save(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError
