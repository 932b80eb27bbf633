"""Settings: this workstation's (QSettings: paper size, the worklist's horizon) and the
site's, shared by every workstation through the database (the site's name, the idle lock,
where daily backups go and how many are kept; audited, administrators only)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QSpinBox, QWidget

from app.exchange.ical import REMINDER_WORDS, Reminder
from app.services.database import IDLE_LOCK_RANGE
from app.services.site_settings import KEEP_RANGE, SiteSettings, save_site_settings, site_settings
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import LANGUAGES, SETTING, SYSTEM, chosen_language, resolve, tr
from ui.theme import SCHEMES, chosen_scheme, install_theme, save_scheme
from ui.workstation import PAPER_SIZES, paper_size, worklist_days, workstation


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class SettingsDialog(FormDialog):
    """Tools > Settings… (Ctrl+,)."""
    help_page = "settings"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(tr("Settings"), parent)
        self.ctx = ctx
        self.form.addRow(QLabel(tr("<b>This workstation</b>")))
        self.choice("paper_size", tr("Paper for worksheets"), [(tr(p), p) for p in PAPER_SIZES],
                    paper_size())
        chosen = chosen_language()
        self.language = chosen if chosen in LANGUAGES else SYSTEM
        self.choice("language", tr("Language (from the next start)"),
                    [(tr("The system's ({language})").format(
                        language=LANGUAGES[resolve(SYSTEM)]), SYSTEM)]
                    + [(name, code) for code, name in LANGUAGES.items()], self.language)
        self.add("worklist_days", tr("Worklist looks ahead"),
                 _spin(0, 365, worklist_days(), tr(" days")))
        schemes: list[tuple[str, object]] = [(tr(w), s) for s, w in SCHEMES.items()]
        self.choice("colour_scheme", tr("Colours"), schemes, chosen_scheme())
        self.form.addRow(QLabel(tr("<b>This site</b> (every workstation; kept with the data, "
                                "in the audit trail)")))
        self.current = site_settings(ctx.db)
        s = self.current
        self.line("site_name", tr("Site name (on worksheets and exports)"), s.site_name)
        self.line("site_number", tr("Site number"), s.site_number, placeholder=tr("e.g. 101"))
        self.line("country", tr("Country (ISO 3166-1 alpha-3, for SDTM)"), s.country,
                  placeholder=tr("e.g. FRA"))
        self.add("idle_lock_minutes", tr("Lock the window after"),
                 _spin(*IDLE_LOCK_RANGE, s.idle_lock_minutes, tr(" idle minutes")))
        self.add("backups_kept", tr("Daily backups to keep"),
                 _spin(*KEEP_RANGE, s.backups_kept, ""))
        self.choice("calendar_reminder", tr("Calendar reminder (iCalendar export)"),
                    [(tr(word), reminder.value) for reminder, word in REMINDER_WORDS.items()],
                    s.calendar_reminder.value)
        self.folder = self.line("backup_folder", tr("Backup folder"), s.backup_folder,
                                placeholder=tr("beside the database"))
        browse = QPushButton(tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        self.form.addRow("", browse)
        self.reason_field(True)
        may = ctx.signed is None or ctx.signed.role == "admin"
        for name in ("site_name", "site_number", "country", "idle_lock_minutes", "backups_kept",
                     "calendar_reminder", "backup_folder", "reason"):
            self.fields[name].setEnabled(may)
        browse.setEnabled(may)
        if not may:
            self.intro.setText(tr("The site's settings are changed by an administrator."))
            self.intro.show()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Backup folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def site_values(self) -> SiteSettings:
        return SiteSettings(self.read_text("site_name"),
                            self.field("idle_lock_minutes", QSpinBox).value(),
                            self.field("backups_kept", QSpinBox).value(),
                            self.read_text("backup_folder"), self.read_text("site_number"),
                            Reminder(self.read_choice("calendar_reminder") or Reminder.NONE),
                            self.read_text("country"))

    def save(self) -> None:
        def act() -> None:
            site = self.site_values()
            if site != self.current and self.fields["site_name"].isEnabled():
                save_site_settings(self.ctx.db, site, self.read_text("reason") or None)
            settings = workstation()
            settings.setValue("paper_size", self.read_choice("paper_size"))
            settings.setValue(SETTING, self.read_choice("language"))
            settings.setValue("worklist_days",
                              self.field("worklist_days", QSpinBox).value())
            save_scheme(self.read_choice("colour_scheme") or "")
            settings.sync()
            install_theme()  # the colours change at once
        if self.attempt(act):
            self.accept()

    def saved_note(self) -> str:
        """What the status bar says once saved (a language waits for the next start)."""
        chosen = self.read_choice("language")
        if chosen == self.language:
            return tr("Settings saved")
        return tr("Settings saved. Site Tracker opens in {language} from its next "
                  "start.").format(language=LANGUAGES[resolve(chosen or "")])
