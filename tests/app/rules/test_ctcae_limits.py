"""The CTCAE file's check keeps the lengths the dictionary's table keeps: a longer code,
term or SOC is refused while the file is read, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from app.rules.ctcae import LIMITS
from db.models import CtcaeTerm


def test_the_file_check_and_the_table_agree():
    table = CtcaeTerm.__table__
    assert {name: table.c[name].type.length for name in LIMITS} == LIMITS
