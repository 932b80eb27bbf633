"""The user guide: Help > User guide (F1) at the contents, F1 in a dialog at its own page,
links between pages, and no window pointing at a page that does not exist."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from ui.dialogs import EnrolDialog
from ui.guide import PAGES, GuideWindow, page_text

from .conftest import activate


def test_every_page_exists_and_every_window_names_one():
    import ui.ae_dialog
    import ui.conmed_dialogs
    import ui.dialogs
    import ui.lab_dialogs
    import ui.pk_dialog
    import ui.response_views
    import ui.studies_admin  # noqa: F401  (their dialogs register as FormDialog subclasses)
    from ui.forms import FormDialog

    names = {n for n, _t in PAGES}
    for name in names:
        assert page_text(name).startswith("# ")

    def subclasses(cls):  # type: ignore[no-untyped-def]
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for dialog in subclasses(FormDialog):
        assert dialog.help_page in names, dialog.__name__
    for name in names - {"index"}:
        assert f"({name}.md)" in page_text("index")


def test_f1_in_a_dialog_opens_its_page(qtbot, ctx):
    dialog = EnrolDialog(ctx)
    qtbot.addWidget(dialog)
    activate(dialog)
    qtbot.keyClick(dialog.fields["subject_id"], Qt.Key.Key_F1)
    guide = dialog.guide
    qtbot.addWidget(guide)
    assert guide.isVisible() and guide.current == "enrol"
    assert "Enrol a patient" in guide.text.toPlainText()
    assert dialog.isVisible()  # the guide does not close or block the dialog


def test_the_contents_link_to_every_job(qtbot):
    guide = GuideWindow()
    qtbot.addWidget(guide)
    assert guide.current == "index"
    guide.text.anchorClicked.emit(QUrl("pk.md"))
    assert guide.current == "pk" and "A PK day" in guide.text.toPlainText()
    guide.pages.setCurrentRow(5)
    assert guide.current == PAGES[5][0]


def test_help_menu_has_the_guide_on_f1(qtbot, ctx):
    from PySide6.QtGui import QKeySequence

    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    guide = next(a for a in menu.actions() if a.text() == "User &guide")
    assert guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
