"""Several processes at once: no lost update, no raw error, every workstation comes up."""

from __future__ import annotations

from datetime import date

import pytest

from app.rules.protocol import default_protocol
from app.services.patients import EnrolmentForm, enrol, patient_page
from app.services.visits import VisitEntry, record_visit
from db import open_database
from tests.conftest import empty_pg_url
from tests.faults.conftest import spawn

TODAY = date(2026, 3, 2)


@pytest.fixture(params=[("sqlite", 2, 100), pytest.param(("postgresql", 4, 50),
                                                         marks=pytest.mark.postgres)],
                ids=["sqlite-2x100", "postgresql-4x50"])
def racing(request, tmp_path):  # type: ignore[no-untyped-def]
    backend, processes, saves = request.param
    url = f"sqlite:///{tmp_path / 'site.sqlite'}" if backend == "sqlite" else empty_pg_url()
    return url, processes, saves


def test_racing_read_modify_write_saves_lose_nothing(racing):
    url, processes, saves = racing
    protocol = default_protocol()
    db = open_database(url)
    db.actor = "fault-test"  # someone signed in
    pid = enrol(db, protocol, EnrolmentForm(
        subject_id="101-001", initials="AB", year_of_birth=1960, sex="F", part=1,
        dose_level="DL1", consent_date=date(2025, 12, 1), screening_date=date(2025, 12, 2),
        planned_first_dose=date(2026, 1, 5)), TODAY)
    record_visit(db, protocol, pid, "LI", VisitEntry(booked_date=date(2026, 1, 5)), TODAY)
    db.close()
    procs = [spawn("rmw", url, str(pid), "LI", f"w{k}-", str(saves)) for k in range(processes)]
    outputs = [p.communicate(timeout=600) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0 and "Traceback" not in err, err
        assert out.startswith("done")
    db = open_database(url)
    comment = patient_page(db, protocol, pid, TODAY).records["LI"].comment
    db.close()
    tokens = comment.split()
    expected = {f"w{k}-{n}" for k in range(processes) for n in range(saves)}
    assert len(tokens) == len(expected) and set(tokens) == expected   # 0 lost updates


def test_workstations_starting_at_once_on_an_empty_postgresql_all_come_up():
    url = empty_pg_url()
    procs = [spawn("create", url) for _ in range(6)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "created"


def test_processes_creating_one_new_sqlite_file_at_once_all_come_up(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'site.sqlite'}"
    procs = [spawn("create", url) for _ in range(4)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    assert sorted(p.name for p in (tmp_path / "new").iterdir()
                  if not p.name.endswith(("-wal", "-shm"))) == ["site.sqlite"]
