"""Scan entry rules, pure: a non-target lesion's status is chosen at every follow-up."""

from __future__ import annotations

from datetime import date

import pytest

from app.entry.scans import LesionEntry, ScanForm, check_scan
from app.errors import InvalidEntry

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
