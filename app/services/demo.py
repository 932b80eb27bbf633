"""A demo database of fictional patients at every stage, in its own file.

What `make run` shows a new user. The demo never goes into a real database: it lives in
`demo.sqlite` beside the user's data, and a database that holds real patients is refused.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.rules.calendar import DONE, MISSED, OPEN, OVERDUE, PLANNED, PatientFacts, build_calendar
from app.rules.files_chosen import check_demo_target
from app.rules.protocol import SHIPPED, Protocol, read_protocol_file, shipped_protocol_path
from app.services.demo_flag import DEMO_FLAG
from app.services.demo_store import Fill, site_clock, store
from app.services.demo_treatment import (
    demo_dictionary,
    demo_rp2d,
    escalation_history,
)
from app.services.studies import DEFAULT_STUDY, add_study_in
from db import Database
from db.models import Patient, SiteSetting
from db.places import data_folder

STAGES = ("screening", "screen_failure", "pk_days", "mid_treatment", "delayed",
          "survival_follow_up", "dead", "withdrawn")


def demo_path() -> Path:
    """The demo's own file, beside the user's database: never mixed with real patients."""
    return data_folder() / "demo.sqlite"


def demo_url() -> str:
    return f"sqlite:///{demo_path()}"


@dataclass
class DemoPatient:
    """One fictional patient: enrolment, what was recorded, how it ended."""

    subject_id: str
    initials: str
    year_of_birth: int
    sex: str
    part: int
    dose_level: str | None
    cohort: str | None
    consent: date
    planned_first_dose: date
    stage: str
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    disposition: dict[str, Any] = field(default_factory=dict)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    screen_fail: tuple[date, str] | None = None


def _facts(p: DemoPatient) -> PatientFacts:
    done = {c: r["actual_date"] for c, r in p.records.items() if r.get("outcome") == DONE}
    missed = {c: r["missed_reason"] for c, r in p.records.items() if r.get("outcome") == MISSED}
    from app.rules.calendar import CycleDelay

    delays = {c: CycleDelay(c, r["delay_days"], r["delay_reason"])
              for c, r in p.records.items() if r.get("delay_days")}
    d = p.disposition
    return PatientFacts(first_dose=p.planned_first_dose, done=done, missed=missed, delays=delays,
                        last_dose=d.get("last_dose_date"), death=d.get("death_date"),
                        progression=d.get("progression_date"),
                        withdrawal=d.get("withdrawal_date"))


def _live_through(p: DemoPatient, protocol: Protocol, until: date, today: date,
                  rng: random.Random, delay_at: int | None = None) -> None:
    """Record the visits due up to `until`, mostly on time, now and then late or missed.

    The calendar is built again only when a record moves what follows (a visit done off
    its target, a delay): one done on its target, or missed, leaves every other visit's
    anchor where it was, so the next due is the next of the same list."""
    due: list[Any] = []
    for _ in range(400):
        if not due:
            calendar = build_calendar(protocol, _facts(p), today)
            due = [v for v in calendar.visits if v.status in (OPEN, OVERDUE, PLANNED)
                   and v.target <= until
                   and (v.code not in p.records or p.records[v.code].get("_pending"))]
            if not due:
                return
        v = due.pop(0)
        n = protocol.cycle_number(v.code)
        if delay_at and n == delay_at and v.code.endswith("D1") and v.delay is None:
            p.records[v.code] = {"delay_days": 7, "delay_reason": "toxicity"}
            p.records[v.code]["_pending"] = True
            due = []  # the delay moves the visits after it
            continue
        record = p.records.pop(v.code, {}) if v.code in p.records else {}
        record.pop("_pending", None)
        roll = rng.random()
        if roll < 0.03 and v.code not in (protocol.first_dose_visit, protocol.projection_anchor):
            record.update(outcome=MISSED, missed_reason=rng.choice(
                ["patient unwell, could not attend", "transport problem", "patient on holiday"]))
        else:
            shift = rng.choice([0, 0, 0, 1, -1, 2])
            shift = max(-(v.target - v.earliest).days, min(shift, (v.latest - v.target).days))
            if roll > 0.97 and v.earliest != v.latest:
                shift = v.latest.toordinal() - v.target.toordinal() + 2  # a little too late
            when = min(v.target + timedelta(days=shift), today, until)
            when = max(when, p.planned_first_dose) if v.target >= p.planned_first_dose else when
            record.update(outcome=DONE, actual_date=when,
                          actual_time=time(8 + rng.randint(0, 6), rng.choice([0, 15, 30, 45])))
            if protocol.is_dosing(v.code) or (n and n >= 2 and v.code.endswith("D1")):
                record.update(dose_level=p.dose_level, dose_action="as planned")
        p.records[v.code] = record
        if record.get("outcome") != MISSED and record.get("actual_date") != v.target:
            due = []  # done off its target: the visits anchored on it move
    raise RuntimeError("demo patient did not settle")  # pragma: no cover


def _delayed_pending(p: DemoPatient) -> None:
    for r in p.records.values():
        r.pop("_pending", None)


def demo_subject_id(protocol: Protocol, index: int) -> str:
    """The index-th subject ID in the study's own format (its example's site number, then
    the patient number padded as the example pads it)."""
    site, _, number = (protocol.subject_id_example or "101-001").rpartition("-")
    return f"{site or '101'}-{index + 1:0{len(number) or 3}d}"


def plan_patient(protocol: Protocol, index: int, stage: str, today: date,
                 rng: random.Random) -> DemoPatient:
    letters = "ABCDEFGHJKLMNPRSTVW"
    part = 1 if index % 3 or len(protocol.parts) < 2 else 2
    levels: list[str | None] = [
        d.code for d in protocol.dose_levels if not d.code.startswith("DL-")] or [None]
    cohort = rng.choice(protocol.cohorts).code if part == 2 and protocol.cohorts else None
    back = {"screening": -12, "screen_failure": -20, "pk_days": 7, "mid_treatment": 160,
            "delayed": 220, "survival_follow_up": 420, "dead": 330, "withdrawn": 260}[stage]
    back += rng.randint(0, 60) if stage not in ("pk_days", "screening", "screen_failure") else 0
    first = today - timedelta(days=back)
    p = DemoPatient(
        subject_id=demo_subject_id(protocol, index),
        initials="".join(rng.choice(letters) for _ in range(3)),
        year_of_birth=rng.randint(1945, 1985), sex=rng.choice("FM"), part=part,
        dose_level=levels[min(index // 6, len(levels) - 1)] if part == 1
        else demo_rp2d(protocol),
        cohort=cohort, consent=first - timedelta(days=30 + rng.randint(0, 5)),
        planned_first_dose=first, stage=stage)
    if stage == "screening":
        _live_through(p, protocol, today, today, rng)
        return p
    if stage == "screen_failure":
        p.screen_fail = (p.consent + timedelta(days=12),
                         rng.choice(["eligibility: inadequate renal function",
                                     "eligibility: brain metastases on screening MRI"]))
        return p
    if stage == "pk_days":  # C1D1 (intensive PK) is today, C1D2 tomorrow
        _live_through(p, protocol, today - timedelta(days=1), today, rng)
        return p
    if stage == "mid_treatment":  # some have a visit not yet recorded: open or overdue
        _live_through(p, protocol, today - timedelta(days=rng.choice([0, 0, 10])), today, rng)
        return p
    if stage == "delayed":
        _live_through(p, protocol, today, today, rng, delay_at=4)
        _delayed_pending(p)
        return p
    treat_days = {"survival_follow_up": 150, "dead": 120, "withdrawn": 110}[stage]
    last = first + timedelta(days=treat_days + rng.randint(0, 20))
    _live_through(p, protocol, last, today, rng)
    done_dates = [r["actual_date"] for r in p.records.values() if r.get("actual_date")]
    last = max([last, *done_dates])
    reason = {"survival_follow_up": "progression", "dead": "progression",
              "withdrawn": "withdrawal"}[stage]
    p.disposition.update(last_dose_date=last, end_of_treatment_reason=reason)
    if reason == "progression":
        p.disposition["progression_date"] = last - timedelta(days=2)
    end = today
    if stage == "dead":
        end = last + timedelta(days=150 + rng.randint(0, 30))
    if stage == "withdrawn":
        end = last + timedelta(days=40)
        p.disposition["withdrawal_date"] = end
    _live_through(p, protocol, end, today, rng)
    for code in [c for c in p.records if c.startswith("SURV")]:
        r = p.records.pop(code)
        if r.get("outcome") == DONE:
            p.contacts.append({"contact_date": r["actual_date"], "method": "phone",
                               "result": "alive", "visit_code": code})
    if stage == "dead":
        p.disposition.update(death_date=end, death_cause="disease progression")
        p.contacts.append({"contact_date": end + timedelta(days=3), "method": "records",
                           "result": "dead", "death_date": end, "visit_code": None})
    return p


class FillStopped(Exception):
    """The user stopped the demo's fill: nothing of it was written."""


