"""The TEAE summary: patients counted once per term, per SOC and overall, at the worst grade
reached inside the TEAE window (a grade from before the first dose never counts), for the
site or split by part, dose level or cohort."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.groups import GroupBy, group_of, group_order
from app.protocol import Protocol
from app.services.adverse_events import AeRow
from db import Database

if TYPE_CHECKING:
    import pandas as pd

GRADE_COLUMNS = [f"Grade {g}" for g in (1, 2, 3, 4, 5)]
ANY_TEAE, ALL_TERMS = "Any TEAE", "All terms"


def _counts(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Patients per `keys` at their worst grade there: one count per patient."""
    worst = frame.groupby([*keys, "subject"], as_index=False)["grade"].max()
    worst["column"] = "Grade " + worst["grade"].astype(str)
    pivot = worst.pivot_table(index=keys, columns="column", values="subject",
                              aggfunc="nunique", fill_value=0)
    pivot = pivot.reindex(columns=GRADE_COLUMNS, fill_value=0)
    pivot["All grades"] = pivot[GRADE_COLUMNS].sum(axis=1)
    table: pd.DataFrame = pivot.reset_index()
    return table


def _one_group(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    overall = _counts(frame.assign(SOC=ANY_TEAE, Term=""), ["SOC", "Term"])
    socs = _counts(frame.assign(Term=ALL_TERMS), ["SOC", "Term"])
    terms = _counts(frame, ["SOC", "Term"])
    body = pd.concat([socs, terms])
    body["_order"] = (body["Term"] != ALL_TERMS).astype(int)
    body = body.sort_values(["SOC", "_order", "All grades", "Term"],
                            ascending=[True, True, False, True]).drop(columns="_order")
    return pd.concat([overall, body], ignore_index=True)


def teae_summary(rows: Sequence[AeRow], protocol: Protocol | None = None,
                 by: GroupBy | None = None) -> pd.DataFrame:
    """Patients with a TEAE: overall, by SOC and by term, in columns by worst grade; with
    `by`, one block per group (a first column names it)."""
    import pandas as pd

    records = []
    for r in rows:
        if not r.teae or r.emergence.grade is None:
            continue
        group = group_of(protocol, by, r.part, r.dose_level, r.cohort) \
            if protocol is not None and by is not None else None
        if by is not None and group is None:
            continue
        records.append({"Group": group, "SOC": r.soc or "Not coded",
                        "Term": r.term or r.verbatim, "grade": r.emergence.grade,
                        "subject": r.subject_id})
    columns = ["SOC", "Term", *GRADE_COLUMNS, "All grades"]
    if by is not None:
        columns = [by.word, *columns]
    if not records:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(records)
    if by is None or protocol is None:
        return _one_group(frame.drop(columns="Group"))[columns]
    blocks = []
    for group in group_order(protocol, by):
        part = frame[frame["Group"] == group]
        if len(part):
            blocks.append(_one_group(part.drop(columns="Group")).assign(**{by.word: group}))
    return pd.concat(blocks, ignore_index=True)[columns]


def export_teae_summary(db: Database, rows: Sequence[AeRow], path: Path | str, study: str,
                        user: str, protocol: Protocol | None = None,
                        by: GroupBy | None = None) -> int:
    """Write the summary (XLSX or CSV by the file's ending) through the one listing writer:
    the header block, formula-safe cells; the number of rows written."""
    from app.services.exports import export_listing

    table = teae_summary(rows, protocol, by)
    cells = [[str(v) for v in values] for values in table.itertuples(index=False)]
    return export_listing(db, path, "TEAE summary", study, user, list(table.columns), cells)
