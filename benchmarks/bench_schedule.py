"""Calendars of 7,000 patients at every stage of the study; prints the time per patient.

Target (issue 3): under 1 ms per patient on the developers' 2-core machine.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.rules.calendar import CycleDelay, PatientFacts, build_calendar
from app.rules.protocol import default_protocol

TODAY = date(2026, 11, 25)
TARGET_MS = 1.0


def make_patient(rng: random.Random) -> PatientFacts:
    """A patient at a random stage: screening, early or late on treatment, follow-up, dead."""
    stage = rng.choice(["screening", "cycle1", "on_treatment", "follow_up", "progressed", "dead"])
    fd = TODAY - timedelta(days=rng.randint(0, 900)) if stage != "screening" else (
        TODAY + timedelta(days=rng.randint(1, 25)))
    if stage == "screening" or fd + timedelta(days=8) > TODAY:
        return PatientFacts(first_dose=fd)
    c1d1 = fd + timedelta(days=7 + rng.choice([0, 0, 0, 1, -1]))
    done = {"LI": fd, "C1D1": c1d1}
    delays = {}
    day1, n = c1d1, 2
    stop = TODAY if stage in ("on_treatment", "cycle1") else TODAY - timedelta(
        days=rng.randint(30, 400))
    while n < 45:
        code = f"C{n}D1"
        late = rng.choice([0, 0, 0, 1, 2, -1])
        delay = CycleDelay(code, 7, "toxicity") if rng.random() < 0.1 else None
        when = day1 + timedelta(days=21 + late + (delay.days if delay else 0))
        if when > stop:
            break
        if delay:
            delays[code] = delay
        day1 = done[code] = when
        n += 1
    for k in range(1, 20):
        target = c1d1 + timedelta(days=42 * k if k <= 8 else 336 + 84 * (k - 8))
        if target + timedelta(days=3) < stop:
            done[f"TA{k}"] = target + timedelta(days=rng.randint(-3, 3))
    facts = {"first_dose": fd, "done": done, "delays": delays}
    if stage in ("follow_up", "progressed", "dead"):
        facts["last_dose"] = max(day1, c1d1) + timedelta(days=20)
        facts["last_dose"] = min(facts["last_dose"], TODAY)
    if stage == "progressed":
        facts["progression"] = facts["last_dose"] - timedelta(days=3)
    if stage == "dead":
        facts["death"] = min(TODAY, facts["last_dose"] + timedelta(days=rng.randint(10, 300)))
    return PatientFacts(**facts)


def main() -> None:
    protocol = default_protocol()
    rng = random.Random(7068)
    patients = [make_patient(rng) for _ in range(7000)]
    visits = sum(len(build_calendar(protocol, p, TODAY)) for p in patients)  # warm-up
    gc.freeze()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for p in patients:
            build_calendar(protocol, p, TODAY)
        runs.append(time.perf_counter() - start)
    median = statistics.median(runs)
    per_patient_ms = median / len(patients) * 1000
    print(f"calendars: {len(patients)} patients, {visits} visits, "
          f"median {median:.2f} s of 5 runs = {per_patient_ms:.3f} ms per patient "
          f"(target < {TARGET_MS:.1f} ms): {'OK' if per_patient_ms < TARGET_MS else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
