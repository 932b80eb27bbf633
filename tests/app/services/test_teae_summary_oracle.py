"""The TEAE summary's counts against the pandas pivot it replaced (pandas is a test-only
dependency now), on random sets of AEs (hypothesis): the same rows, in the same order."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.groups import GroupBy, group_of, group_order
from app.rules.protocol import default_protocol
from app.services.teae_summary import ALL_TERMS, ANY_TEAE, GRADE_COLUMNS, teae_summary
from tests.conftest import examples

pd = pytest.importorskip("pandas")
PROTOCOL = default_protocol()


def _counts(frame, keys):
    worst = frame.groupby([*keys, "subject"], as_index=False)["grade"].max()
    worst["column"] = "Grade " + worst["grade"].astype(str)
    pivot = worst.pivot_table(index=keys, columns="column", values="subject",
                              aggfunc="nunique", fill_value=0)
    pivot = pivot.reindex(columns=GRADE_COLUMNS, fill_value=0)
    pivot["All grades"] = pivot[GRADE_COLUMNS].sum(axis=1)
    return pivot.reset_index()


def _one_group(frame):
    overall = _counts(frame.assign(SOC=ANY_TEAE, Term=""), ["SOC", "Term"])
    socs = _counts(frame.assign(Term=ALL_TERMS), ["SOC", "Term"])
    terms = _counts(frame, ["SOC", "Term"])
    body = pd.concat([socs, terms])
    body["_order"] = (body["Term"] != ALL_TERMS).astype(int)
    body = body.sort_values(["SOC", "_order", "All grades", "Term"],
                            ascending=[True, True, False, True]).drop(columns="_order")
    return pd.concat([overall, body], ignore_index=True)


def pandas_summary(rows, protocol=None, by=None):
    """The app's former pandas implementation, kept as the oracle."""
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


PLACES = [(1, "DL1", None), (1, "DL2", None), (2, None, "USC"), (2, None, None)]
ae = st.builds(
    lambda subject, place, soc, term, grade, teae: SimpleNamespace(
        subject_id=f"101-{subject:03d}", part=place[0], dose_level=place[1], cohort=place[2],
        soc=soc, term=term, verbatim="as written", teae=teae,
        emergence=SimpleNamespace(grade=grade)),
    st.integers(1, 6), st.sampled_from(PLACES), st.sampled_from(["Gastro", "Skin", None]),
    st.sampled_from(["Nausea", "Rash", "Vomiting", None]), st.one_of(st.none(),
                                                                     st.integers(1, 5)),
    st.booleans())


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(ae, max_size=25), st.sampled_from([None, *GroupBy]))
def test_the_summary_is_the_former_pandas_pivot(rows, by):
    mine = teae_summary(rows, PROTOCOL, by)
    theirs = pandas_summary(rows, PROTOCOL, by)
    assert mine.columns == list(theirs.columns)
    assert [tuple(str(v) for v in row) for row in mine.rows] == [
        tuple(str(v) for v in row) for row in theirs.itertuples(index=False)]
