"""The demo's vital signs, ECG and con-meds: readings at the first and the latest visit done,
in their usual ranges, BSA and QTcF as the rules compute them, con-meds for some patients."""

from __future__ import annotations

from datetime import date

from app.rules.protocol import default_protocol
from app.rules.vitals import bsa_mosteller, qtcf
from app.services.conmeds import conmeds_of
from app.services.patients import list_patients
from app.services.vitals import readings_of

DAY = date(2026, 12, 6)


def test_the_demo_has_readings_and_con_meds(sqlite_demo_site):
    protocol = default_protocol()
    sqlite_db = sqlite_demo_site(DAY, protocol=protocol, patients=8, second_study=0)
    defs = {m.code: m for m in protocol.measures}
    meds = 0
    for p in list_patients(sqlite_db):
        rows = readings_of(sqlite_db, p.id)
        meds += len(conmeds_of(sqlite_db, p.id))
        for r in rows:
            low, high = defs[r.code].plausible
            assert low <= r.value <= high, (p.subject_id, r.code, r.value)
        by_visit: dict[str, dict[str, float]] = {}
        for r in rows:
            by_visit.setdefault(r.visit_code, {})[r.code] = r.value
        height = next((v["HEIGHT"] for v in by_visit.values() if "HEIGHT" in v), None)
        for values in by_visit.values():
            if "QT" in values:
                assert values["QTCF"] == qtcf(values["QT"], values["HR"])
            if height and "WEIGHT" in values:
                assert values["BSA"] == bsa_mosteller(values["WEIGHT"], height)
    assert meds > 0
    assert any(readings_of(sqlite_db, p.id) for p in list_patients(sqlite_db))
