"""The first run of a new database: a wizard for the first administrator, the site's name and
number, the study's protocol file, NCI's CTCAE workbook and where backups go. Each page does
its work when left with Next, and a file of the wrong shape or a folder that cannot be written
keeps the wizard on its page with the reason. Keyboard first: Tab between fields, Enter for
Next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.infra.clock import local_now as now
from app.services import accounts as acc
from app.services.database import Database
from app.services.errors import InvalidEntry
from ui.i18n import said, tr
from ui.style import error_text
from ui.theme import restyle


class Page(QWizardPage):
    """A page of fields in a form, a line for what went wrong, and the work done on Next."""

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setTitle(title)
        layout = QVBoxLayout(self)
        words = QLabel(intro)
        words.setWordWrap(True)
        layout.addWidget(words)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        restyle(self.error, lambda: self.error.setStyleSheet(error_text()))
        self.error.hide()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.fields: dict[str, QWidget] = {}
        # what Next does before the wizard moves on (None: nothing to do)
        self.work: Callable[[], object] | None = None

    def validatePage(self) -> bool:
        return self.work is None or self.attempt(self.work)

    def line(self, name: str, label: str, placeholder: str = "",
             password: bool = False) -> QLineEdit:
        w = QLineEdit()
        w.setPlaceholderText(placeholder)
        w.setAccessibleName(label)
        if password:
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields[name] = w
        self.form.addRow(label, w)
        return w

    def file_line(self, name: str, label: str, placeholder: str, pick_file: Callable[[], str]
                  ) -> QLineEdit:
        """A path typed, or chosen with Browse… (not a Tab stop: the path can be typed)."""
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        w = QLineEdit()
        w.setPlaceholderText(placeholder)
        w.setAccessibleName(label)
        browse = QPushButton(tr("Browse…"))
        browse.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        browse.clicked.connect(lambda: w.setText(pick_file() or w.text()))
        box.addWidget(w, 1)
        box.addWidget(browse)
        self.fields[name] = w
        self.form.addRow(label, row)
        return w

    def text(self, name: str) -> str:
        w = self.fields[name]
        if not isinstance(w, QLineEdit):
            raise TypeError(f"field {name!r} is a {type(w).__name__}, not a line")
        return w.text().strip()

    def attempt(self, work: Callable[[], object]) -> bool:
        """Do the page's work; on a problem, say it on the page and stay."""
        self.error.hide()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            work()
        except InvalidEntry as exc:
            return self.refuse(said(exc), exc.field)
        except (ValueError, OSError) as exc:  # a protocol or CTCAE file of the wrong shape
            return self.refuse(said(exc), None)
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def refuse(self, message: str, field: str | None) -> bool:
        """Say the problem on the page (focus on its field) and stay: False."""
        self.error.setText(message)
        self.error.show()
        target = self.fields.get(field or "")
        if target is not None:
            target.setFocus()
        return False


