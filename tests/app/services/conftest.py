from __future__ import annotations

from datetime import date

import pytest

from app.rules.protocol import default_protocol
from app.services.patients import EnrolmentForm, enrol

TODAY = date(2026, 3, 2)
FD = date(2026, 1, 5)
C1D1 = date(2026, 1, 12)


@pytest.fixture
def protocol():
    return default_protocol()


def form(**over) -> EnrolmentForm:
    base = dict(subject_id="101-001", initials="ABC", year_of_birth=1960, sex="F", part=1,
                dose_level="DL1", consent_date=date(2025, 12, 1),
                screening_date=None, planned_first_dose=FD)  # SCR to record
    base.update(over)
    return EnrolmentForm(**base)


@pytest.fixture
def patient(db, protocol) -> int:
    return enrol(db, protocol, form(), TODAY)


@pytest.fixture
def dosed(db, protocol, patient) -> int:
    """The patient with the lead-in dose and C1D1 done: on treatment."""
    from app.services.visits import VisitEntry, record_visit

    for code, when in (("LI", FD), ("C1D1", C1D1)):
        record_visit(db, protocol, patient, code, VisitEntry(outcome="done", actual_date=when),
                     TODAY)
    return patient
