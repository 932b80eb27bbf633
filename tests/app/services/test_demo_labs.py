"""The demo's laboratory: the demo lab's reference ranges (per analyte and sex, with their
validity dates) and accepted results, so a demo patient's Labs tab shows grades, not a
request for ranges; nothing left for the investigator to decide; check-data still clean."""

from __future__ import annotations

from datetime import date

from app.rules.protocol import default_protocol
from app.services.data_checks import check_data
from app.services.demo_labs import LAB, NOT_SIGNIFICANT, RANGES
from app.services.lab_ranges import reference_ranges
from app.services.labs import latest_by_analyte, patient_labs
from app.services.patients import list_patients

DAY = date(2026, 12, 6)


def test_the_demo_has_ranges_and_graded_results(sqlite_demo_site):
    protocol = default_protocol()
    sqlite_db = sqlite_demo_site(DAY, protocol=protocol, patients=8, second_study=0)
    ranges = reference_ranges(sqlite_db)
    assert {r.analyte for r in ranges} == set(RANGES) == {a.code for a in protocol.labs}
    assert {(r.sex, r.lln, r.uln) for r in ranges if r.analyte == "HGB"} == {
        ("F", 12, 16), ("M", 13.5, 17.5)}
    assert all(r.lab == LAB and r.valid_from <= DAY and r.valid_to is None for r in ranges)
    graded = dismissed = 0
    for p in list_patients(sqlite_db):
        rows = patient_labs(sqlite_db, p.id, DAY)
        assert all(r.status == "accepted" and not r.problems and r.proposal is None
                   for r in rows), p.subject_id
        assert all(r.lln is not None and r.uln is not None and r.grade is not None
                   for r in rows)
        graded += len(latest_by_analyte(rows))
        for r in rows:
            if r.grade:
                assert (r.analyte, r.grade, r.ae_decision, r.ae_reason) == (
                    "NEUT", 1, "dismissed", NOT_SIGNIFICANT)
                dismissed += 1
    assert graded >= 15 * 4 and dismissed >= 1
    assert check_data(sqlite_db, protocol, DAY) == []
