"""Starting the window with --user: the password is checked while the window's modules load,
and nothing opens unless it is right (one line and exit 2 otherwise)."""

from __future__ import annotations

import io
import sys

import main
import ui.app
from cli.commands import COMMANDS
from tests.conftest import login

QT_STARTED = object()  # what ui.app.start_qt made (Qt's application), in these tests


def test_the_window_opens_for_the_account_whose_password_is_right(tmp_path, monkeypatch):
    """Qt's application is made while the password is checked, and handed to the window."""
    opened = []
    monkeypatch.setattr(ui.app, "start_qt", lambda: QT_STARTED)
    monkeypatch.setattr(ui.app, "run_gui", lambda db, protocol, **kw: opened.append(
        (kw["signed"], kw["started"])) or 0)
    assert main.main(login(f"sqlite:///{tmp_path / 'site.sqlite'}")) == 0
    assert [(s.name, s.role.value, qt) for s, qt in opened] == [
        ("t.nurse", "nurse", QT_STARTED)]


def test_a_wrong_password_opens_nothing(tmp_path, monkeypatch, capsys):
    opened = []
    monkeypatch.setattr(ui.app, "start_qt", lambda: QT_STARTED)
    monkeypatch.setattr(ui.app, "run_gui", lambda *a, **kw: opened.append(a) or 0)
    args = login(f"sqlite:///{tmp_path / 'site.sqlite'}")
    monkeypatch.setattr(sys, "stdin", io.StringIO("not the password\n"))
    assert main.main(args) == 2
    assert opened == []
    assert "Wrong account name or password" in capsys.readouterr().err


#: what the window's start must not import: the demo's making (its fictional patients,
#: vitals, CTCAE), the investigator's panel, the command line's groups (cli/commands.py),
#: the queries' service (a dialog's flags: with the calendar's and the studies' services)
#: and the signatures' (the idle lock ends the signing sittings when it locks)
NOT_AT_START = ("app.services.demo", "ui.places.investigator_today",
                "app.services.investigator_today", "app.services.queries",
                "app.services.calendar", "app.services.studies", "app.services.signing",
                "app.services.signatures",
                *sorted({f"cli.{module}" for _, module, _ in COMMANDS}))


def test_the_window_s_start_leaves_what_it_does_not_show_unread():
    """What the nurse's window needs before it shows, and no more: the rest comes when
    used."""
    import subprocess
    from pathlib import Path

    code = ("import sys, cli, cli.gui, ui.main_window, ui.app\n"
            "from app.services.demo_flag import is_demo\n"
            "cli.build_parser(sys.argv[1:])\n"
            f"print(sorted(m for m in {NOT_AT_START!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, "--user", "nurse", "--password-stdin"],
                         capture_output=True, text=True, check=True,
                         cwd=Path(main.__file__).parent, timeout=120).stdout
    assert out.strip() == "[]"


def test_the_window_s_building_imports_nothing_the_password_s_wait_did_not(tmp_path):
    """While the password is checked the start imports what building the window will
    (ui.app.prepare_window): after the answer, the window is built from modules loaded."""
    import subprocess
    from pathlib import Path

    code = (
        "import sys, os\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from datetime import datetime\n"
        "from app.services.database import open_site_database\n"
        "from app.services import accounts\n"
        "from app.rules.protocol import default_protocol\n"
        "import ui.main_window\n"
        "from ui.app import prepare_window, start_qt\n"
        "from ui.context import Context\n"
        f"db = open_site_database('sqlite:///{tmp_path / 'site.sqlite'}')\n"
        "accounts.create_account(db, 'nina', 'Nina Nurse', 'nurse', 'violet staple 42',\n"
        "                        must_change=False)\n"
        "signed = accounts.sign_in(db, 'nina', 'violet staple 42', datetime.now().astimezone())\n"
        "protocol = default_protocol()\n"
        "app = start_qt()\n"
        "prepare_window()\n"
        "before = set(sys.modules)\n"
        "window = ui.main_window.MainWindow(Context(db, protocol, signed=signed))\n"
        "print(sorted(set(sys.modules) - before))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(main.__file__).parent, timeout=120).stdout
    assert out.strip().splitlines()[-1] == "[]"
