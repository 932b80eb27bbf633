"""The dialogs of a query's steps: open one on a record (or a field of it), answer it,
close it, re-open it. Each saves through app/services/queries.py, which decides."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.rules.dates import fmt_datetime
from app.rules.queries import TARGET_HELP, Target
from app.services.queries import (
    QueryRow,
    answer_query,
    close_query,
    linked_changes,
    open_query,
    reopen_query,
)
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import tr

ANSWER, CLOSE, REOPEN = "answer", "close", "reopen"


class OpenQueryDialog(FormDialog):
    """A new query: which patient, on what (prefilled from the record it is opened on),
    and the question."""

    help_page = "queries"

    def __init__(self, ctx: Context, parent: QWidget | None = None, subject: str = "",
                 on: Target | None = None) -> None:
        super().__init__(tr("Open a query"), parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.subject = self.line("subject", tr("Subject ID"), subject)
        self.on = self.line("on", tr("On"), on.code if on is not None else "",
                            placeholder=tr("C1D1, AE:7, SCAN:3, PK:C1D1, PATIENT, or a field "
                                           "as C1D1.actual_date"))
        self.on.setToolTip(tr("What the query is about: {help}").format(help=TARGET_HELP))
        if on is not None:
            self.intro.setText(tr("A query on {subject}: {about}").format(
                subject=subject, about=on.words))
            self.intro.show()
        self.text = self.text_box("text", tr("Query"))

    def save(self) -> None:
        def act() -> None:
            self.saved_id = open_query(self.ctx.db, self.subject.text(), self.on.text(),
                                       self.text.toPlainText(), self.ctx.now())
        if self.attempt(act):
            self.accept()


class QueryStepDialog(FormDialog):
    """Answer, close or re-open one query; the query and its story so far above."""

    help_page = "queries"

    def __init__(self, ctx: Context, row: QueryRow, step: str,
                 parent: QWidget | None = None) -> None:
        title = {ANSWER: tr("Answer a query"), CLOSE: tr("Close a query"),
                 REOPEN: tr("Re-open a query")}[step]
        super().__init__(title, parent)
        self.ctx, self.row, self.step = ctx, row, step
        self.version = row.version
        story = tr("<b>{subject} · {about}</b> ({study})<br>{opened_by}, {opened_at}: "
                   "{text}").format(subject=row.subject_id, about=row.target.words,
                                    study=row.study, opened_by=row.opened_by,
                                    opened_at=fmt_datetime(row.opened_at), text=row.text)
        if row.answer:
            story += tr("<br>Answer by {answered_by}, {answered_at}: {answer}").format(
                answered_by=row.answered_by, answered_at=fmt_datetime(row.answered_at),
                answer=row.answer)
        changes = linked_changes(ctx.db, row.id)
        if changes:
            story += "<br>" + tr("Corrections for this query:") + "".join(
                "<br>· " + tr("{record} {field}: {old} → {new} ({who}, {at})").format(
                    record=c.record, field=c.field, old=c.old, new=c.new, who=c.who,
                    at=fmt_datetime(c.at.astimezone(ctx.zone()))) for c in changes)
        self.intro.setText(story)
        self.intro.show()
        name, label = {ANSWER: ("answer", tr("Answer")), CLOSE: ("comment", tr("Comment")),
                       REOPEN: ("text", tr("What is still to be done"))}[step]
        self.words = self.text_box(name, label)

    def save(self) -> None:
        db, qid, text, now = (self.ctx.db, self.row.id, self.words.toPlainText(),
                              self.ctx.now())

        def act() -> None:
            if self.step == ANSWER:
                answer_query(db, qid, text, now, self.row.version)
            elif self.step == CLOSE:
                close_query(db, qid, text, now, self.row.version)
            else:
                reopen_query(db, qid, text, now, self.row.version)
        if self.attempt(act):
            self.accept()
