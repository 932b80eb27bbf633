"""Keeps the windows' translations: `make translations`, and `--check` for the tests.

1. `ui/vocabulary.py` is written from the app's own words that the windows show (visit and
   patient statuses, roles, the choices of the forms), and `ui/vocabulary_messages.py` from
   the messages of its rules and storage, so that `pyside6-lupdate` finds them.
2. `pyside6-lupdate` reads every `tr("...")` of `ui/` into `ui/translations/sitetrack_<lang>.ts`
   (without line numbers: moving a line changes nothing to translate).
3. `pyside6-lrelease` compiles each `.ts` into the `.qm` the app loads.

A translator opens the `.ts` in Qt Linguist (`pyside6-linguist`), or any XLIFF-minded editor.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UI = ROOT / "ui"
TRANSLATIONS = UI / "translations"
VOCABULARY = UI / "vocabulary.py"
#: the rules' and storage's messages, in files of their own (the house keeps files short:
#: past PER_FILE messages the next ones go to vocabulary_messages_2.py, and so on)
MESSAGES = UI / "vocabulary_messages.py"
PER_FILE = 350


def languages() -> list[str]:
    """The languages the app offers, but English: the source needs no file."""
    from ui.i18n import LANGUAGES

    return [code for code in LANGUAGES if code != "en"]


def vocabulary() -> list[str]:
    """Every word of the app's that a window shows as it is (a status, a role, a choice)."""
    from app.exchange.ical import REMINDER_WORDS
    from app.rules import statuses
    from app.rules.accounts import Role
    from app.rules.audit_review import Finding
    from app.rules.calendar import DELAY_REASONS, VisitStatus
    from app.rules.conmeds import FREQUENCIES, ROUTES
    from app.rules.delegation import TASK_WORDS, TRAINING_RULES, TRAINING_WORDS
    from app.rules.dosing import COMPLIANCE_SOURCES, MOD_KINDS, Evaluable
    from app.rules.endpoints import REASONS
    from app.rules.entry import disposition, enrolment, visits
    from app.rules.pk import SampleFlag
    from app.rules.recist import NON_TARGET_STATUSES
    from app.rules.safety import ACTIONS, OUTCOMES, RELATIONSHIPS
    from app.rules.sdv import STATE_WORDS
    from app.services.adverse_events import AE_FILTERS
    from app.services.deviation_log import LOG_COLUMNS, NEW, REVIEWED, DeviationKind
    from app.services.escalation import Decision
    from app.services.signatures import KIND_WORDS, Meaning
    from app.wording import records as record_words

    words: list[str] = []
    words += [statuses.visit_status_word(s) for s in VisitStatus]
    words += statuses.VISIT_STATUS_WORDS.values()
    words += statuses.PATIENT_STATUS_WORDS.values()
    words += KIND_WORDS.values()
    words += [m.value.capitalize() for m in Meaning]
    words += [k.word for k in DeviationKind]
    words += [name for name, _ in LOG_COLUMNS] + [NEW.capitalize(), REVIEWED.capitalize()]
    words += ["Yes", "No"]  # a deviation's importance
    words += [label for label, _ in AE_FILTERS.values()]
    words += REASONS
    words += [r.word for r in Role]
    words += [str(v).capitalize() for group in (
        disposition.EOT_REASONS, disposition.CONTACT_METHODS, RELATIONSHIPS, ACTIONS, OUTCOMES,
        [k.value for k in MOD_KINDS], DELAY_REASONS, visits.DOSE_ACTIONS) for v in group]
    words += [s.replace("_", " ").capitalize() for s in NON_TARGET_STATUSES]
    words += enrolment.SEXES.values()
    words += record_words.ACTIONS.values()
    words += [d.value for d in Decision]
    words += [e.value for e in Evaluable]
    words += COMPLIANCE_SOURCES
    words += [f.capitalize() for f in SampleFlag if f]
    words += REMINDER_WORDS.values()
    words += STATE_WORDS.values()
    words += [f.value for f in Finding]
    words += [*TASK_WORDS.values(), *TRAINING_WORDS.values(), *TRAINING_RULES]
    words += [*ROUTES, *FREQUENCIES]  # a con-med's route and frequency
    return sorted(set(words))


