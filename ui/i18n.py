"""The windows' language: every text a user reads goes through Qt's translation, so that a
site in Shanghai reads its own language and a site in Leeds English.

The words live in `ui/translations/sitetrack_<language>.ts`, kept by `pyside6-lupdate`
(`make translations`) and compiled to `.qm` beside it. Clinical data (terms, names, dates in
DD-MMM-YYYY) is never translated: it is the record.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.errors import Worded
from app.rules.dates import fmt_window

if TYPE_CHECKING:
    from app.services.accounts import SignedIn

#: the languages a user can choose, by Qt's locale name, each named in itself
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
SYSTEM = "system"
SETTING = "language"
TRANSLATIONS = Path(__file__).with_name("translations")

_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """The text in the language chosen (itself in English, or where no translation exists).
    One context for the whole app: a word reads the same in every window."""
    return QCoreApplication.translate("", text)


def QT_TR_NOOP(text: str) -> str:
    """Marks a text kept in a constant for `pyside6-lupdate`; it is translated where shown."""
    return text


def chosen_language() -> str:
    """The language this workstation's user chose (Settings), or the system's."""
    forced = os.environ.get("SITETRACK_LANGUAGE", "").strip()
    if forced:
        return forced
    from ui.workstation import workstation

    return str(workstation().value(SETTING, SYSTEM))


def resolve(choice: str) -> str:
    """A choice made a language we have: the system's where it is one of ours, else English."""
    if choice in LANGUAGES:
        return choice
    if choice == SYSTEM:
        name = QLocale.system().name()  # "zh_CN", "en_GB"
        if name in LANGUAGES:
            return name
        if name.startswith("zh"):
            return "zh_CN"
    return "en"


def file_of(language: str) -> Path:
    return TRANSLATIONS / f"sitetrack_{language}.qm"


class MissingTranslation(Exception):
    """A language chosen whose words are not installed (a damaged installation)."""


def install(language: str) -> str:
    """Put `language` in force for the windows made from now on (Qt's own buttons too);
    returns the language in force. English needs no file. A language whose file is missing
    raises MissingTranslation and leaves English in force."""
    app = QCoreApplication.instance()
    assert app is not None, "the application is made first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return "en"
    ours = QTranslator(app)
    if language not in LANGUAGES or not ours.load(str(file_of(language))):
        name = LANGUAGES.get(language, language)
        raise MissingTranslation(
            f"Site Tracker has no translation for {name}: the file {file_of(language).name} "
            "is missing from its installation. The windows are in English.")
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", qt_folder):  # OK, Cancel, Save in Qt's dialogs
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    return language


def said(exc: BaseException | Worded) -> str:
    """An error's message, or a rule's Phrase, in the user's language: its template
    translated, then its blanks filled with the record's values (a value that is itself a
    Phrase said the same way); a message without a translation as it came. The storage's
    errors (db.errors) keep a template and values the same way, without the app's class."""
    english = str(getattr(exc, "message", None) or exc)
    template, values = getattr(exc, "template", None), getattr(exc, "values", None)
    if not isinstance(template, str) or not isinstance(values, dict):  # not kept worded
        return tr(english)
    values = {k: said(v) if isinstance(v, Worded) else v for k, v in values.items()}
    try:
        return tr(template).format(**values) if values else tr(template)
    except (KeyError, IndexError, ValueError):  # a translation that lost a blank
        return english


def signed_in_text(signed: SignedIn) -> str:
    """Who is signed in, as the status bar says it: the name, the account, the role."""
    return tr("Signed in: {printed_name} ({name}) · {role}").format(
        printed_name=signed.printed_name, name=signed.name, role=tr(signed.role.word))


def labelled(label: str, exc: BaseException) -> str:
    """A field's problem said after its label ("Consent date: '31-FEB-2026' is not a real
    date..."), in the user's language."""
    return tr("{label}: {problem}").format(label=label, problem=said(exc))


def window_text(earliest: date, latest: date, target: date) -> str:
    """A visit window as the lists say it, in the user's words and DD-MMM-YYYY dates."""
    return fmt_window(earliest, latest, target, tr("{earliest} to {latest} (target {target})"))


def counted(n: int, one: str, many: str) -> str:
    """"1 visit" or "3 visits", each form translated ("{n} visit", "{n} visits")."""
    return (one if n == 1 else many).format(n=n)
