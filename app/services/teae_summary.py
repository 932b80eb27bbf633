"""The TEAE summary: patients counted once per term, per SOC and overall, at the worst grade
reached inside the TEAE window (a grade from before the first dose never counts), for the
site or split by part, dose level or cohort."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.exchange.listing import Cell
from app.rules.groups import GroupBy, group_of, group_order
from app.rules.protocol import Protocol
from app.services.adverse_events import AeRow
from db import Database

GRADE_COLUMNS = [f"Grade {g}" for g in (1, 2, 3, 4, 5)]
ANY_TEAE, ALL_TERMS = "Any TEAE", "All terms"
#: (group, SOC, term, grade, subject) of a TEAE at its worst grade in the window
Record = tuple[str | None, str, str, int, str]


@dataclass(frozen=True)
class SummaryTable:
    """The summary's columns and its rows of values (counts are ints)."""

    columns: list[str]
    rows: list[tuple[object, ...]]

    @property
    def empty(self) -> bool:
        return not self.rows

    def records(self) -> list[dict[str, object]]:
        """Each row as {column: value}."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _counts(records: Sequence[tuple[str, str, int, str]]) -> dict[tuple[str, str], list[int]]:
    """Patients per (SOC, term) at their worst grade there, one count per patient: the
    counts of grades 1 to 5 then all grades, by (SOC, term) in order."""
    worst: dict[tuple[str, str, str], int] = {}
    for soc, term, grade, subject in records:
        key = (soc, term, subject)
        worst[key] = max(worst.get(key, grade), grade)
    out: dict[tuple[str, str], list[int]] = {}
    for (soc, term, _subject), grade in worst.items():
        counts = out.setdefault((soc, term), [0] * (len(GRADE_COLUMNS) + 1))
        counts[grade - 1] += 1
        counts[-1] += 1
    return dict(sorted(out.items()))


def _one_group(records: Sequence[tuple[str, str, int, str]]) -> list[tuple[object, ...]]:
    """Any TEAE, then per SOC its 'All terms' line and its terms, most patients first."""
    overall = _counts([(ANY_TEAE, "", g, s) for _soc, _term, g, s in records])
    socs = _counts([(soc, ALL_TERMS, g, s) for soc, _term, g, s in records])
    terms = _counts(records)
    body = [(key, counts, 0) for key, counts in socs.items()]
    body += [(key, counts, 1) for key, counts in terms.items()]
    body.sort(key=lambda row: (row[0][0], row[2], -row[1][-1], row[0][1]))
    return [(*key, *counts) for key, counts in overall.items()] + [
        (*key, *counts) for key, counts, _order in body]


def teae_summary(rows: Sequence[AeRow], protocol: Protocol | None = None,
                 by: GroupBy | None = None) -> SummaryTable:
    """Patients with a TEAE: overall, by SOC and by term, in columns by worst grade; with
    `by`, one block per group (a first column names it)."""
    records: list[Record] = []
    for r in rows:
        if not r.teae or r.emergence.grade is None:
            continue
        group = group_of(protocol, by, r.part, r.dose_level, r.cohort) \
            if protocol is not None and by is not None else None
        if by is not None and group is None:
            continue
        records.append((group, r.soc or "Not coded", r.term or r.verbatim, r.emergence.grade,
                        r.subject_id))
    columns = ["SOC", "Term", *GRADE_COLUMNS, "All grades"]
    if by is None or protocol is None:
        if by is not None:
            columns = [by.word, *columns]
            return SummaryTable(columns, [])
        return SummaryTable(columns, _one_group([rec[1:] for rec in records]))
    table: list[tuple[object, ...]] = []
    for group in group_order(protocol, by):
        part = [rec[1:] for rec in records if rec[0] == group]
        table += [(group, *row) for row in _one_group(part)]
    return SummaryTable([by.word, *columns], table)


def export_teae_summary(db: Database, rows: Sequence[AeRow], path: Path | str, study: str,
                        user: str, protocol: Protocol | None = None,
                        by: GroupBy | None = None) -> int:
    """Write the summary (XLSX or CSV by the file's ending) through the one listing writer:
    the header block, formula-safe cells; the number of rows written."""
    from app.services.exports import export_listing

    table = teae_summary(rows, protocol, by)
    cells: list[list[Cell]] = [[v if isinstance(v, int) and not isinstance(v, bool) else str(v)
                                for v in values]
                               for values in table.rows]
    return export_listing(db, path, "TEAE summary", study, user, table.columns, cells)
