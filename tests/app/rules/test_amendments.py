"""Which protocol version a patient follows, and what an amendment changes."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.amendments import Version, amendment_problem, in_force, visit_changes
from app.rules.calendar import ScheduledVisit

V1 = Version(1, "Original", None)
V2 = Version(2, "Amendment 1", date(2026, 6, 1))
V3 = Version(3, "Amendment 2", date(2026, 9, 1))
ALL = (V1, V2, V3)


def test_a_patient_follows_the_first_version_until_they_re_consent():
    assert in_force(ALL, date(2026, 1, 10), {}) == V1
    assert in_force(ALL, date(2026, 1, 10), {2: date(2026, 6, 20)}) == V2
    assert in_force(ALL, date(2026, 1, 10), {2: date(2026, 6, 20), 3: date(2026, 9, 9)}) == V3


def test_consent_on_or_after_an_amendment_is_consent_to_it():
    assert in_force(ALL, date(2026, 6, 1), {}) == V2
    assert in_force(ALL, date(2026, 5, 31), {}) == V1
    assert in_force(ALL, date(2026, 10, 1), {}) == V3


def test_a_visit_before_the_re_consent_was_made_by_the_version_before():
    reconsents = {2: date(2026, 6, 20)}
    assert in_force(ALL, date(2026, 1, 10), reconsents, on=date(2026, 6, 19)) == V1
    assert in_force(ALL, date(2026, 1, 10), reconsents, on=date(2026, 6, 20)) == V2


@given(st.dates(date(2025, 1, 1), date(2027, 12, 31)),
       st.lists(st.dates(date(2025, 1, 1), date(2027, 12, 31)), max_size=2))
def test_the_version_on_a_day_never_goes_back_in_time(consent, signed):
    """Day by day, the version a patient's visits follow only ever moves forward."""
    reconsents = {v.id: d for v, d in zip((V2, V3), sorted(signed), strict=False)}
    day, seen = consent, 0
    for _ in range(40):
        now = in_force(ALL, consent, reconsents, on=day).id
        assert now >= seen
        seen, day = now, day + timedelta(days=30)


def test_an_amendment_cannot_apply_before_the_latest_version():
    assert amendment_problem(date(2026, 9, 1), ALL) is None
    problem = amendment_problem(date(2026, 8, 31), ALL)
    assert problem == ("the amendment cannot apply from 31-AUG-2026: the study's latest "
                       "version applies from 01-SEP-2026")


def _visit(code: str, target: date, status: str = "planned") -> ScheduledVisit:
    return ScheduledVisit(code, code, "treatment", target, target, target, "C1D1", None, status)


def test_only_visits_still_to_come_change():
    d = date(2026, 3, 1)
    before = [_visit("C1D1", d, "done"), _visit("TA1", d + timedelta(42)),
              _visit("TA2", d + timedelta(84)), _visit("C2D1", d + timedelta(21))]
    after = [_visit("C1D1", d + timedelta(3), "done"), _visit("TA1", d + timedelta(56)),
             _visit("C2D1", d + timedelta(21)), _visit("C2D8", d + timedelta(28))]
    texts = [c.text for c in visit_changes(before, after)]
    assert texts == ["C2D8 added on 29-MAR-2026", "TA1 moves from 12-APR-2026 to 26-APR-2026",
                     "TA2 of 24-MAY-2026 removed"]
