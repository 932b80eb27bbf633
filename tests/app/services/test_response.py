"""Scans recorded and evaluated; progression reaches the calendar (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.services.errors import InvalidEntry
from app.services.patients import patient_history, patient_page
from app.services.response import LesionEntry, ScanForm, patient_response, save_scan
from tests.app.services.conftest import C1D1, FD

TODAY = date(2026, 9, 1)
D = timedelta(days=1)


def t(id_, size=None, **kw) -> LesionEntry:
    return LesionEntry(id_, "target", mm=None if size is None else Decimal(size), **kw)


def _baseline(db, protocol, pid):
    save_scan(db, protocol, pid, ScanForm(scan_date=FD - 10 * D, modality="CT", baseline=True, lesions=[
        t("T1", "33.0", organ="liver"),
        LesionEntry("NT1", "non_target", organ="bone", status="present")]), TODAY)


def _status(db, protocol, pid, code):
    return next(r for r in patient_page(db, protocol, pid, TODAY).calendar if r.code == code)


def test_scans_evaluated_exactly_and_completing_their_visit(db, protocol, dosed):
    _baseline(db, protocol, dosed)
    save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 42 * D, modality="CT", lesions=[
        t("T1", "23.1"), LesionEntry("NT1", "non_target", status="present")]), TODAY)
    save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 84 * D, modality="CT", lesions=[
        t("T1", "23.0"), LesionEntry("NT1", "non_target", status="present")]), TODAY)
    result = patient_response(db, protocol, dosed, TODAY)
    assert [tp.overall for tp in result.evaluation.timepoints] == ["PR", "PR"]
    assert result.evaluation.timepoints[0].change_from_baseline_pct == Decimal(-30)
    assert result.evaluation.best_overall_response == "PR"
    assert result.endpoints.objective_response and not result.endpoints.pfs.event
    assert _status(db, protocol, dosed, "TA1").status == "done"
    assert _status(db, protocol, dosed, "TA2").status == "done"


def test_progression_cancels_the_later_scans(db, protocol, dosed):
    _baseline(db, protocol, dosed)
    pd_day = C1D1 + 84 * D
    save_scan(db, protocol, dosed, ScanForm(scan_date=pd_day, modality="CT", new_lesion=True, lesions=[
        t("T1", "33.0"), LesionEntry("NT1", "non_target", status="present")]), TODAY)
    page = patient_page(db, protocol, dosed, TODAY)
    assert page.disposition["progression_date"] == pd_day
    assert _status(db, protocol, dosed, "TA3").status == "cancelled"
    assert any(h.field == "progression_date" for h in patient_history(db, dosed))
    assert patient_response(db, protocol, dosed, TODAY).endpoints.pfs.event


@pytest.mark.parametrize(("lesions", "text"), [
    ([t("T1", "20.0", organ="liver"), t("T2", "20.0", organ="liver"),
      t("T3", "20.0", organ="liver")], "at most 2 per organ"),
    ([t("N1", "12.0", organ="neck", nodal=True)], "N1 is a lymph node of 12.0 mm"),
    ([t("T1", "20.05", organ="liver")], "one decimal"),
])
def test_rule_breaking_baseline_is_refused_and_nothing_saved(db, protocol, dosed, lesions, text):
    with pytest.raises(InvalidEntry) as info:
        save_scan(db, protocol, dosed, ScanForm(scan_date=FD - 10 * D, modality="CT", baseline=True,
                                                lesions=lesions), TODAY)
    assert info.value.field == "lesions" and text in info.value.message
    assert patient_response(db, protocol, dosed, TODAY).scan_ids == []


def test_bad_dates(db, protocol, dosed):
    _baseline(db, protocol, dosed)
    with pytest.raises(InvalidEntry, match="already recorded"):
        save_scan(db, protocol, dosed, ScanForm(scan_date=FD - 10 * D, modality="CT", overall="SD"), TODAY)
    with pytest.raises(InvalidEntry, match="before the baseline"):
        save_scan(db, protocol, dosed, ScanForm(scan_date=FD - 20 * D, modality="CT", lesions=[t("T1", "30.0")]),
                  TODAY)
    with pytest.raises(InvalidEntry, match="future"):
        save_scan(db, protocol, dosed, ScanForm(scan_date=TODAY + D, modality="CT", overall="SD"), TODAY)
    with pytest.raises(InvalidEntry, match="not a target lesion at baseline"):
        save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 42 * D, modality="CT", lesions=[
            t("T1", "30.0"), t("T7", "12.0", organ="lung")]), TODAY)


def test_investigator_overall_responses_only(db, protocol, dosed):
    for day, resp in ((42, "CR"), (84, "CR")):
        save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + day * D, modality="MRI", overall=resp), TODAY)
    assert patient_response(db, protocol, dosed, TODAY).evaluation.best_overall_response == "CR"


def test_site_results_rates_medians_and_groups(db, protocol, dosed):
    from app.rules.groups import GroupBy
    from app.services.site_results import group_results, site_results

    _baseline(db, protocol, dosed)
    save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 42 * D, modality="CT", lesions=[
        t("T1", "20.0"), LesionEntry("NT1", "non_target", status="present")]), TODAY)
    save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 84 * D, modality="CT", lesions=[
        t("T1", "19.0"), LesionEntry("NT1", "non_target", status="present")]), TODAY)
    site = site_results(db, protocol, TODAY)
    [whole] = site.groups
    assert (whole.orr.count, whole.orr.total, whole.dcr.count) == (1, 1, 1)
    assert round(whole.orr.low, 1) == 2.5 and whole.orr.high == 100  # exact, 1/1
    [course] = site.courses
    assert course.best_change_pct < -40 and course.on_treatment
    assert whole.pfs.months is None                 # nobody progressed: not reached
    by_level = group_results(site.courses, protocol, GroupBy.DOSE_LEVEL)
    assert [(g.group, g.n) for g in by_level][:2] == [
        ("DL-1 · 25 mg", 0),
        ("DL1 · 50 mg", 1)]
    assert [d.dosed for d in site.dlts][:2] == [0, 1]


def test_a_baseline_after_the_first_dose_or_too_early_is_refused(db, protocol, dosed):
    def baseline(day):
        return ScanForm(scan_date=day, modality="CT", baseline=True, lesions=[
            t("T1", "33.0", organ="liver")])
    for day, words in ((FD + D, "on or before the first dose (05-JAN-2026)"),
                       (FD - 29 * D, "no more than 28 days before")):
        with pytest.raises(InvalidEntry) as info:
            save_scan(db, protocol, dosed, baseline(day), TODAY)
        assert info.value.field == "baseline" and words in info.value.message
    save_scan(db, protocol, dosed, baseline(FD - 28 * D), TODAY)  # the 28th day: fine
    assert patient_response(db, protocol, dosed, TODAY).assessments[0].baseline


def test_a_lesion_not_at_baseline_can_only_be_a_new_lesion(db, protocol, dosed):
    _baseline(db, protocol, dosed)
    with pytest.raises(InvalidEntry) as info:
        save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 42 * D, modality="CT", lesions=[
            t("T1", "30.0"), LesionEntry("NT1", "non_target", status="present"),
            LesionEntry("NT9", "non_target", status="present")]), TODAY)
    assert "NT9" in info.value.message and "new lesion" in info.value.message


def test_a_baseline_non_target_left_out_makes_the_response_not_evaluable(db, protocol, dosed):
    _baseline(db, protocol, dosed)
    save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 42 * D, modality="CT",
                                            lesions=[t("T1", "0")]), TODAY)
    tp = patient_response(db, protocol, dosed, TODAY).evaluation.timepoints[0]
    assert (tp.target, tp.non_target, tp.overall) == ("CR", "NE", "PR")


def test_scans_after_the_efficacy_window_do_not_confirm(db, protocol, dosed):
    from app.services.disposition import DispositionForm, set_disposition

    _baseline(db, protocol, dosed)
    save_scan(db, protocol, dosed, ScanForm(scan_date=C1D1 + 42 * D, modality="CT", lesions=[
        t("T1", "20.0"), LesionEntry("NT1", "non_target", status="present")]), TODAY)
    last = C1D1 + 50 * D
    set_disposition(db, protocol, dosed, DispositionForm(
        last_dose_date=last, end_of_treatment_reason="toxicity"), TODAY)
    save_scan(db, protocol, dosed, ScanForm(scan_date=last + 31 * D, modality="CT", lesions=[
        t("T1", "19.0"), LesionEntry("NT1", "non_target", status="present")]), TODAY)
    ev = patient_response(db, protocol, dosed, TODAY).evaluation
    assert ev.best_overall_response == "SD"
    assert not ev.timepoints[1].counts and "after the efficacy window" in ev.timepoints[1].note
    assert ev.timepoints[0].note.startswith("PR not confirmed: no confirming scan inside")
