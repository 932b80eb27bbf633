"""The site's CTCAE dictionary: import NCI's file, look terms up, suggest the closest."""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, func, insert, literal, or_, select, update

from app.infra.clock import Clock
from app.rules.ctcae import CtcaeEntry, CtcaeFileError, column_map, read_ctcae
from app.services.errors import refuse_the_database
from db import Database
from db.models import AdverseEvent, CtcaeImport, CtcaeTerm, SiteSetting

SOURCE_KEY = "ctcae_source"
_FIELDS = [f.name for f in fields(CtcaeEntry)]


class DictionaryShrinks(CtcaeFileError):
    """The file lacks terms the loaded dictionary has: refused unless a replace is asked for."""

    def __init__(self, message: str, missing: int) -> None:
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class ImportResult:
    total: int
    added: int
    changed: int
    removed: int  # taken out of the look-ups (retired, never deleted)
    kept_in_use: int = 0  # of those, terms AEs are coded to

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def summary(self) -> str:
        if self.unchanged:
            return f"CTCAE dictionary unchanged: the file holds the same {self.total} terms"
        kept = (f"; {self.kept_in_use} of them stay with the adverse events coded to them"
                if self.kept_in_use else "")
        return (f"CTCAE dictionary: {self.total} terms ({self.added} added, {self.changed} "
                f"changed, {self.removed} no longer offered{kept})")


class ImportCancelled(CtcaeFileError):
    """The user cancelled before anything was written."""


