"""File > Monitoring visit report: the study and the period, the monitor's password again
(the report is e-signed), then where to save the PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.errors import InvalidEntry
from app.rules.audit_review import check_period
from app.services.monitor_report import monitor_report, sign_report
from reports.monitor_report import write_monitor_report
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr
from ui.widgets import DateField

PERIOD_DAYS = 56


class MonitorReportDialog(FormDialog):
    ask_before_discard = False  # a password: nothing to lose by closing
    help_page = "monitoring"

    def __init__(self, ctx: Context, path: str | None = None, parent: QWidget | None = None
                 ) -> None:
        super().__init__(tr("Monitoring visit report"), parent)
        self.ctx, self.path = ctx, path
        self.written: Path | None = None
        self.period: tuple[date | None, date | None] = (None, None)
        self.intro.setText(tr("What was verified, the queries, deviations and open safety "
                              "items of the period, signed by you: your password again "
                              "makes it your signature."))
        self.intro.show()
        today = ctx.today()
        self.study: QComboBox = self.choice(
            "study", tr("Study"), [(code, sid) for sid, code in ctx.study_codes().items()])
        self.since: DateField = self.date_field("from", tr("From"),
                                                today - timedelta(days=PERIOD_DAYS))
        self.until: DateField = self.date_field("to", tr("To"), today)
        self.password_field: QLineEdit = self.password("password", tr("Password"))
        self.password_field.returnPressed.connect(self.save)
        self.buttons.button(self.buttons.StandardButton.Save).setText(tr("Sign and save"))

    def save(self) -> None:
        def period() -> None:
            self.period = (self.read_date("from", tr("From")), self.read_date("to", tr("To")))
            check_period(*self.period)

        if not self.attempt(period):
            return
        since, until = self.period
        assert since is not None and until is not None  # check_period said so
        path = self.path
        if not path:
            from ui.export import save_path

            path = save_path(self, tr("Monitoring visit report"),
                             f"monitoring-{until.isoformat()}.pdf", tr("PDF (*.pdf)"))
        if not path:
            return  # no file chosen: nothing signed

        def act() -> None:
            data = monitor_report(self.ctx.db, int(self.study.currentData()), since, until,
                                  self.ctx.now())
            signed = sign_report(self.ctx.db, data, self.password_field.text(),
                                 self.ctx.now())
            try:
                self.written = write_monitor_report(signed, path)
            except OSError as exc:
                raise InvalidEntry("password", "Cannot write {path}: {problem}", path=path,
                                   problem=exc.strerror or exc) from None

        if self.attempt(act):
            self.accept()
        else:
            self.password_field.clear()
