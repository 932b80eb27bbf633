"""Scan entry rules, pure: a dated scan not ahead of today, a response or its lesions, each
lesion once; a non-target lesion's status is chosen at every follow-up."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.entry.scans import LESION_KINDS, LesionEntry, ScanForm, check_lesions, check_scan
from app.rules.recist import NON_TARGET_STATUSES, RESPONSES

TODAY = date(2026, 3, 2)


def _scan(*lesions: LesionEntry, baseline: bool = False) -> ScanForm:
    return ScanForm(scan_date=TODAY, modality="CT", baseline=baseline, lesions=list(lesions))


@pytest.mark.parametrize("status", [None, ""])
def test_a_follow_up_non_target_left_blank_is_refused_naming_the_lesion(status):
    with pytest.raises(InvalidEntry) as info:
        check_scan(_scan(LesionEntry("T1", "target", mm=None),
                         LesionEntry("NT2", "non_target", "bone", status=status)), TODAY)
    assert info.value.field == "lesions"
    assert "Non-target lesion NT2: choose its status" in str(info.value)
    assert "not assessed (NE)" in str(info.value)


@pytest.mark.parametrize("status", ["present", "absent", "progression", "not_assessed"])
def test_each_status_and_not_assessed_is_accepted(status):
    assert check_scan(_scan(LesionEntry("NT1", "non_target", status=status)), TODAY) == TODAY


def test_a_baseline_non_target_is_there_by_definition():
    assert check_scan(_scan(LesionEntry("NT1", "non_target"), baseline=True), TODAY) == TODAY
    with pytest.raises(InvalidEntry, match="status one of"):
        check_scan(_scan(LesionEntry("NT1", "non_target", status="gone")), TODAY)


# --- the scan itself: dated, not ahead of today, a response or its lesions ----------------

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


def test_a_scan_without_a_date_is_refused():
    with pytest.raises(InvalidEntry) as info:
        check_scan(ScanForm(overall="SD"), TODAY)
    assert info.value.field == "scan_date"
    assert info.value.message == "Give the date of the scan"


@pytest.mark.parametrize(("day", "accepted"), [
    (TODAY - timedelta(days=1), True),
    (TODAY, True),
    (TODAY + timedelta(days=1), False),
])
def test_a_scan_the_day_before_of_and_after_today(day, accepted):
    form = ScanForm(scan_date=day, overall="PR")
    if accepted:
        assert check_scan(form, TODAY) == day
        return
    with pytest.raises(InvalidEntry) as info:
        check_scan(form, TODAY)
    assert info.value.field == "scan_date"
    assert info.value.message == "The scan date 03-MAR-2026 is in the future"


@given(dates, dates)
def test_a_scan_is_refused_exactly_when_it_is_after_today(day, today):
    try:
        assert check_scan(ScanForm(scan_date=day, overall="SD"), today) == day
    except InvalidEntry as e:
        assert day > today and e.field == "scan_date"
    else:
        assert day <= today


@pytest.mark.parametrize("overall", list(RESPONSES))
def test_each_overall_response_is_accepted_without_lesions(overall):
    assert check_scan(ScanForm(scan_date=TODAY, overall=overall), TODAY) == TODAY


@pytest.mark.parametrize("overall", ["", "better", "pr"])
def test_an_overall_response_outside_recist_is_refused(overall):
    with pytest.raises(InvalidEntry) as info:
        check_scan(ScanForm(scan_date=TODAY, overall=overall), TODAY)
    assert info.value.field == "overall"
    assert info.value.message.startswith("Overall response: one of CR, PR")


def test_a_follow_up_with_neither_lesions_nor_response_is_refused():
    with pytest.raises(InvalidEntry) as info:
        check_scan(ScanForm(scan_date=TODAY), TODAY)
    assert info.value.field == "lesions"
    assert "Record the lesions" in info.value.message


def test_a_baseline_may_have_no_lesions():
    assert check_scan(ScanForm(scan_date=TODAY, baseline=True), TODAY) == TODAY


def test_a_lesion_of_no_known_kind_is_refused():
    with pytest.raises(InvalidEntry, match="T1: a lesion is a target or a non-target"):
        check_lesions([LesionEntry("T1", "new", mm=Decimal(12))])


lesion_ids = st.sampled_from(["T1", "T2", "T3", "NT1", "NT2"])


@given(st.lists(st.tuples(lesion_ids, st.sampled_from(LESION_KINDS)), max_size=8),
       st.booleans())
def test_lesions_are_accepted_exactly_when_each_is_entered_once(drawn, baseline):
    lesions = [LesionEntry(i, kind, mm=Decimal(11), status="present") for i, kind in drawn]
    ids = [i for i, _ in drawn]
    try:
        check_lesions(lesions, baseline)
    except InvalidEntry as e:
        assert len(set(ids)) < len(ids)
        assert e.field == "lesions" and "entered twice" in e.message
    else:
        assert len(set(ids)) == len(ids)


# --- any scan hypothesis draws: refused exactly as the rules read, the first rule first ----

lesion_entries = st.builds(
    LesionEntry, lesion_ids, st.sampled_from([*LESION_KINDS, "new"]),
    status=st.one_of(st.none(), st.just(""), st.sampled_from(NON_TARGET_STATUSES),
                     st.just("gone")))
forms = st.builds(
    ScanForm, scan_date=st.one_of(st.none(), dates), baseline=st.booleans(),
    overall=st.one_of(st.none(), st.sampled_from([*RESPONSES, "", "pr"])),
    lesions=st.lists(lesion_entries, max_size=5))


def _lesion_refusal(form: ScanForm) -> bool:
    seen: set[str] = set()
    for lesion in form.lesions:
        if lesion.kind not in LESION_KINDS or lesion.lesion_id in seen:
            return True
        seen.add(lesion.lesion_id)
        if lesion.kind == "non_target" and (
                (not lesion.status and not form.baseline)
                or (lesion.status or "present") not in NON_TARGET_STATUSES):
            return True
    return False


def _expected_field(form: ScanForm, today: date) -> str | None:
    if form.scan_date is None or form.scan_date > today:
        return "scan_date"
    if form.overall is not None and form.overall not in RESPONSES:
        return "overall"
    if not form.lesions and form.overall is None and not form.baseline:
        return "lesions"
    return "lesions" if _lesion_refusal(form) else None


@given(forms, dates)
def test_any_scan_is_refused_exactly_as_the_rules_read_naming_the_field(form, today):
    expected = _expected_field(form, today)
    try:
        assert check_scan(form, today) == form.scan_date
    except InvalidEntry as e:
        assert e.field == expected
        assert e.message and "{" not in e.message
    else:
        assert expected is None


def test_a_scan_ahead_of_today_is_refused_before_its_response_is_read():
    with pytest.raises(InvalidEntry) as info:
        check_scan(ScanForm(scan_date=TODAY + timedelta(days=1), overall="better"), TODAY)
    assert info.value.field == "scan_date"
