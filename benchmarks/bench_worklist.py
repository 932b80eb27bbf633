"""A site database of 7,000 patients in twenty studies of 350 each, with full calendars.

Prints: the worklist opening (query and table filled), a patient page opening, and the time
from process start to the window on screen. Targets: 100 ms, 100 ms, and 1.5 times the
floor measured in the same run (issue 20).
The database is built once and kept in /tmp between runs (delete it to rebuild).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_schedule import TODAY, make_patient  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from app.infra.clock import Clock  # noqa: E402
from app.rules.calendar import build_calendar  # noqa: E402
from app.rules.protocol import default_protocol  # noqa: E402
from app.rules.statuses import PENDING  # noqa: E402
from app.rules.statuses import stored_state as _state  # noqa: E402
from app.services.database import open_site_database  # noqa: E402
from db.audit import DEMO_ACTOR  # noqa: E402
from db.migrate import head  # noqa: E402
from db.models import CalendarVisit, Patient, VisitRecord  # noqa: E402

PATIENTS = 7000
STUDIES = 20  # of 350 patients each: study 1 is the shipped IMP7068-101, 2..20 its kin
DB_PATH = Path(f"/tmp/sitetrack-bench-{STUDIES}x{PATIENTS // STUDIES}-{head()}.sqlite")


def studies() -> list[dict[str, object]]:
    """Studies 2..20: the shipped protocol under another code each (same visits, so the
    calendars below fit them), kept as every study is, whole with its hash."""
    import hashlib

    from app.rules.protocol import default_protocol_path

    text = default_protocol_path().read_text(encoding="utf-8")
    out = []
    for n in range(2, STUDIES + 1):
        code = f"BENCH-{n:02d}"
        body = text.replace('code = "IMP7068-101"', f'code = "{code}"', 1)
        out.append({"id": n, "code": code, "title": f"Benchmark study {n}", "content": body,
                    "sha256": hashlib.sha256(body.encode()).hexdigest()})
    return out


def build(db) -> None:  # type: ignore[no-untyped-def]
    """Bulk-load patients, their recorded visits and the engine's calendars (Core inserts)."""
    protocol = default_protocol()
    rng = random.Random(20)
    patients, records, visits = [], [], []
    for i in range(PATIENTS):
        facts = make_patient(rng)
        pid = i + 1
        cal = build_calendar(protocol, facts, TODAY)
        # a well-kept site: every visit whose window has closed was recorded
        closed = {v.code: v.target for v in cal.visits if v.status == "overdue"}
        if closed:
            facts = replace(facts, done={**facts.done, **closed})
            cal = build_calendar(protocol, facts, TODAY)
        status = ("follow_up" if facts.last_dose else "on_treatment"
                  if "LI" in facts.done else "screening")
        status = "off_study" if facts.death else status
        pending = [v for v in cal.visits if _state(v.status) == PENDING]
        nxt = pending[0] if pending else None
        patients.append({
            "id": pid, "study_id": 1 + i * STUDIES // PATIENTS,
            "subject_id": f"{100 + i // 350:03d}-{i % 350 + 1:03d}",
            "initials": "".join(rng.choice("ABCDEFGHJKLMNPRST") for _ in range(3)),
            "part": 1 if i % 3 else 2, "dose_level": "DL2" if i % 3 else "RP2D",
            "cohort": None if i % 3 else "OVARIAN",
            "consent_date": facts.first_dose - timedelta(days=35),
            "planned_first_dose": facts.first_dose, "last_dose_date": facts.last_dose,
            "progression_date": facts.progression, "death_date": facts.death,
            "death_cause": "disease progression" if facts.death else None,
            "end_of_treatment_reason": "progression" if facts.last_dose else None,
            "status": status, "next_visit_code": nxt.code if nxt else None,
            "next_visit_date": nxt.target if nxt else None,
        })
        for code, when in facts.done.items():
            records.append({"patient_id": pid, "code": code, "unscheduled": False,
                            "outcome": "done", "actual_date": when})
        for v in cal.visits:
            booked = v.target if v.status in ("open", "planned") and rng.random() < 0.3 else None
            visits.append({"patient_id": pid, "code": v.code, "label": v.label, "kind": v.kind,
                           "cycle": v.cycle, "target": v.target, "earliest": v.earliest,
                           "latest": v.latest, "state": _state(v.status), "actual": v.actual,
                           "booked_date": booked, "booked_time": None, "reason": v.reason})
    from db.studies import ProtocolVersion, Study

    kin = studies()
    with db.engine.begin() as conn:
        conn.execute(insert(Study), [{"id": k["id"], "code": k["code"], "title": k["title"]}
                                     for k in kin])
        conn.execute(insert(ProtocolVersion), [
            {"study_id": k["id"], "label": "Original protocol 1.0", "effective": None,
             "sha256": k["sha256"], "file_name": f"{k['code']}.toml", "content": k["content"]}
            for k in kin])
        conn.execute(insert(Patient), patients)
        conn.execute(insert(VisitRecord), records)
        for start in range(0, len(visits), 50_000):
            conn.execute(insert(CalendarVisit), visits[start:start + 50_000])
    print(f"built {PATIENTS} patients in {STUDIES} studies, {len(records)} recorded visits, "
          f"{len(visits)} calendar visits in {DB_PATH}")


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def compile_project() -> None:
    """Every package of the app to bytecode, as an installed app runs (this machine's
    PYTHONDONTWRITEBYTECODE would otherwise have each start compile the modules again)."""
    import compileall

    for package in ("app", "cli", "db", "ui", "reports"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


#: the database's driver and SQLAlchemy's dialect for it: no start on that backend can
#: leave them out (on PostgreSQL they are 80 ms to 150 ms, psycopg and SQLAlchemy's
#: package of every PostgreSQL driver's dialect; on SQLite a few milliseconds)
DRIVERS = {"sqlite": "sqlite3, sqlalchemy.dialects.sqlite.pysqlite",
           "postgresql": "psycopg, sqlalchemy.dialects.postgresql.psycopg"}


def _floor_run(driver: str) -> float:
    """The floor: a process that imports SQLAlchemy's ORM, Qt's widgets, and the database's
    driver with its SQLAlchemy dialect."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import sqlalchemy.orm, PySide6.QtWidgets, {driver}"],
                   check=True, timeout=60)
    return time.perf_counter() - start


def _app_run(url: str) -> tuple[float, float]:
    """The app started on `url`: when its window was painted, and when Today was filled."""
    env = dict(os.environ, SITETRACK_STARTUP_PROBE="1", QT_QPA_PLATFORM="offscreen")
    start = Clock.utc_now().timestamp()  # the app prints its instants by the same clock
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, "--user",
                          "nurse", "--password-stdin"], input="demo\n",
                         capture_output=True, text=True, env=env, timeout=60).stdout
    lines = {x.split()[0]: float(x.split()[1]) for x in out.splitlines() if "-at " in x}
    return lines["painted-at"] - start, lines["filled-at"] - start


def startup_seconds(url: str, runs: int = 9) -> tuple[float, float, float]:
    """(floor, window painted, Today filled), medians of `runs` each. The floor's runs and
    the app's alternate, so that the machine's changes of speed during the run (by up to
    a third here) fall on both alike."""
    floors, painted, filled = [], [], []
    driver = DRIVERS[url.split(":", 1)[0].split("+", 1)[0]]
    _app_run(url)  # the first start of the day also makes the day's backup: not timed
    for _ in range(runs):
        floors.append(_floor_run(driver))
        shown, ready = _app_run(url)
        painted.append(shown)
        filled.append(ready)
    return statistics.median(floors), statistics.median(painted), statistics.median(filled)


def main() -> None:
    url = f"sqlite:///{DB_PATH}"
    db = open_site_database(url)
    with db.reading() as s:
        have = s.scalar(select(func.count()).select_from(Patient))
    if have != PATIENTS:
        db.close()
        DB_PATH.unlink(missing_ok=True)
        db = open_site_database(url)
        build(db)
    from app.services.accounts import add_demo_accounts

    with db.unit_of_work(reason="benchmark accounts", purpose=None,
                             actor=DEMO_ACTOR) as session:
        add_demo_accounts(session)  # the start-up probe signs in as the demo's nurse

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from ui.context import Context
    from ui.patient_view import PatientView
    from ui.places import WorklistPage

    app = QApplication.instance() or QApplication(sys.argv)
    ctx = Context(db, default_protocol(), clock=lambda: TODAY)
    page = WorklistPage(ctx)
    page.refresh()
    rows = page.model.rowCount()
    worklist_ms = median_ms(page.refresh, 7)

    rng = random.Random(1)
    ids = [rng.randint(1, PATIENTS) for _ in range(15)]
    views = []

    def open_page() -> None:
        view = PatientView(ctx, ids[len(views) % len(ids)])
        app.processEvents()
        views.append(view.patient_id)
        view.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    open_page()
    patient_ms = median_ms(open_page, 15)
    db.close()
    compile_project()
    floor_s, start_s, filled_s = startup_seconds(url)

    def verdict(value: float, target: float) -> str:
        return "OK" if value < target else "TOO SLOW"

    print(f"worklist: {rows} rows of {STUDIES} studies, query and table filled in "
          f"{worklist_ms:.1f} ms "
          f"(target < 100 ms): {verdict(worklist_ms, 100)}")
    print(f"patient page: opened in {patient_ms:.1f} ms (target < 100 ms): "
          f"{verdict(patient_ms, 100)}")
    print(f"startup: window on screen {start_s:.2f} s after process start, Today filled "
          f"at {filled_s:.2f} s; floor in this run (import SQLAlchemy ORM + Qt widgets) "
          f"{floor_s:.2f} s, ratio {start_s / floor_s:.2f} (target: 1.5 times the "
          f"floor): {verdict(start_s / floor_s, 1.5)}")


if __name__ == "__main__":
    main()