class FirstRunWizard(QWizard):
    """A new database's set-up; `signed` is its first administrator when it finished."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.signed: acc.SignedIn | None = None
        self.setWindowTitle(tr("Set up Site Tracker"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        for page in (self._admin(), self._site(), self._protocol(), self._dictionary(),
                     self._backups(), self._done()):
            self.addPage(page)
        self.resize(640, 440)

    # --- the pages --------------------------------------------------------------------------
    def _admin(self) -> Page:
        page = Page(tr("The first administrator"),
                    tr("{display_name} is new. Create its first administrator: they add "
                       "the site's named accounts (nurses, investigators, monitors) and "
                       "change the site's settings. An administrator sees no patient data.").format(
                               display_name=self.db.display_name))
        page.line("name", tr("Account"), tr("e.g. r.admin"))
        page.line("printed_name", tr("Name as printed"))
        secret = page.line("password", tr("Password"), tr("at least 8 characters"), password=True)
        again = page.line("again", tr("Password again"), password=True)

        def work() -> None:
            if self.signed is not None:
                return  # made already (the user came back with Back)
            if page.text("password") != again.text():
                raise InvalidEntry("again", tr("The two passwords differ"))
            password = secret.text()
            name = acc.create_account(self.db, page.text("name"), page.text("printed_name"),
                                      "admin", password, must_change=False,
                                      reason=tr("first administrator"))
            self.signed = acc.sign_in(self.db, name, password, now())

        page.work = work
        return page

    def _site(self) -> Page:
        page = Page(tr("The site"), tr("Its name and number go on every worksheet and export."))
        page.line("site_name", tr("Site name"), tr("e.g. Hôpital Saint-Louis, Paris"))
        page.line("site_number", tr("Site number"), tr("e.g. 101"))

        def work() -> None:
            from dataclasses import replace

            from app.rules.site import site_label
            from app.services.site_settings import save_site_settings, site_settings

            site_label(page.text("site_number"), page.text("site_name"))  # a number is needed
            save_site_settings(self.db, replace(site_settings(self.db),
                                                site_name=page.text("site_name"),
                                                site_number=page.text("site_number")),
                               tr("site set up"))

        page.work = work
        return page

    def _protocol(self) -> Page:
        from app.services.studies import list_studies

        studies = ", ".join(f"{s.code} ({s.current.label})" for s in list_studies(self.db))
        page = Page(tr("The study"), tr("Set up already: {studies}, from the protocol file "
                                    "that ships with Site Tracker. If the site runs "
                                    "another study, give its protocol file (TOML); leave "
                                    "it empty otherwise.").format(studies=studies))
        page.file_line("protocol", tr("Protocol file"), tr("optional: another study's .toml"),
                       lambda: QFileDialog.getOpenFileName(
                           self, tr("Protocol file"), "", tr("Protocol file (*.toml)"))[0])

        def work() -> None:
            path = page.text("protocol")
            if path:
                from app.services.studies import add_study

                add_study(self.db, Path(path))

        page.work = work
        return page

    def _dictionary(self) -> Page:
        page = Page(tr("The CTCAE dictionary"),
                    tr("Adverse events are coded to NCI's CTCAE v5.0. Give the workbook you "
                    "downloaded from NCI (CTCAE_v5.0.xlsx); it can also be imported later "
                    "(Tools > Import the CTCAE dictionary)."))
        page.file_line("ctcae", tr("CTCAE workbook"), tr("optional: CTCAE_v5.0.xlsx"),
                       lambda: QFileDialog.getOpenFileName(
                           self, tr("CTCAE workbook"), "", tr("NCI CTCAE (*.xlsx *.csv)"))[0])
        self.imported = QLabel()
        page.form.addRow("", self.imported)
        self.ctcae_loaded: str | None = None  # the file loaded: Next goes on
        self.ctcae_loading = False

        def validate() -> bool:
            path = page.text("ctcae")
            if not path or path == self.ctcae_loaded:
                return True
            if not self.ctcae_loading:
                self._load_dictionary(page, path)
            return False  # the page goes on by itself once the file is loaded

        page.validatePage = validate  # type: ignore[method-assign]  # the check is this closure
        return page

    def _load_dictionary(self, page: Page, path: str) -> None:
        """The CTCAE file loaded off the GUI thread (ui/operations.py); loaded, the wizard
        goes to the next page; a file of the wrong shape is said on the page, which stays."""
        from app.services.dictionary import ImportResult, import_dictionary
        from ui.operations import Changes, Operation, show_failure

        page.error.hide()
        self.ctcae_loading = True
        title = tr("CTCAE dictionary")

        def loaded(result: ImportResult) -> None:
            self.ctcae_loading, self.ctcae_loaded = False, path
            self.imported.setText(tr("{total} terms loaded").format(total=result.total))
            if self.currentPage() is page:
                self.next()

        def failed(exc: Exception) -> None:
            self.ctcae_loading = False
            if isinstance(exc, InvalidEntry | ValueError | OSError):
                page.refuse(said(exc), "ctcae")
            else:
                show_failure(self, title, exc)

        Operation(self, lambda job: import_dictionary(self.db, Path(path),
                                                      cancelled=job.cancelled),
                  title=title).with_progress(tr("Loading {path}…").format(path=path)).changes(
                      Changes(dictionary=True)).success(loaded).failure(failed).run()

    def _backups(self) -> Page:
        page = Page(tr("Backups"), tr("A verified copy of the database is made every day it is "
                    "opened. Choose where they go (a folder on another disk, or on the "
                    "hospital's network, is safest) and how many to keep."))
        page.file_line("backup_folder", tr("Backup folder"), tr("empty: beside the database"),
                       lambda: QFileDialog.getExistingDirectory(self, tr("Backup folder")))
        keep = QSpinBox()
        keep.setRange(1, 365)
        keep.setValue(14)
        keep.setAccessibleName(tr("Daily backups to keep"))
        page.fields["backups_kept"] = keep
        page.form.addRow(tr("Daily backups to keep"), keep)

        def work() -> None:
            from dataclasses import replace

            from app.services.site_settings import save_site_settings, site_settings

            save_site_settings(self.db, replace(
                site_settings(self.db), backup_folder=page.text("backup_folder"),
                backups_kept=keep.value()), tr("backups set up"))

        page.work = work
        return page

    def _done(self) -> Page:
        return Page(tr("Ready"),
                    tr("Site Tracker is set up. Finish opens the administrator's window: "
                    "add the site's accounts there. Everything here can be changed later in "
                    "Settings."))


__all__ = ["FirstRunWizard"]
