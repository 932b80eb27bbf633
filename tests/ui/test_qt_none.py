"""The Qt binding keeps Python's None alive: a release whose calls drop a reference to None
(PySide6 6.12.0's stable-ABI wheels on CPython 3.11) aborts the app after a few thousand
calls with "deallocating None", losing whatever the nurse had typed. Run in a child process,
so that such a release fails this test instead of ending the whole test run."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
image = QImage(20, 20, QImage.Format.Format_ARGB32)
before = sys.getrefcount(None)
painter = QPainter(image)
for _ in range(50_000):
    label.setText("x")
    painter.fillRect(0, 0, 1, 1, QColor("white"))
painter.end()
print(sys.getrefcount(None) - before)
"""


def test_fifty_thousand_qt_calls_leave_none_alive():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, f"the Qt binding freed None: {done.stderr[-400:]}"
    assert abs(int(done.stdout.strip())) < 1_000  # no reference to None lost per call
