"""The windows in another language: the translations are complete and up to date, every
place reads in Simplified Chinese with nothing of its own left in English, the language is
chosen in Settings by keyboard, and a missing translation says so and keeps English."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from app.rules.protocol import default_protocol
from tests.ui.conftest import activate
from ui import i18n
from ui.context import Context

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "ui" / "translations" / "sitetrack_zh_CN.ts"
TODAY = date(2026, 11, 25)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def messages() -> list[tuple[str, str, str | None]]:
    """(source, translation, its type) of every text of the Chinese file."""
    out = []
    for message in ET.parse(TS).iter("message"):
        translation = message.find("translation")
        assert translation is not None
        out.append((message.findtext("source") or "", translation.text or "",
                    translation.get("type")))
    return out


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert i18n.install("zh_CN") == "zh_CN"
    try:
        yield
    finally:
        i18n.install("en")


# --- the files ----------------------------------------------------------------------------

def test_the_translations_follow_the_sources():
    """`make translations` was run after the last text changed: the vocabulary, the .ts and
    the .qm are what the sources make them."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import translations
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert translations.check() == []


def test_every_text_is_translated_keeping_its_blanks_and_its_shortcut():
    found = messages()
    assert len(found) > 800
    for source, translation, kind in found:
        assert kind is None and translation.strip(), f"not translated: {source!r}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), \
            f"the blanks of {source!r} differ in {translation!r}"
        if re.search(r"&\w", source):
            assert re.search(r"&\w", translation), f"no shortcut key in {translation!r}"


def test_every_blank_is_named_for_what_it_holds():
    """A translator reads "{subject_id} history", never "{v1} history": a blank's name is
    all they know of what fills it, so none is a bare number."""
    numbered = [source for source, _t, _k in messages()
                if re.search(r"\{v\d+\}|\{\w+\d\}", source)]
    assert numbered == []


def test_every_word_the_app_shows_is_in_the_vocabulary():
    """A status or a choice added to the app reaches the translators (tools/translations.py
    writes them into ui/vocabulary.py; this fails until it is run)."""
    from ui.vocabulary import WORDS

    sources = {source for source, _, _ in messages()}
    assert set(WORDS) <= sources
    assert {"On treatment", "Overdue", "Investigator", "Recovered with sequelae"} <= set(WORDS)


# --- choosing and installing ------------------------------------------------------------------

def test_a_language_in_force_translates_and_english_comes_back(chinese):
    assert i18n.tr("Today") == "今天"
    assert i18n.tr("Patient {subject_id}").format(subject_id="101-001") == "患者 101-001"
    i18n.install("en")
    assert i18n.tr("Today") == "Today"


def test_qt_own_buttons_follow(chinese):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_a_language_without_its_file_says_so_and_keeps_english(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    with pytest.raises(i18n.MissingTranslation) as raised:
        i18n.install("zh_CN")
    assert "简体中文" in str(raised.value) and "sitetrack_zh_CN.qm" in str(raised.value)
    assert i18n.tr("Today") == "Today"


def test_the_system_language_is_used_where_we_have_it(monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", lambda: QLocale("zh_TW"))
    assert i18n.resolve(i18n.SYSTEM) == "zh_CN"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale("de_DE"))
    assert i18n.resolve(i18n.SYSTEM) == "en"
    assert i18n.resolve("zh_CN") == "zh_CN"
    assert i18n.resolve("klingon") == "en"


def test_settings_chooses_the_language_by_keyboard(qtbot, ctx, monkeypatch):
    from ui.settings_dialog import SettingsDialog
    from ui.workstation import workstation

    monkeypatch.delenv("SITETRACK_LANGUAGE")
    workstation().remove(i18n.SETTING)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(dialog)
    box = dialog.fields["language"]
    assert box.currentData() == i18n.SYSTEM
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End)  # the last: 简体中文
    assert box.currentText() == "简体中文"
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "简体中文" in dialog.saved_note() and "next start" in dialog.saved_note()
    assert QSettings("Site Tracker", "Site Tracker").value(i18n.SETTING) == "zh_CN"
    assert i18n.chosen_language() == "zh_CN"
    workstation().remove(i18n.SETTING)


