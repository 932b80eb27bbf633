"""The two-user field merge, as properties over any record hypothesis draws.

A dialog read `base`, its user typed `entry`; meanwhile the record became `stored`. A field
only one side changed keeps that change; a field the other side changed is a conflict the
user is told of (and, once told, a save on top applies the user's value); merging is
idempotent and a save repeated changes nothing.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.conflicts import changed_fields, check_version, merged
from app.services.errors import EditConflict

FIELDS = ("booked_date", "outcome", "comment", "weight_kg", "fasting")
values = st.one_of(st.none(), st.sampled_from(["", "done", "missed", "fasting"]),
                   st.integers(-2, 2), st.dates(date(2026, 1, 1), date(2026, 1, 4)),
                   st.booleans())
records = st.fixed_dictionaries({k: values for k in FIELDS})


@st.composite
def edits(draw: st.DrawFn, record: dict[str, Any]) -> dict[str, Any]:
    """`record` with some of its fields given other values (possibly none)."""
    changed = draw(st.sets(st.sampled_from(FIELDS)))
    out = dict(record)
    for k in changed:
        out[k] = draw(values.filter(lambda v, old=record[k]: v != old))
    return out


@st.composite
def three_copies(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """What the dialog read, what its user typed, what another user saved meanwhile."""
    base = draw(records)
    return base, draw(edits(base)), draw(edits(base))


class _NoAudit:
    """A session whose audit trail is empty: the conflict then names 'someone else'."""

    def execute(self, _statement: object) -> SimpleNamespace:
        return SimpleNamespace(all=list)


def _row(stored: dict[str, Any], version: int) -> SimpleNamespace:
    return SimpleNamespace(**stored, version=version, id=7,
                           __table__=SimpleNamespace(name="visit_record"))


@given(three_copies())
def test_a_field_only_one_side_changed_keeps_that_change(copies):
    base, entry, stored = copies
    out = merged(base, entry, stored)
    for k in FIELDS:
        if entry[k] != base[k] and stored[k] == base[k]:
            assert out[k] == entry[k]          # mine alone
        elif stored[k] != base[k] and entry[k] == base[k]:
            assert out[k] == stored[k]         # theirs alone: not put back
        elif entry[k] == base[k]:
            assert out[k] == base[k]           # nobody's
        else:
            assert out[k] == entry[k]          # both: mine, once the conflict was told


@given(three_copies())
def test_a_field_the_other_user_changed_is_a_conflict_naming_it(copies):
    base, _, stored = copies
    theirs = [k for k in base if stored[k] != base[k]]
    row = _row(stored, version=2)
    if not theirs:
        check_version(_NoAudit(), row, 1, base)      # moved on, nothing of ours: no conflict
        return
    with pytest.raises(EditConflict) as info:
        check_version(_NoAudit(), row, 1, base)
    assert info.value.field == theirs[0]
    assert info.value.current_version == 2
    assert "someone else changed" in info.value.message
    # told, the dialog takes the new version: the save on top goes through
    check_version(_NoAudit(), row, 2, base)


@given(three_copies())
def test_both_changing_a_field_to_different_values_is_always_a_conflict(copies):
    base, entry, stored = copies
    both = [k for k in FIELDS if base[k] != entry[k] != stored[k] != base[k]]
    if both:
        with pytest.raises(EditConflict):
            check_version(_NoAudit(), _row(stored, version=5), 4, base)


@given(three_copies())
def test_an_unmoved_record_is_never_a_conflict(copies):
    base, _, stored = copies
    check_version(_NoAudit(), _row(stored, version=3), 3, base)
    check_version(_NoAudit(), _row(stored, version=3), None, base)   # a new record


@given(three_copies())
def test_merging_is_idempotent_and_a_repeated_save_changes_nothing(copies):
    base, entry, stored = copies
    once = merged(base, entry, stored)
    assert merged(base, once, stored) == once
    assert merged(base, entry, once) == once


@given(three_copies())
def test_an_untouched_dialog_writes_back_what_is_stored(copies):
    base, _, stored = copies
    assert changed_fields(base, base) == []
    assert merged(base, base, stored) == stored


@given(three_copies())
def test_with_nobody_else_the_entry_is_written_as_typed(copies):
    base, entry, _ = copies
    assert merged(base, entry, base) == entry
    assert set(changed_fields(base, entry)) == {k for k in FIELDS if entry[k] != base[k]}


class _Trail:
    """A session whose audit trail says who last changed each field, and when."""

    def __init__(self, who: dict[str, str]) -> None:
        from datetime import UTC, datetime

        self.rows = [SimpleNamespace(actor=actor, at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
                                     field=field) for field, actor in who.items()]

    def execute(self, _statement: object) -> SimpleNamespace:
        return SimpleNamespace(all=lambda: [(r.actor, r.at, r.field) for r in self.rows])


@given(three_copies(), st.data())
def test_the_conflict_names_every_field_the_others_changed_and_who(copies, data):
    from app.services.conflicts import shown
    from db.limits import label

    base, _, stored = copies
    theirs = [k for k in FIELDS if stored[k] != base[k]]
    if not theirs:
        return
    who = {k: data.draw(st.sampled_from(["nurse.b", "dr.c"]), label=k) for k in theirs}
    with pytest.raises(EditConflict) as info:
        check_version(_Trail(who), _row(stored, version=9), 8, base)
    message = info.value.message
    for k in theirs:
        assert f"{label(k)} to {shown(stored[k])}" in message
    for actor in set(who.values()):
        assert f"{actor} changed" in message
    assert "someone else changed" not in message and "Nothing was saved" in message
    for k in FIELDS:
        if k not in theirs:     # a field nobody else touched is not blamed on anyone
            assert f"{label(k)} to " not in message
