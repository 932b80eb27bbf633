"""The delegation log's pure rules: the tasks a study has, a new delegation's checks, and
whether an account is delegated on a day (dates, approval, GCP, protocol training)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.delegation import (
    Delegated,
    StudyFeatures,
    Task,
    Trained,
    check_approver,
    check_end,
    check_new,
    expiring,
    is_delegated,
    parse_tasks,
    study_tasks,
)

DAY = date(2026, 6, 15)
GCP = Trained("gcp", date(2025, 1, 1), date(2027, 1, 1))
PROTOCOL = Trained("protocol", date(2025, 1, 1), None, "Amendment 1", 1)
ALL = study_tasks(StudyFeatures(True, True, True))


def test_a_study_without_pk_has_no_pk_sampling_task():
    tasks = study_tasks(StudyFeatures(has_pk=False, has_scans=True, has_dosing=True))
    assert Task.PK_SAMPLING not in tasks and Task.AE_ASSESSMENT in tasks
    with pytest.raises(InvalidEntry, match="no task 'pk_sampling'"):
        parse_tasks("ae_assessment, pk_sampling", tasks)
    assert parse_tasks("AE assessment,consent", tasks) == [Task.AE_ASSESSMENT, Task.CONSENT]


@given(start=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
       length=st.integers(0, 800), offset=st.integers(-900, 900))
def test_delegated_exactly_from_its_first_to_its_last_day(start, length, offset):
    end = start + timedelta(days=length)
    day = start + timedelta(days=offset)
    gcp = Trained("gcp", date(2019, 1, 1), None)
    protocol = Trained("protocol", date(2019, 1, 1), None, "V1")
    verdict = is_delegated(Task.CONSENT, [Delegated("consent", start, end, True)],
                        [gcp, protocol], day, "V1", "block")
    assert verdict.allowed == (start <= day <= end)


def test_unapproved_ended_or_untrained_are_refused_with_the_reason():
    ok = Delegated("ae_assessment", date(2026, 1, 1), None, True)
    assert is_delegated(Task.AE_ASSESSMENT, [ok], [GCP, PROTOCOL], DAY, "Amendment 1",
                     "block").allowed
    unapproved = Delegated("ae_assessment", date(2026, 1, 1), None, False)
    assert "not yet approved" in str(is_delegated(Task.AE_ASSESSMENT, [unapproved],
                                               [GCP, PROTOCOL], DAY, "Amendment 1",
                                               "warn").refusal)
    ended = Delegated("ae_assessment", date(2026, 1, 1), DAY - timedelta(days=1), True)
    assert str(is_delegated(Task.AE_ASSESSMENT, [ended], [GCP, PROTOCOL], DAY, "Amendment 1",
                         "warn").refusal) == \
        "your delegation for AE assessment ended on 14-JUN-2026"
    old_gcp = Trained("gcp", date(2023, 1, 1), date(2026, 6, 1))
    assert str(is_delegated(Task.AE_ASSESSMENT, [ok], [old_gcp, PROTOCOL], DAY, "Amendment 1",
                         "warn").refusal) == "your GCP training expired on 01-JUN-2026"
    other = is_delegated(Task.CONSENT, [ok], [GCP, PROTOCOL], DAY, "Amendment 1", "warn")
    assert str(other.refusal) == "you are not delegated for Informed consent on 15-JUN-2026"


def test_protocol_training_for_the_amendment_in_force_warns_or_blocks():
    ok = Delegated("dosing", date(2026, 1, 1), None, True)
    warned = is_delegated(Task.DOSING, [ok], [GCP, PROTOCOL], DAY, "Amendment 2", "warn")
    assert warned.allowed and [str(w) for w in warned.warnings] == \
        ["you have no protocol training on Amendment 2"]
    blocked = is_delegated(Task.DOSING, [ok], [GCP, PROTOCOL], DAY, "Amendment 2", "block")
    assert not blocked.allowed


def test_bad_delegations_are_refused_before_anything_is_saved():
    with pytest.raises(InvalidEntry, match="is deactivated"):
        check_new(False, "gone", DAY, None, [], [Task.CONSENT])
    with pytest.raises(InvalidEntry, match="No account ghost"):
        check_new(None, "ghost", DAY, None, [], [Task.CONSENT])
    with pytest.raises(InvalidEntry, match=r"The end \(14-JUN-2026\) is before the start"):
        check_new(True, "nina", DAY, DAY - timedelta(days=1), [], [Task.CONSENT])
    with pytest.raises(InvalidEntry, match="already delegated Informed consent"):
        check_new(True, "nina", DAY, None, [Delegated("consent", date(2026, 1, 1), None, True)],
                  [Task.CONSENT])
    check_new(True, "nina", DAY, None,
              [Delegated("consent", date(2026, 1, 1), DAY - timedelta(days=1), True)],
              [Task.CONSENT])  # after the last one ended: fine
    with pytest.raises(InvalidEntry, match="Give the reason"):
        check_end(DAY, DAY, None, " ")
    with pytest.raises(InvalidEntry, match="Only the principal investigator of S1 \\(pi\\)"):
        check_approver("nina", "pi", "S1")
    with pytest.raises(InvalidEntry, match="no principal investigator"):
        check_approver("pi", None, "S1")
    assert set(ALL) == set(Task)


def test_training_expiring_within_a_month_unless_renewed():
    soon = Trained("gcp", date(2024, 1, 1), DAY + timedelta(days=20))
    later = Trained("gcp", date(2024, 1, 1), DAY + timedelta(days=40))
    assert [(e.account, e.expires_on) for e in expiring([("a", soon), ("b", later)], DAY)] == \
        [("a", DAY + timedelta(days=20))]
    renewed = Trained("gcp", DAY, DAY + timedelta(days=700))
    assert expiring([("a", soon), ("a", renewed)], DAY) == []