# --- every place in Chinese -------------------------------------------------------------------

def _shown_texts(top: QWidget) -> set[str]:
    """The texts the app itself puts on screen: labels, buttons, tabs, headers, menus, the
    fields' hints and tooltips (not the rows' data: subject IDs, terms, dates)."""
    texts: set[str] = {top.windowTitle()}
    for w in top.findChildren(QWidget):
        if w.objectName().startswith("qt_"):
            continue
        texts.add(w.toolTip())
        texts.add(w.accessibleName())
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.add(w.text())
        elif isinstance(w, QGroupBox):
            texts.add(w.title())
        elif isinstance(w, QLineEdit):
            texts.add(w.placeholderText())
        elif isinstance(w, QTabWidget):
            texts |= {w.tabText(i) for i in range(w.count())}
        elif isinstance(w, QComboBox):
            texts |= {w.itemText(i) for i in range(w.count()) if w.itemData(i) is None
                      or isinstance(w.itemData(i), (bool, str))}
        elif isinstance(w, (QTableView, QTreeView)) and w.model() is not None:
            header = w.horizontalHeader() if isinstance(w, QTableView) else w.header()
            texts |= {str(w.model().headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(header.count())}
        for action in w.actions():
            texts |= {action.text(), action.toolTip()}
    return {t for t in texts if t and t.strip()}


def _english_left(texts: set[str], data: set[str]) -> list[str]:
    """The texts with English words of the app's own left in them: a word of three letters
    or more in lower case, once tags, the record's data and codes are taken out."""
    left = []
    for text in texts:
        plain = re.sub(r"<[^>]+>|&\w+;", " ", text)
        for value in sorted(data, key=len, reverse=True):
            plain = plain.replace(value, " ")
        if re.search(r"(?<![\w.\[])[a-z]{3,}\b", plain):  # not .xlsx, not [dosing]
            left.append(text)
    return sorted(left)


def test_every_place_reads_in_chinese(qtbot, sqlite_demo_site, chinese):
    from ui.main_window import MainWindow
    from ui.places import numbers as place

    protocol = default_protocol()
    sqlite_db = sqlite_demo_site(TODAY, protocol=protocol, patients=12, second_study=0)
    window = MainWindow(Context(sqlite_db, protocol, clock=lambda: TODAY))
    qtbot.addWidget(window)
    activate(window)
    texts: set[str] = set()
    for p in range(place.PATIENT):
        window.go(p)
        texts |= _shown_texts(window)
    window.open_patient(3)
    view = window.patient_view
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
    texts |= _shown_texts(window)
    texts |= {window.sidebar.item(i).text() for i in range(window.sidebar.count())}
    for menu in window.menuBar().findChildren(QWidget):
        texts |= {a.text() for a in menu.actions()}
    english = {source for source, translation, _ in messages() if source != translation}
    assert sorted(texts & english) == []
    # what is recorded stays as recorded: the database's name, the account, the protocol
    # version's label, and the readings' and analytes' names and units as its file spells
    # them
    data = {sqlite_db.display_name, sqlite_db.actor, "Original protocol"}
    data |= {m.label for m in default_protocol().measures}
    data |= {m.unit for m in default_protocol().measures if len(m.unit or "") > 2}
    data |= {a.name for a in default_protocol().labs}  # the analytes, as its file names them
    data |= {a.unit for a in default_protocol().labs}
    assert _english_left(texts, data) == []
    assert "今天" in texts and "工作清单" in texts


# --- the rules' messages ----------------------------------------------------------------------

def test_a_refused_entry_is_said_in_chinese_with_the_record_as_typed(qtbot, ctx, chinese):
    """The rule's message is translated whole, then filled with what was typed: the subject
    ID and the DD-MMM-YYYY date stay as they are."""
    from tests.ui.test_dialogs_by_keyboard import _open, press, tab_to, type_
    from ui.dialogs import EnrolDialog

    dialog = _open(qtbot, EnrolDialog(ctx))
    tab_to(qtbot, dialog.fields["subject_id"])
    type_(qtbot, "101-001")
    tab_to(qtbot, dialog.fields["initials"])
    type_(qtbot, "AB")
    tab_to(qtbot, dialog.fields["year_of_birth"])
    type_(qtbot, "1960")
    tab_to(qtbot, dialog.fields["dose_level"])
    press(qtbot, Qt.Key.Key_Down)                                # DL1
    tab_to(qtbot, dialog.fields["consent_date"])
    type_(qtbot, "01-JAN-2027")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert dialog.error.text() == "知情同意日期 01-JAN-2027 在未来"


def test_a_message_whose_translation_lost_a_blank_is_said_in_english(chinese, monkeypatch):
    from app.errors import InvalidEntry

    refused = InvalidEntry("consent_date", "Consent date {consent} is in the future",
                           consent="01-JAN-2027")
    assert i18n.said(refused) == "知情同意日期 01-JAN-2027 在未来"
    assert i18n.said(OSError("disk gone")) == "disk gone"  # no translation: as it came
    monkeypatch.setattr(i18n, "tr", lambda text: "知情同意日期 {date} 在未来")
    assert i18n.said(refused) == "Consent date 01-JAN-2027 is in the future"


def test_a_rule_s_reason_is_said_in_chinese_with_its_values_as_recorded(chinese):
    """A DLT evaluability's reason, and the cycle compliance inside it, in the user's
    language; the dates and the CTCAE term stay as recorded."""
    from app.rules.dosing import Compliance, evaluability

    protocol = default_protocol()
    period = (date(2026, 3, 2), date(2026, 3, 29))
    short = evaluability(protocol.escalation, period, [], Compliance(1, 21, 15, "diary"),
                         None, date(2026, 5, 1)).why
    assert i18n.said(short) == "无 DLT；计划 21 剂中服用 15 剂（71 %，依据日记卡），低于" \
        "方案要求的 75 %"
    dlt = evaluability(protocol.escalation, period, [(date(2026, 3, 11), "Febrile neutropenia")],
                       None, None, date(2026, 3, 12)).why
    assert i18n.said(dlt) == "DLT：Febrile neutropenia，发生于 11-MAR-2026"


def test_what_the_storage_refused_is_said_in_chinese_with_the_file_as_it_is(chinese):
    """A full disk, a record saved meanwhile by someone else: the storage's own sentences,
    translated, with the file's name and who changed what kept as they are."""
    from db.errors import EditConflict, storage_problem

    full = storage_problem(OSError("database or disk is full"), "/data/site.sqlite",
                           "sqlite", None, 15_000)
    assert full.message.startswith("The disk holding /data/site.sqlite is full")
    assert i18n.said(full) == "存放 /data/site.sqlite 的磁盘已满：未保存任何内容。请释放一些空间后" \
        "再次保存"
    meanwhile = EditConflict(
        "Saved by someone else while you were editing: {who}. Nothing was saved; your "
        "entries are still here: check them, then save again to apply your changes on top.",
        who="nurse2 changed Dose time")
    assert i18n.said(meanwhile).startswith("在您编辑期间已被他人保存：nurse2 changed Dose time。")


def test_a_date_not_read_is_said_in_chinese_with_the_text_as_typed(qtbot, ctx, chinese):
    from tests.ui.test_dialogs_by_keyboard import _open, press, tab_to, type_
    from ui.dialogs import EnrolDialog

    dialog = _open(qtbot, EnrolDialog(ctx))
    tab_to(qtbot, dialog.fields["subject_id"])
    type_(qtbot, "101-001")
    tab_to(qtbot, dialog.fields["consent_date"])
    type_(qtbot, "31-FEB-2026")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.error.text() == "知情同意日期：“31-FEB-2026”不是真实日期：2026 年 February 只有 28 天"
