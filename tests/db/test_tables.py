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


TABLE_MODULES = ("accounts", "anchors", "booking", "delegation", "deviations", "dosing",
                 "findings", "labs", "models", "monitoring", "queries", "specimens", "studies")


def test_each_table_module_brings_the_tables_its_foreign_keys_name():
    """Imported alone, a table module finds every table a foreign key of the tables loaded
    names: a flush sorts all mapped tables by them, and one missing table stops every save
    (a process that imported db.models alone could not save a patient)."""
    for module in TABLE_MODULES:
        code = (f"import db.{module}\n"
                "from sqlalchemy.orm import configure_mappers\n"
                "from db.base import Base\n"
                "configure_mappers()\n"
                "for table in Base.metadata.sorted_tables:\n"
                "    for key in table.foreign_keys:\n"
                "        key.column\n"
                "print('ok')")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
        assert done.stdout.strip() == "ok", f"db.{module}: {done.stderr.strip()[-300:]}"


def test_a_process_that_loaded_the_start_s_tables_saves(tmp_path):
    """The window's start loads 25 tables; a save then sorts them by their keys."""
    code = (
        "import cli.gui, ui.main_window, ui.app\n"
        "from db import open_database\n"
        "from db.models import SiteSetting\n"
        f"db = open_database('sqlite:///{tmp_path / 'site.sqlite'}')\n"
        "with db.unit_of_work(actor='tester') as s:\n"
        "    s.add(SiteSetting(key='k', value='v'))\n"
        "print('saved')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.stdout.strip() == "saved", done.stderr[-500:]


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
