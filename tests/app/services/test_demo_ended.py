"""The demo shows no visit overdue for ever after treatment ended (issue 40, item 1): a scan
the demo marks missed stays missed (101-007, dead since May, listed TA2 from March as
overdue), and an off-study patient has no next visit."""

from __future__ import annotations

from datetime import date, datetime

from app.services.patients import list_patients
from app.services.today import today_view

DAY = date(2026, 12, 6)


def test_the_demo_lists_nothing_overdue_for_patients_who_ended_treatment(sqlite_demo_site):
    sqlite_db = sqlite_demo_site(DAY, patients=8, second_study=0)
    patients = {p.id: p for p in list_patients(sqlite_db)}
    ended = {i for i, p in patients.items() if p.status in ("follow_up", "off_study")}
    assert ended  # the demo has patients after treatment
    overdue = [(r.subject_id, r.code) for r in today_view(sqlite_db, None, DAY,
                                                           datetime(2026, 12, 6, 8)).overdue
               if r.patient_id in ended]
    assert overdue == []
    assert [p.subject_id for p in patients.values()
            if p.status == "off_study" and p.next_visit_date is not None] == []
