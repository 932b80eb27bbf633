"""THIRD-PARTY-NOTICES.txt for a build: every package the app's lock bundles, its version
and licence (from its installed metadata), and the LGPL terms under which Qt and PySide6
come with Site Tracker."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QT_NOTICE = """\
Qt and PySide6 (Qt for Python) are (c) The Qt Company Ltd and other contributors, used under
the GNU Lesser General Public License version 3 (licenses/LGPL-3.0.txt, which adds to
licenses/GPL-3.0.txt). They are shipped unmodified as separate shared libraries in this
folder: you may replace them with another build of the same version. Their source code is at
https://download.qt.io/official_releases/QtForPython/ and https://code.qt.io/.
"""

FONT_NOTICE = """\
DejaVu Sans (regular and bold), the font every worksheet embeds, is (c) Bitstream, Inc. and
the DejaVu fonts team, under the Bitstream Vera and Arev fonts licence (a permissive licence:
resources/fonts/LICENSE-DejaVu.txt). It is shipped unmodified.
"""


def licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) < 80 and "\n" not in text:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or (text.splitlines()[0][:80] if text else "see its files")


def locked_names(lock: Path) -> list[str]:
    return sorted(set(re.findall(r"^([A-Za-z0-9_.-]+)==", lock.read_text(encoding="utf-8"),
                                 re.MULTILINE)), key=str.lower)


def notices(lock: Path = ROOT / "requirements" / "app.lock") -> str:
    lines = ["Site Tracker: third-party software in this build", "",
             "Each package below is bundled unmodified, under its own licence.", "",
             f"{'Package':<28} {'Version':<14} Licence", f"{'-' * 28} {'-' * 14} {'-' * 30}"]
    for name in locked_names(lock):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # another platform's package (pywin32-ctypes on Linux, say)
        lines.append(f"{dist.metadata['Name']:<28} {dist.version:<14} {licence(dist)}")
    lines += ["", f"Python {sys.version.split()[0]}: Python Software Foundation License.", "",
              QT_NOTICE, FONT_NOTICE]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "THIRD-PARTY-NOTICES.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notices(), encoding="utf-8")
    print(f"notices written to {target}")
