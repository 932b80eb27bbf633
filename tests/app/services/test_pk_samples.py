"""Recording PK: the dose time, tubes drawn or not, deviations that follow the dose."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.services.errors import InvalidEntry
from app.services.pk_samples import SampleEntry, export_pk_listing, pk_listing, pk_panel, save_pk
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import FD, TODAY
from tests.conftest import SITE_ZONE

DOSE = datetime(2026, 1, 5, 8, 0, tzinfo=SITE_ZONE)
M = timedelta(minutes=1)


def _dosed(db, protocol, pid):
    record_visit(db, protocol, pid, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)


def test_panel_before_and_after_the_dose_time(db, protocol, patient):
    panel = pk_panel(db, protocol, patient, "LI")
    assert [t.label for t in panel.tubes][:3] == ["pre-dose", "0.5 h", "1 h"]
    assert panel.dose_at is None and panel.tubes[0].nominal is None
    assert panel.tubes[2].sample_id == "IMP7068-101-101-001-LI-1H"
    _dosed(db, protocol, patient)
    save_pk(db, protocol, patient, "LI", DOSE, [
        SampleEntry("pre", DOSE - 15 * M), SampleEntry("1h", DOSE + 72 * M),
        SampleEntry("2h", not_collected_reason="line blocked")], TODAY)
    panel = pk_panel(db, protocol, patient, "LI")
    tubes = {t.timepoint: t for t in panel.tubes}
    assert tubes["1h"].nominal == DOSE + 60 * M
    assert (tubes["1h"].deviation_min, tubes["1h"].within) == (12, False)
    assert tubes["1h"].flag == "OUT OF TOLERANCE"
    assert tubes["pre"].within and tubes["2h"].flag == "not collected"


def test_correcting_the_dose_time_moves_every_deviation(db, protocol, patient):
    _dosed(db, protocol, patient)
    save_pk(db, protocol, patient, "LI", DOSE, [SampleEntry("1h", DOSE + 72 * M)], TODAY)
    with pytest.raises(InvalidEntry) as info:  # changing a saved dose time needs a reason
        save_pk(db, protocol, patient, "LI", DOSE + 10 * M, [], TODAY)
    assert info.value.field == "reason"
    save_pk(db, protocol, patient, "LI", DOSE + 10 * M, [], TODAY, reason="clock was wrong")
    tube = next(t for t in pk_panel(db, protocol, patient, "LI").tubes if t.timepoint == "1h")
    assert (tube.deviation_min, tube.within) == (2, True)


def test_later_day_samples_follow_the_lead_in_dose(db, protocol, patient):
    _dosed(db, protocol, patient)
    with pytest.raises(InvalidEntry) as info:
        save_pk(db, protocol, patient, "LI24", None,
                [SampleEntry("24h", DOSE + timedelta(hours=24))], TODAY)
    assert info.value.field == "dose_at" and "LI dose time first" in info.value.message
    save_pk(db, protocol, patient, "LI", DOSE, [], TODAY)
    save_pk(db, protocol, patient, "LI24", None,
            [SampleEntry("24h", DOSE + timedelta(hours=24, minutes=30))], TODAY)
    panel = pk_panel(db, protocol, patient, "LI24")
    assert panel.dose_of == "LI" and not panel.own_dose and panel.dose_at == DOSE
    assert panel.tubes[0].deviation_min == 30
    # a corrected lead-in dose that would put the 24 h sample before it is refused
    with pytest.raises(InvalidEntry) as info:
        save_pk(db, protocol, patient, "LI", DOSE + timedelta(hours=24, minutes=40), [], TODAY,
                reason="typo")
    assert info.value.field == "dose_at" and "before the dose" in info.value.message
    assert pk_panel(db, protocol, patient, "LI").dose_at == DOSE


@pytest.mark.parametrize(("code", "entries", "field", "text"), [
    ("LI", [SampleEntry("1h", DOSE - 5 * M)], "sample:1h", "before the dose"),
    ("LI", [SampleEntry("1h", DOSE + timedelta(hours=30))], "sample:1h", "24 hours"),
    ("LI", [SampleEntry("1h", DOSE + 60 * M), SampleEntry("1h", DOSE + 61 * M)], "sample:1h",
     "twice"),
    ("TA1", [SampleEntry("pre", DOSE)], "visit", "no PK"),
    ("LI", [SampleEntry("3h", DOSE)], "timepoint", "no '3h'"),
    ("LI", [SampleEntry("1h", datetime(2026, 3, 3, 9, 0, tzinfo=SITE_ZONE))], "sample:1h",
     "future"),
])
def test_bad_pk_input_saves_nothing(db, protocol, patient, code, entries, field, text):
    _dosed(db, protocol, patient)
    with pytest.raises(InvalidEntry) as info:
        save_pk(db, protocol, patient, code, DOSE, [*entries, SampleEntry("pre", DOSE - M)],
                TODAY)
    assert info.value.field == field and text in info.value.message
    assert all(t.collected_at is None for t in pk_panel(db, protocol, patient, "LI").tubes)
    assert pk_panel(db, protocol, patient, "LI").dose_at is None


def test_listing_and_export(db, protocol, patient, tmp_path):
    from tests.conftest import name_the_site

    name_the_site(db)
    _dosed(db, protocol, patient)
    save_pk(db, protocol, patient, "LI", DOSE, [
        SampleEntry("pre", DOSE - 15 * M), SampleEntry("0.5h", DOSE + 36 * M)], TODAY)
    rows = pk_listing(db, protocol)
    assert [(r.visit, r.timepoint, r.deviation_min, r.flag) for r in rows] == [
        ("LI", "pre-dose", -15, "within tolerance"), ("LI", "0.5 h", 6, "OUT OF TOLERANCE")]
    import pandas as pd

    export_pk_listing(db, rows, tmp_path / "pk.xlsx", "IMP7068-101", "t.nurse")
    export_pk_listing(db, rows, tmp_path / "pk.csv", "IMP7068-101", "t.nurse")
    frame = pd.read_excel(tmp_path / "pk.xlsx", header=7)            # after the header block
    assert list(frame["Sample ID"]) == ["IMP7068-101-101-001-LI-PRE",
                                        "IMP7068-101-101-001-LI-0.5H"]
    assert frame["Nominal"][0] == "2026-01-05T08:00+01:00"            # ISO 8601, offset
    csv = pd.read_csv(tmp_path / "pk.csv", skiprows=7, encoding="utf-8-sig")
    assert csv["Flag"].tolist()[1] == "OUT OF TOLERANCE"
    with pytest.raises(InvalidEntry):
        export_pk_listing(db, rows, tmp_path / "pk.pdf", "IMP7068-101", "t.nurse")


def test_c1d2_counts_from_the_c1d1_dose(db, protocol, patient):
    panel = pk_panel(db, protocol, patient, "C1D2")
    assert panel.dose_of == "C1D1" and "before the Day 2 dose" in panel.note


def test_two_nurses_on_one_pk_panel(db, protocol, patient):
    """Each saves only the tubes she typed; a tube saved meanwhile is not put back."""
    from app.services.errors import EditConflict

    _dosed(db, protocol, patient)
    save_pk(db, protocol, patient, "LI", DOSE, [SampleEntry("pre", DOSE - 15 * M)], TODAY)
    a = pk_panel(db, protocol, patient, "LI")
    b = pk_panel(db, protocol, patient, "LI")
    db.actor = "nurse_b"
    save_pk(db, protocol, patient, "LI", DOSE, [SampleEntry("pre", DOSE - 15 * M),
                                                SampleEntry("1h", DOSE + 61 * M)], TODAY,
            base=b.as_read(), version=b.version)
    db.actor = "nurse_a"
    mine = [SampleEntry("pre", DOSE - 15 * M), SampleEntry("2h", DOSE + 121 * M)]
    with pytest.raises(EditConflict, match="nurse_b changed the 1h sample") as info:
        save_pk(db, protocol, patient, "LI", DOSE, mine, TODAY, base=a.as_read(),
                version=a.version)
    assert {t.timepoint: t.collected_at for t in pk_panel(db, protocol, patient, "LI").tubes
            }["2h"] is None                                              # nothing saved
    save_pk(db, protocol, patient, "LI", DOSE, mine, TODAY, base=a.as_read(),
            version=info.value.current_version)
    tubes = {t.timepoint: t.collected_at for t in pk_panel(db, protocol, patient, "LI").tubes}
    assert tubes["1h"] == DOSE + 61 * M and tubes["2h"] == DOSE + 121 * M   # both kept


def test_a_pk_visit_is_completed_by_its_samples(db, protocol, patient):
    """One entry, one record: the lead-in dose time completes LI, LI24's tube completes LI24,
    on the site's clock; a visit recorded already is left as recorded."""
    from datetime import time

    from app.services.patients import patient_page

    save_pk(db, protocol, patient, "LI", datetime(2026, 1, 5, 8, 30, tzinfo=SITE_ZONE),
            [SampleEntry("pre", datetime(2026, 1, 5, 8, 0, tzinfo=SITE_ZONE))], TODAY)
    save_pk(db, protocol, patient, "LI24", None,
            [SampleEntry("24h", datetime(2026, 1, 6, 8, 40, tzinfo=SITE_ZONE))], TODAY)
    page = patient_page(db, protocol, patient, TODAY)
    li, li24 = page.records["LI"], page.records["LI24"]
    assert (li.outcome, li.actual_date, li.actual_time) == ("done", FD, time(8, 30))
    assert (li24.outcome, li24.actual_date, li24.actual_time) == (
        "done", FD + timedelta(days=1), time(8, 40))
    status = {r.code: r.status for r in page.calendar}
    assert status["LI"] == "done" and status["LI24"] == "done"
    assert page.first_dose == FD
