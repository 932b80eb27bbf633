"""Nothing private leaves the site: no export names the database's path (on Windows it holds
the user's name), the computer's name, or an account's password hash; each names the site
by its number and name."""

from __future__ import annotations

import socket
import zipfile
from pathlib import Path

import main
from tests.conftest import login

TODAY = "2026-11-25"


def _text_of(path: Path) -> str:
    """What a file says, an XLSX's XML parts unzipped, a folder's files together."""
    if path.is_dir():
        return "\n".join(_text_of(p) for p in sorted(path.iterdir()))
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            from html import unescape

            return "\n".join(unescape(book.read(n).decode("utf-8", "replace"))
                             for n in book.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def test_no_export_names_the_database_file_the_computer_or_a_password_hash(tmp_path, capsys):
    folder = tmp_path / "Users" / "ana.ruiz" / "private"
    folder.mkdir(parents=True)
    url = f"sqlite:///{folder / 'site.sqlite'}"
    assert main.main(["--db", url, "demo", "--patients", "10", "--today", TODAY]) == 0
    out = tmp_path / "out"
    out.mkdir()
    runs = {
        "sdtm-xlsx": ["export", "sdtm", "-o", str(out / "sdtm-xlsx"), "--format", "xlsx",
                      "--today", TODAY],
        "sdtm": ["export", "sdtm", "-o", str(out / "sdtm"), "--define", "--today", TODAY],
        "odm.xml": ["export", "odm", "-o", str(out / "odm.xml"), "--today", TODAY],
        "pk.csv": ["pk-listing", "-o", str(out / "pk.csv")],
        "pk.xlsx": ["pk-listing", "-o", str(out / "pk.xlsx")],
        "visits.ics": ["ical", "-o", str(out / "visits.ics"), "--today", TODAY],
        "escalation.csv": ["escalation", "--csv", str(out / "escalation.csv"),
                           "--today", TODAY],
    }
    for name, args in runs.items():
        assert main.main([*login(url, "monitor"), *args]) == 0, (name, capsys.readouterr())
    capsys.readouterr()
    secrets = [str(folder), "ana.ruiz", "site.sqlite", "$argon2", socket.gethostname()]
    for name in runs:
        text = _text_of(out / name)
        assert text, name
        leaked = [s for s in secrets if s and s in text]
        assert not leaked, (name, leaked)
    for name in ("sdtm-xlsx", "sdtm", "pk.csv", "escalation.csv"):
        assert "101 · Demo site (fictional patients)" in _text_of(out / name), name
    assert 'Originator="101 · Demo site (fictional patients)"' in _text_of(out / "odm.xml")


def test_an_export_before_the_site_has_a_number_is_refused_and_writes_nothing(tmp_path,
                                                                               capsys):
    url = f"sqlite:///{tmp_path / 'site.sqlite'}"
    target = tmp_path / "pk.csv"
    assert main.main([*login(url), "pk-listing", "-o", str(target)]) == 2
    assert "The site has no number yet" in capsys.readouterr().err
    assert not target.exists() and list(tmp_path.glob("pk*")) == []
    assert main.main([*login(url, "nurse"), "site", "--number", "102"]) == 2  # not an admin
    capsys.readouterr()
    assert main.main([*login(url, "admin"), "site", "--number", "102", "--json"]) == 0
    assert '"number": "102"' in capsys.readouterr().out
    assert main.main([*login(url), "pk-listing", "-o", str(target)]) == 0
    assert "Site,102" in target.read_text(encoding="utf-8-sig")
