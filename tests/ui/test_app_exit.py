"""The app started as a user starts it (main.py, on a demo, offscreen), the Response place
opened by keyboard and its results shown, the window closed: the app's process ends and
leaves no process of its own behind (the results are worked out in the app itself)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]

#: run in the app's process: opens the Response place by keyboard once the window is shown,
#: waits for its results, closes the window, then says which children the process has left
DRIVER = r"""
import sys
import psutil
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

import main
import ui.main_window as mw

shown = mw.MainWindow.show


def show(window):
    shown(window)
    QTimer.singleShot(0, lambda: drive(window))


def drive(window):
    window.activateWindow()
    window.sidebar.setFocus()
    for _ in range(mw.RESPONSE):  # down the places from Today
        QTest.keyClick(window.sidebar, Qt.Key.Key_Down)
    page = window.built(mw.RESPONSE)
    if window.stack.currentWidget() is not page:
        print("the Response place is not the one shown", flush=True)
    waited = [0]

    def results():
        if window.stack.currentWidget() is page and "confirmed ORR" in page.summary.text() \
                and page.reading is None:
            print("results shown", flush=True)
            window.close()
        elif waited[0] < 600:
            waited[0] += 1
            QTimer.singleShot(100, results)
        else:
            print("no results after a minute", flush=True)
            window.close()

    results()


mw.MainWindow.show = show
code = main.main(sys.argv[1:])
print("exit", code, "children", [p.pid for p in psutil.Process().children(recursive=True)],
      flush=True)
"""


def test_closing_the_window_leaves_no_process_of_the_app(sqlite_demo_site, tmp_path):
    db = sqlite_demo_site(date(2026, 11, 25))  # months of scans: responses to show
    url = str(db.engine.url)
    app = subprocess.Popen(
        [sys.executable, "-c", DRIVER, "--db", url, "--user", "nurse", "--password-stdin"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    assert app.stdin is not None
    app.stdin.write("demo\n")
    app.stdin.close()
    app.stdin = None  # answered: communicate() below only reads
    seen: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + 180
    while app.poll() is None and time.monotonic() < deadline:
        try:
            for child in psutil.Process(app.pid).children(recursive=True):
                seen.setdefault(child.pid, child)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)  # polling the process tree, not timing anything
    if app.poll() is None:
        app.kill()
    out, err = app.communicate(timeout=30)
    assert app.returncode == 0, err[-2000:]
    assert "results shown" in out, out + err[-2000:]
    assert "children []" in out  # nothing of its own left when the window closed
    left = [p.pid for p in seen.values() if p.is_running()
            and p.status() != psutil.STATUS_ZOMBIE]
    assert left == []  # and nothing outlived the app's process
