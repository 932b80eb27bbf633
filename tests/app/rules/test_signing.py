"""The rules of signing: a signature's state by version and content, a sitting's ten
minutes, what was shown is what is signed, the content in the screen's words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.signing import (
    SITTING_MINUTES,
    SignatureState,
    Sitting,
    check_seen,
    check_sitting,
    content_lines,
    meaning_of,
    signature_state,
)

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_a_signature_stands_only_with_its_version_and_its_content():
    assert signature_state(3, "h", 3, {"h", "old"}) is SignatureState.VALID
    assert signature_state(3, "h", 4, {"h"}) is SignatureState.STALE  # edited in the app
    assert signature_state(3, "h", 3, {"other"}) is SignatureState.BROKEN  # behind its back
    assert signature_state(3, "h", None, set()) is SignatureState.STALE  # withdrawn


@given(st.integers(min_value=0, max_value=24 * 60 * 60 - 1))
def test_a_sitting_lasts_ten_minutes_from_the_last_signature(seconds):
    sitting = Sitting("t", "investigator", "Dr I", START)
    now = START + timedelta(seconds=seconds)
    if seconds < SITTING_MINUTES * 60:
        assert check_sitting(sitting, "investigator", now) is sitting
    else:
        with pytest.raises(InvalidEntry) as refused:
            check_sitting(sitting, "investigator", now)
        assert refused.value.field == "password"
        assert refused.value.message == ("10 minutes without a signature: your password "
                                         "again, to sign")


def test_a_sitting_is_its_signer_s_only_and_none_asks_the_password():
    sitting = Sitting("t", "investigator", "Dr I", START)
    for who, what in (("nurse", sitting), ("investigator", None)):
        with pytest.raises(InvalidEntry, match="Your password, to sign"):
            check_sitting(what, who, START)
    with pytest.raises(InvalidEntry):  # a clock set back does not stretch it
        check_sitting(sitting, "investigator", START - timedelta(seconds=1))


def test_what_was_shown_is_what_is_signed():
    check_seen("abc", "abc")
    with pytest.raises(InvalidEntry, match="changed while you read it"):
        check_seen("abc", "abd")


def test_a_meaning_is_one_of_the_app_s():
    assert meaning_of(" Reviewed ", ["reviewed", "approved"]) == "reviewed"
    with pytest.raises(InvalidEntry, match="Meaning: reviewed, approved") as refused:
        meaning_of("seen", ["reviewed", "approved"])
    assert refused.value.field == "meaning"


def test_the_content_in_the_screen_s_words():
    lines = content_lines([
        ("adverse_event", [("id", "7"), ("patient_id", "2"), ("term", "Nausea"),
                           ("onset_date", "2026-11-22"), ("serious", "false"),
                           ("relationship", "probable"), ("end_date", None)]),
        ("ae_grade", [("grade", "2"), ("start_date", "2026-11-22"), ("end_date", None)]),
        ("ae_grade", [("grade", "1"), ("start_date", "2026-11-20"),
                      ("end_date", "2026-11-21")]),
    ])
    assert [(x.label, x.value) for x in lines] == [
        ("CTCAE term", "Nausea"), ("Onset", "22-NOV-2026"), ("Serious (SAE)", "No"),
        ("Related to the study drug", "Probable"),
        ("AE grade", "Grade 2 from 22-NOV-2026, ongoing"),
        ("AE grade", "Grade 1 from 20-NOV-2026 to 21-NOV-2026")]
    lesion = content_lines([("lesion_measurement", [
        ("lesion_id", "T1"), ("kind", "target"), ("organ", "liver"), ("nodal", "false"),
        ("tenths_mm", "483")])])
    assert lesion[0].value == "T1, Target, liver, 48.3 mm"
