"""Whether a database is the demo's (fictional patients): a setting, read at every start,
apart from the demo's making (app/services/demo.py), which the start does not import."""

from __future__ import annotations

from db import Database
from db.models import SiteSetting

DEMO_FLAG = "demo"


def is_demo(db: Database) -> bool:
    with db.reading(purpose=None) as session:
        return session.get(SiteSetting, DEMO_FLAG) is not None