def entry_messages() -> list[str]:
    """Every message the app's rules and its storage say with a template (an error's text or
    a Phrase, its {blanks} filled by the windows after translating it), read from the
    sources of app/ and db/, and the few kept in constants, which the reading cannot see."""
    from app.rules.dates import OUTSIDE
    from app.rules.future import IN_FUTURE
    from app.rules.site import NO_NUMBER
    from app.services.accounts import SESSION_CHANGED, TAMPERED
    from app.services.dosing import EDITED_MEANWHILE
    from db.errors import CHAIN_BROKEN
    from db.locks import BUSY_MESSAGES

    found: set[str] = {EDITED_MEANWHILE, CHAIN_BROKEN, OUTSIDE, TAMPERED, NO_NUMBER, IN_FUTURE,
                       *BUSY_MESSAGES.values(), *SESSION_CHANGED.values()}
    for path in sorted([*(ROOT / "app").rglob("*.py"), *(ROOT / "db").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                found |= {t.value for t in _templates(node)
                          if isinstance(t, ast.Constant) and isinstance(t.value, str)}
    return sorted(found)


def _templates(call: ast.Call) -> list[ast.expr]:
    """The message arguments of a call making a worded error or phrase: Unreadable(message,
    ...), Phrase(template, ...), a storage error's (StorageProblem(message, ...) and its
    kinds), refuse_newer(row, version, field, message), not_in_future(field, when, today,
    message, ...), InvalidEntry(field, message, ...) (NotFound, NotAllowed, NotDelegated
    alike) or a subclass's super().__init__(field, message, ...); a message chosen by
    `a if c else b`
    gives both."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in (
            "Unreadable", "Phrase", "StorageProblem", "ValueTooLong", "EditConflict",
            "KeyMissing", "NobodySignedIn"):
        message = call.args[:1]
    elif isinstance(func, ast.Name) and func.id in ("refuse_newer", "not_in_future"):
        message = call.args[3:4]
    elif (isinstance(func, ast.Name) and func.id in (
            "InvalidEntry", "NotAllowed", "NotFound", "NotDelegated")) or (
            isinstance(func, ast.Attribute) and func.attr == "__init__"
            and isinstance(func.value, ast.Call)
            and getattr(func.value.func, "id", None) == "super"):
        message = call.args[1:2]
    else:
        return []
    return [m for e in message for m in ([e.body, e.orelse] if isinstance(e, ast.IfExp)
                                         else [e])]


def _source(what: str, name: str, texts: list[str]) -> str:
    lines = [f'"""{what}, for `pyside6-lupdate` to find.',
             "",
             "Written by tools/translations.py from the app's constants: do not edit.", '"""',
             "", "from ui.i18n import QT_TR_NOOP", "", f"{name} = ("]
    lines += [f"    QT_TR_NOOP({text!r})," for text in texts]
    lines += [")", ""]
    return "\n".join(lines)


def vocabulary_source() -> str:
    return _source("The app's own words the windows show", "WORDS", vocabulary())


def messages_sources() -> list[tuple[Path, str]]:
    """Each messages file with its source, PER_FILE messages a file."""
    texts = entry_messages()
    chunks = [texts[i:i + PER_FILE] for i in range(0, len(texts), PER_FILE)] or [[]]
    return [(MESSAGES if n == 0 else UI / f"vocabulary_messages_{n + 1}.py",
             _source("The messages the app's rules and storage say, the windows translate",
                     "MESSAGES", chunk)) for n, chunk in enumerate(chunks)]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is missing: it comes with PySide6 (make install)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def update(ts_folder: Path) -> None:
    """The .ts files in `ts_folder` brought up to the sources (new texts unfinished, texts
    gone dropped)."""
    for language in languages():
        subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations",
                        "none", "-target-language", language, "-silent", "-ts",
                        str(ts_folder / f"sitetrack_{language}.ts")],
                       cwd=ROOT, check=True)


def release(ts_folder: Path, qm_folder: Path) -> None:
    for language in languages():
        subprocess.run([tool("pyside6-lrelease"), "-silent",
                        str(ts_folder / f"sitetrack_{language}.ts"),
                        "-qm", str(qm_folder / f"sitetrack_{language}.qm")], check=True)


def check() -> list[str]:
    """What is out of date: the vocabulary, a .ts behind the sources, a .qm behind its .ts."""
    problems = []
    for path, source in ((VOCABULARY, vocabulary_source()), *messages_sources()):
        if not path.exists() or path.read_text() != source:
            problems.append(f"{path.relative_to(ROOT)} is behind the app's words")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for language in languages():
            shutil.copy(TRANSLATIONS / f"sitetrack_{language}.ts", folder)
        update(folder)
        release(folder, folder)
        for language in languages():
            for ending in (".ts", ".qm"):
                name = f"sitetrack_{language}{ending}"
                if not filecmp.cmp(folder / name, TRANSLATIONS / name, shallow=False):
                    problems.append(f"ui/translations/{name} is behind: run make translations")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "translations up to date")
        return 1 if problems else 0
    VOCABULARY.write_text(vocabulary_source())
    for path, source in messages_sources():
        path.write_text(source)
    TRANSLATIONS.mkdir(exist_ok=True)
    update(TRANSLATIONS)
    release(TRANSLATIONS, TRANSLATIONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
