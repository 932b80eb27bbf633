"""Starting the window with --user: the password is checked while the window's modules load,
and nothing opens unless it is right (one line and exit 2 otherwise)."""

from __future__ import annotations

import io
import sys

import main
import ui.app
from tests.conftest import login


def test_the_window_opens_for_the_account_whose_password_is_right(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(ui.app, "run_gui",
                        lambda db, protocol, **kw: opened.append(kw["signed"]) or 0)
    assert main.main(login(f"sqlite:///{tmp_path / 'site.sqlite'}")) == 0
    assert [(s.name, s.role.value) for s in opened] == [("t.nurse", "nurse")]


def test_a_wrong_password_opens_nothing(tmp_path, monkeypatch, capsys):
    opened = []
    monkeypatch.setattr(ui.app, "run_gui", lambda *a, **kw: opened.append(a) or 0)
    args = login(f"sqlite:///{tmp_path / 'site.sqlite'}")
    monkeypatch.setattr(sys, "stdin", io.StringIO("not the password\n"))
    assert main.main(args) == 2
    assert opened == []
    assert "Wrong account name or password" in capsys.readouterr().err
