"""A lead-in PK day at the bench, shared by the specimen tests: the dose at 08:00, its 7
tubes drawn on time, processed with one spun late (1 h: 41 min) and one frozen late (2 h:
75 min), the aliquots stored in box BOX-1."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.services.pk_samples import SampleEntry, save_pk
from app.services.specimens import bench, record_processing
from app.services.storage import add_box, store_aliquot
from app.services.visits import VisitEntry, record_visit
from tests.app.services.conftest import FD, TODAY
from tests.conftest import SITE_ZONE

DOSE = datetime(2026, 1, 5, 8, 0, tzinfo=SITE_ZONE)
M = timedelta(minutes=1)
LATER = datetime(2026, 1, 5, 20, 0, tzinfo=SITE_ZONE)
TUBES = {"pre": -15, "0.5h": 30, "1h": 60, "2h": 120, "4h": 240, "6h": 360, "8h": 480}
SPIN_LATE, FREEZE_LATE = "1H", "2H"


def tube_id(tp: str) -> str:
    return f"IMP7068-101-101-001-LI-{tp.upper()}"


def draw_the_day(db, protocol, patient) -> None:
    record_visit(db, protocol, patient, "LI", VisitEntry(outcome="done", actual_date=FD), TODAY)
    save_pk(db, protocol, patient, "LI", DOSE,
            [SampleEntry(tp, DOSE + m * M) for tp, m in TUBES.items()], TODAY)


def process_the_day(db, protocol) -> None:
    for tp, m in TUBES.items():
        drawn = DOSE + m * M
        spin = 41 if tp.upper() == SPIN_LATE else 20
        freeze = 75 if tp.upper() == FREEZE_LATE else 50
        record_processing(db, protocol, tube_id(tp), drawn + spin * M, None, LATER)
        record_processing(db, protocol, tube_id(tp), None, drawn + freeze * M, LATER)


def store_the_day(db, protocol) -> list[str]:
    add_box(db, protocol, "box-1", "Freezer 2", "Rack A", TODAY)
    stored = []
    for i, t in enumerate(bench(db, protocol, LATER, DOSE.date())):
        for j, a in enumerate(t.aliquots):
            store_aliquot(db, protocol, a.aliquot_id, "BOX-1", f"{'ABCDEFGHI'[i]}{j + 1}",
                          LATER)
            stored.append(a.aliquot_id)
    return stored
