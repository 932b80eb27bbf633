"""The site's CTCAE dictionary: import NCI's file, look terms up, suggest the closest."""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import String, cast, delete, func, insert, literal, or_, select, update

from app.ctcae import CtcaeEntry, CtcaeFileError, column_map, read_ctcae
from db import Database
from db.models import CtcaeTerm, SiteSetting

SOURCE_KEY = "ctcae_source"
_FIELDS = [f.name for f in fields(CtcaeEntry)]


@dataclass(frozen=True)
class ImportResult:
    total: int
    added: int
    changed: int
    removed: int

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def summary(self) -> str:
        if self.unchanged:
            return f"CTCAE dictionary unchanged: the file holds the same {self.total} terms"
        return (f"CTCAE dictionary: {self.total} terms ({self.added} added, {self.changed} "
                f"changed, {self.removed} removed)")


def import_dictionary(db: Database, path: Path | str) -> ImportResult:
    """Load NCI's file; a file of the wrong shape raises CtcaeFileError and changes nothing.

    Re-importing the same file writes nothing at all.
    """
    path = Path(path)
    entries = read_ctcae(path)  # read and check everything before touching the database
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with db.unit_of_work(reason="CTCAE dictionary import") as session:
        current = {row.meddra_code: row for row in session.scalars(select(CtcaeTerm))}
        incoming = {e.meddra_code: e for e in entries}
        added = [asdict(e) for code, e in incoming.items() if code not in current]
        changed = [
            {"id": current[code].id, **asdict(e)} for code, e in incoming.items()
            if code in current and any(getattr(current[code], f) != getattr(e, f)
                                       for f in _FIELDS)
        ]
        removed = [row.id for code, row in current.items() if code not in incoming]
        result = ImportResult(len(entries), len(added), len(changed), len(removed))
        if result.unchanged:
            return result
        if removed:
            session.execute(delete(CtcaeTerm).where(CtcaeTerm.id.in_(removed)))
        if changed:
            # a renamed term may take a name another row still holds: clear names first
            session.execute(update(CtcaeTerm).where(CtcaeTerm.id.in_([c["id"] for c in changed]))
                            .values(term=literal("~").concat(cast(CtcaeTerm.id, String))))
            session.execute(update(CtcaeTerm), changed)
        if added:
            session.execute(insert(CtcaeTerm), added)
        source = json.dumps({"file": path.name, "sha256": digest,
                             "version": column_map().version, "terms": len(entries),
                             "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
                             "by": session.info.get("actor")})
        setting = session.get(SiteSetting, SOURCE_KEY)
        if setting is None:
            session.add(SiteSetting(key=SOURCE_KEY, value=source))
        else:
            setting.value = source
    return result


def dictionary_info(db: Database) -> dict | None:
    """What was imported, when and by whom; None before the first import."""
    with db.reading() as session:
        setting = session.get(SiteSetting, SOURCE_KEY)
        count = session.scalar(select(func.count()).select_from(CtcaeTerm)) or 0
    if setting is None or not count:
        return None
    return {**json.loads(setting.value), "loaded_terms": count}


def _entry(row: CtcaeTerm) -> CtcaeEntry:
    return CtcaeEntry(**{f: getattr(row, f) for f in _FIELDS})


def find_term(db: Database, term: str) -> CtcaeEntry | None:
    """The term with this name (case does not matter) or MedDRA code."""
    text = term.strip()
    with db.reading() as session:
        row = session.scalars(select(CtcaeTerm).where(or_(
            func.lower(CtcaeTerm.term) == text.lower(), CtcaeTerm.meddra_code == text))).first()
        return _entry(row) if row else None


def search_terms(db: Database, text: str, limit: int = 50) -> list[CtcaeEntry]:
    """Terms whose name, SOC or MedDRA code contains `text`; names starting with it first."""
    needle = text.strip().lower()
    if not needle:
        return []
    like = f"%{needle}%"
    with db.reading() as session:
        rows = session.scalars(select(CtcaeTerm).where(or_(
            func.lower(CtcaeTerm.term).like(like), func.lower(CtcaeTerm.soc).like(like),
            CtcaeTerm.meddra_code.like(like)))).all()
        entries = [_entry(r) for r in rows]
    entries.sort(key=lambda e: (not e.term.lower().startswith(needle),
                                needle not in e.term.lower(), e.term))
    return entries[:limit]


def closest_terms(db: Database, text: str, n: int = 5) -> list[str]:
    """The terms nearest a misspelt one, for 'did you mean'."""
    with db.reading() as session:
        names = list(session.scalars(select(CtcaeTerm.term)))
    by_lower = {name.lower(): name for name in names}
    close = difflib.get_close_matches(text.strip().lower(), list(by_lower), n=n, cutoff=0.5)
    if len(close) < n:
        contains = [k for k in by_lower if text.strip().lower() in k and k not in close]
        close += sorted(contains)[: n - len(close)]
    return [by_lower[c] for c in close]


__all__ = ["CtcaeEntry", "CtcaeFileError", "ImportResult", "closest_terms", "dictionary_info",
           "find_term", "import_dictionary", "search_terms"]