def _demo_site(session: Session) -> None:
    """The demo's site, so its exports name a site as a real one's do (never a path)."""
    from app.services.exports import SITE_COUNTRY, SITE_NUMBER
    from app.services.worksheets import SITE_NAME_KEY

    for key, value in ((SITE_NUMBER, "101"), (SITE_NAME_KEY, "Demo site (fictional patients)"),
                       (SITE_COUNTRY, "FRA")):
        if session.get(SiteSetting, key) is None:
            session.add(SiteSetting(key=key, value=value))


def seed_demo(db: Database, protocol: Protocol, today: date, patients: int = 40,
              seed: int = 7068, second_study: int = 12,
              stop: Callable[[], bool] = lambda: False) -> int:
    """Fill an empty (or demo) database with fictional patients; returns how many were added.

    `patients` go into the study of `protocol`; `second_study` more into the second shipped
    study (ABC-2201, a different design), added to the demo for them.

    All or nothing: one transaction, so an interrupted fill leaves an empty demo that the
    next start fills again, never a half-filled one. `stop` is asked between patients (the
    window's Cancel): FillStopped then leaves the database as it was.
    """
    from app.services.accounts import add_demo_accounts, real_accounts
    from app.services.delegation import demo_log
    from db.audit import DEMO_ACTOR, SYSTEM_ACTOR

    rng = random.Random(seed)
    with db.unit_of_work(reason="demo data", purpose=None,
                         actor=DEMO_ACTOR if db.actor == SYSTEM_ACTOR else None) as session:
        real = session.get(SiteSetting, DEMO_FLAG) is None and (session.scalar(
            select(func.count()).select_from(Patient)) or real_accounts(session))
        check_demo_target(bool(real))
        if session.get(SiteSetting, DEMO_FLAG) is None:
            session.add(SiteSetting(key=DEMO_FLAG, value="true"))
        _demo_site(session)
        add_demo_accounts(session)
        if session.scalar(select(func.count()).select_from(Patient)):
            return 0
        demo_dictionary(session)  # the CTCAE terms the demo's AEs are coded to
        fill = Fill(session)
        for i in range(patients):
            if stop():
                raise FillStopped
            plan = plan_patient(protocol, i, STAGES[i % len(STAGES)], today, rng)
            _store(fill, protocol, plan, today, rng)
        escalation_history(fill, protocol, DEFAULT_STUDY, today, rng)
        demo_log(session, DEFAULT_STUDY, today)
        if second_study:
            other, text, sha = read_protocol_file(shipped_protocol_path(SHIPPED[1]))
            study_id = add_study_in(session, other, text, sha, SHIPPED[1])
            for i in range(second_study):
                if stop():
                    raise FillStopped
                plan = plan_patient(other, i, STAGES[(i + 3) % len(STAGES)], today, rng)
                _store(fill, other, plan, today, rng, study_id)
            escalation_history(fill, other, study_id, today, rng)
            demo_log(session, study_id, today)
        from app.services.demo_book import demo_book

        demo_book(session, today)  # its chairs, the bookings seated
    return patients + second_study


#: one patient made (a name the tests replace, to stop a fill half-way)
_store = store

__all__ = ["DEMO_FLAG", "STAGES", "DemoPatient", "FillStopped", "demo_path", "demo_subject_id",
           "demo_url", "plan_patient", "seed_demo", "site_clock"]
