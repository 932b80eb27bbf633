"""What an investigator signs, without a database."""

from __future__ import annotations

import pytest

from app.errors import InvalidEntry
from app.rules.signing import KIND_WORDS, Meaning, check_dlt_marked, check_signing


def test_each_kind_with_one_of_three_meanings():
    for kind in KIND_WORDS:
        assert check_signing(kind, "approved") is Meaning.APPROVED
    with pytest.raises(InvalidEntry) as kind:
        check_signing("lab", "approved")
    assert kind.value.field == "kind" and kind.value.message.startswith("Only AE assessment")
    with pytest.raises(InvalidEntry) as meaning:
        check_signing("ae", "seen")
    assert meaning.value.field == "meaning"


def test_a_dlt_decision_only_on_an_ae_marked_dlt():
    check_dlt_marked("dlt", True)
    check_dlt_marked("ae", False)
    with pytest.raises(InvalidEntry) as info:
        check_dlt_marked("dlt", False)
    assert info.value.message == "This AE is not marked as a DLT"
