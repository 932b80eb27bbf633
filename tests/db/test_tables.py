"""Every module that declares tables is one `load_every_table` imports, and the window's
start declares only the tables it reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tables_after(code: str) -> list[str]:
    script = (f"{code}\nfrom db.base import Base\n"
              "print(' '.join(sorted(Base.metadata.tables)))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=ROOT, timeout=120).stdout
    return out.split()


def test_every_table_module_is_loaded_by_load_every_table():
    every_module = ("import pkgutil, importlib, db\n"
                    "for m in pkgutil.iter_modules(db.__path__):\n"
                    "    if m.name != 'migrations': importlib.import_module(f'db.{m.name}')")
    loaded = _tables_after("from db.tables import load_every_table\nload_every_table()")
    assert loaded == _tables_after(every_module)
    assert len(loaded) >= 47


def test_the_schema_s_walkers_see_every_table(sqlite_db):
    """The full replay and the clinical tables' review load every table themselves."""
    from app.services.audit_review import clinical_tables
    from db.base import Base
    from db.replay import replay

    with sqlite_db.reading() as session:
        assert replay(session) == []
    assert {"lab_result", "aliquot", "vital_sign"} <= set(clinical_tables())
    assert "sdv_mark" in Base.metadata.tables


def test_the_window_s_modules_leave_the_other_tables_undeclared():
    """The window's start reads accounts, patients and their calendars: the laboratory's,
    the specimens', the monitors' and the deviations' tables are declared when first used."""
    tables = _tables_after("import cli.gui, ui.main_window, ui.app")
    assert {"user_account", "patient", "calendar_visit", "audit_log"} <= set(tables)
    assert not {"lab_result", "aliquot", "sdv_mark", "deviation_review"} & set(tables)