def import_dictionary(db: Database, path: Path | str, *, replace: bool = False,
                      cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Load NCI's file; a file of the wrong shape raises CtcaeFileError and changes nothing.

    Re-importing the same file writes nothing at all. A file that lacks terms the loaded
    dictionary has is refused (DictionaryShrinks) unless `replace`; even then no term is
    deleted: the missing ones are retired from the look-ups, and a term an adverse event is
    coded to stays readable for it. Each import that changes anything is kept as a version
    (ctcae_import: file, checksum, when, who).
    """
    path = Path(path)
    refuse_the_database(path)
    entries = read_ctcae(path)  # read and check everything before touching the database
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if cancelled is not None and cancelled():
        raise ImportCancelled(f"Import of {path.name} cancelled: nothing was changed")
    with db.unit_of_work(reason="CTCAE dictionary import", purpose="reference") as session:
        current = {row.meddra_code: row for row in session.scalars(select(CtcaeTerm))}
        incoming = {e.meddra_code: e for e in entries}
        added = [asdict(e) for code, e in incoming.items() if code not in current]
        changed = [
            {"id": current[code].id, **asdict(e)} for code, e in incoming.items()
            if code in current and (current[code].retired_by is not None or any(
                getattr(current[code], f) != getattr(e, f) for f in _FIELDS))
        ]
        missing = [row for code, row in current.items()
                   if code not in incoming and row.retired_by is None]
        used = set(session.scalars(select(AdverseEvent.meddra_code).where(
            AdverseEvent.meddra_code.in_([r.meddra_code for r in missing])))) if missing else set()
        if missing and not replace:
            names = ", ".join(sorted(r.term for r in missing)[:3])
            raise DictionaryShrinks(
                f"{path.name} holds {len(entries)} terms and lacks {len(missing)} of the "
                f"loaded dictionary (such as {names}); importing it would stop offering them"
                + (f", and {len(used)} are used by adverse events" if used else "")
                + ". Import it as a replacement only if that is meant (--replace)",
                len(missing))
        result = ImportResult(len(entries), len(added), len(changed), len(missing), len(used))
        if result.unchanged:
            return result
        record = CtcaeImport(
            file_name=path.name[:255], sha256=digest, dictionary_version=column_map().version,
            terms=len(entries), added=len(added), changed=len(changed), retired=len(missing),
            replace=replace, imported_at=Clock.utc_now(),
            imported_by=session.info.get("actor") or "unknown")
        session.add(record)
        session.flush()
        incoming_names = {e.term for e in entries}
        for row in missing:
            row.retired_by = record.id
        session.flush()
        retired_clash = [r.id for r in current.values()
                         if r.meddra_code not in incoming and r.term in incoming_names]
        if retired_clash:  # a retired term's name now belongs to another code
            session.execute(update(CtcaeTerm).where(CtcaeTerm.id.in_(retired_clash)).values(
                term=CtcaeTerm.term.concat(literal(" (retired)"))))
        if changed:
            # a renamed term may take a name another row still holds: clear names first
            session.execute(update(CtcaeTerm).where(CtcaeTerm.id.in_([c["id"] for c in changed]))
                            .values(term=literal("~").concat(cast(CtcaeTerm.id, String))))
            session.execute(update(CtcaeTerm), [
                {**c, "import_id": record.id, "retired_by": None} for c in changed])
        if added:
            session.execute(insert(CtcaeTerm), [{**a, "import_id": record.id} for a in added])
        source = json.dumps({"file": path.name, "sha256": digest,
                             "version": column_map().version, "terms": len(entries),
                             "imported_at": record.imported_at.isoformat(timespec="seconds"),
                             "by": session.info.get("actor"), "import": record.id})
        setting = session.get(SiteSetting, SOURCE_KEY)
        if setting is None:
            session.add(SiteSetting(key=SOURCE_KEY, value=source))
        else:
            setting.value = source
    return result


def dictionary_imports(db: Database) -> list[CtcaeImport]:
    """Every import that changed the dictionary, oldest first: its versions."""
    with db.reading(purpose=None) as session:
        rows = list(session.scalars(select(CtcaeImport).order_by(CtcaeImport.id)))
        session.expunge_all()
    return rows


def dictionary_info(db: Database) -> dict[str, Any] | None:
    """What was imported, when and by whom; None before the first import."""
    with db.reading(purpose=None) as session:
        setting = session.get(SiteSetting, SOURCE_KEY)
        count = session.scalar(select(func.count()).select_from(CtcaeTerm).where(
            CtcaeTerm.retired_by.is_(None))) or 0
    if setting is None or not count:
        return None
    return {**json.loads(setting.value), "loaded_terms": count}


def _entry(row: CtcaeTerm) -> CtcaeEntry:
    return CtcaeEntry(**{f: getattr(row, f) for f in _FIELDS})


def find_term(db: Database, term: str) -> CtcaeEntry | None:
    """The term with this name (case does not matter) or MedDRA code."""
    text = term.strip()
    with db.reading(purpose=None) as session:
        # a retired term is still found (by its code, for the AEs coded to it); active first
        row = session.scalars(select(CtcaeTerm).where(or_(
            func.lower(CtcaeTerm.term) == text.lower(), CtcaeTerm.meddra_code == text))
            .order_by(CtcaeTerm.retired_by.is_not(None))).first()
        return _entry(row) if row else None


def search_terms(db: Database, text: str, limit: int = 50) -> list[CtcaeEntry]:
    """Terms whose name, SOC or MedDRA code contains `text`; names starting with it first."""
    needle = text.strip().lower()
    if not needle:
        return []
    like = f"%{needle}%"
    with db.reading(purpose=None) as session:
        rows = session.scalars(select(CtcaeTerm).where(CtcaeTerm.retired_by.is_(None), or_(
            func.lower(CtcaeTerm.term).like(like), func.lower(CtcaeTerm.soc).like(like),
            CtcaeTerm.meddra_code.like(like)))).all()
        entries = [_entry(r) for r in rows]
    entries.sort(key=lambda e: (not e.term.lower().startswith(needle),
                                needle not in e.term.lower(), e.term))
    return entries[:limit]


def closest_terms(db: Database, text: str, n: int = 5) -> list[str]:
    """The terms nearest a misspelt one, for 'did you mean'."""
    with db.reading(purpose=None) as session:
        names = list(session.scalars(select(CtcaeTerm.term).where(
            CtcaeTerm.retired_by.is_(None))))
    by_lower = {name.lower(): name for name in names}
    close = difflib.get_close_matches(text.strip().lower(), list(by_lower), n=n, cutoff=0.5)
    if len(close) < n:
        contains = [k for k in by_lower if text.strip().lower() in k and k not in close]
        close += sorted(contains)[: n - len(close)]
    return [by_lower[c] for c in close]


__all__ = ["CtcaeEntry", "CtcaeFileError", "DictionaryShrinks", "ImportResult", "closest_terms",
           "dictionary_imports", "dictionary_info", "find_term", "import_dictionary",
           "search_terms"]
