"""A demo database, so that a new user (and `make run`) sees the app with patients in it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from db import Database
from db.models import Patient, SiteSetting

DEMO_FLAG = "demo"


def demo_url() -> str:
    from platformdirs import user_data_path

    path: Path = user_data_path("SiteTracker", "SiteTracker") / "demo.sqlite"
    return f"sqlite:///{path}"


def is_demo(db: Database) -> bool:
    with db.reading() as session:
        return session.get(SiteSetting, DEMO_FLAG) is not None


def seed_demo(db: Database, today: date) -> int:
    """Fill an empty database with a few fictitious patients; returns how many were added."""
    with db.unit_of_work(reason="demo data") as session:
        if session.get(SiteSetting, DEMO_FLAG) is None:
            session.add(SiteSetting(key=DEMO_FLAG, value="true"))
        if session.scalar(select(func.count()).select_from(Patient)):
            return 0
        people = [
            ("101-001", "ABC", 1958, "F", 1, "DL1", None, 160),
            ("101-002", "DEF", 1962, "M", 1, "DL1", None, 150),
            ("101-003", "GHK", 1949, "F", 1, "DL2", None, 110),
            ("101-004", "LMN", 1971, "M", 1, "DL2", None, 90),
            ("101-005", "PQR", 1966, "F", 2, "RP2D", "OVARIAN", 40),
            ("101-006", "STU", 1955, "M", 2, "RP2D", "CRC", 20),
            ("101-007", "VWX", 1980, "F", 2, "RP2D", "OVARIAN", 5),
        ]
        for subject, initials, yob, sex, part, level, cohort, days_ago in people:
            consent = today - timedelta(days=days_ago + 30)
            session.add(
                Patient(
                    subject_id=subject, initials=initials, year_of_birth=yob, sex=sex,
                    part=part, dose_level=level, cohort=cohort, consent_date=consent,
                    screening_date=consent + timedelta(days=1),
                    planned_first_dose=today - timedelta(days=days_ago),
                )
            )
        return len(people)
