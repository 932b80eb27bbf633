"""What the database refuses while the app runs: one sentence each, nothing half-saved."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import func, select

import db.engine as engine_module
from db import StorageProblem, open_database
from db.models import SiteSetting

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    print("holding", flush=True)
    time.sleep(30)
""")


def test_locked_waits_then_names_the_program_holding_it(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "site.sqlite"
    db = open_database(f"sqlite:///{path}")
    db.actor = "tester"  # someone signed in
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StorageProblem) as info, db.unit_of_work() as s:
            s.add(SiteSetting(key="site", value="Leeds"))
        message = info.value.message
        assert "\n" not in message and "OperationalError" not in message
        assert f"process {holder.pid}" in message and "is locked by" in message
        assert "nothing was saved" in message
    finally:
        holder.kill()
        holder.wait()
    with db.unit_of_work() as s:                       # free again: the save goes through
        s.add(SiteSetting(key="site", value="Leeds"))
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SiteSetting)) == 1
    db.close()


def test_the_command_line_says_it_in_one_line(tmp_path, monkeypatch, capsys):
    import main
    from tests.conftest import login

    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "site.sqlite"
    open_database(f"sqlite:///{path}").close()
    args = login(f"sqlite:///{path}")  # the account is made before the file is held
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE,
                              text=True)
    try:
        holder.stdout.readline()
        assert main.main([*args, "backup", "--keep", "3"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is locked by" in err and "Traceback" not in err
    finally:
        holder.kill()
        holder.wait()
