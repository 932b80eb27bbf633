"""An amendment's and a re-consent's rules without a database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.amendment_entry import check_amendment, check_reconsent
from app.rules.amendments import Version

TODAY = date(2026, 6, 1)
D = timedelta(days=1)
V1, V2 = Version(1, "1.0", None), Version(2, "2.0", date(2026, 3, 1))


def _refusal(call, *args) -> InvalidEntry:
    with pytest.raises(InvalidEntry) as info:
        call(*args)
    return info.value


def test_an_amendment_is_a_new_file_and_label_of_its_own_study():
    check_amendment("IMP7068-101", "v3.toml", "imp7068-101", "3.0", "c", {"a", "b"},
                    [V1, V2], date(2026, 5, 1))
    assert _refusal(check_amendment, "IMP7068-101", "x.toml", "ABC", "3.0", "c", set(),
                    [V1], TODAY).message == "x.toml is the protocol of ABC, not of IMP7068-101"
    assert "already a version" in _refusal(check_amendment, "S", "x.toml", "S", "3.0", "a",
                                           {"a"}, [V1], TODAY).message
    assert "already has a version '2.0'" in _refusal(check_amendment, "S", "x", "S", "2.0",
                                                     "c", {"a"}, [V1, V2], TODAY).message
    assert _refusal(check_amendment, "S", "x", "S", "3.0", "c", set(), [V1, V2],
                    date(2026, 2, 1)).field == "effective"


@given(st.dates(date(2026, 1, 1), date(2026, 12, 31)))
def test_a_reconsent_from_the_amendment_to_today(when):
    consent = date(2026, 3, 10)
    if when > TODAY or when < consent:
        assert _refusal(check_reconsent, "2.0", when, TODAY, [V1, V2], consent, set(),
                        "S-1").field == "consent_date"
    else:
        assert check_reconsent(" 2.0 ", when, TODAY, [V1, V2], consent, set(), "S-1") == V2


def test_a_reconsent_names_an_amendment_given_once():
    assert _refusal(check_reconsent, "1.0", TODAY, TODAY, [V1, V2], None, set(),
                    "S-1").message == "No amendment '1.0' in this study (amendments: 2.0)"
    assert _refusal(check_reconsent, "2.0", TODAY, TODAY, [V1], None, set(),
                    "S-1").message == "No amendment '2.0' in this study: it has no amendment yet"
    assert _refusal(check_reconsent, "2.0", date(2026, 2, 1), TODAY, [V1, V2], None, set(),
                    "S-1").message == ("2.0 applies from 01-MAR-2026: re-consent on "
                                       "01-FEB-2026 is before it")
    assert _refusal(check_reconsent, "2.0", TODAY, TODAY, [V1, V2], None, {2},
                    "S-1").message == "S-1 has already re-consented to 2.0"
