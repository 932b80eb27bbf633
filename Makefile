# Site Tracker: `make run` opens the app on a demo database; `make test` runs every test headless;
# `make check` is the developer's quick loop (the same checks, without the slow tests).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# every package pinned with its hashes (uv pip compile --universal: Linux, Windows, macOS);
# `make upgrade-deps` refreshes them, within pyproject.toml's bounds
LOCK      := requirements/app.lock
LOCK_TEST := requirements/test.lock
LOCK_DIST := requirements/dist.lock
COMPILE    = $(VENV)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes \
             --upgrade --quiet

# Debian packages of the libraries Qt's xcb and offscreen platforms load (PySide6 wheels bundle
# Qt itself, not these). Installed by `make system-deps` when run as root.
QT_DEBS := libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 \
	libglib2.0-0 libdbus-1-3 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
	fonts-dejavu-core fonts-wqy-microhei

.PHONY: run test check lint bench screenshots system-deps clean upgrade-deps dist translations

run: system-deps $(VENV)/.installed
	$(PY) main.py --demo

# every test, the slow ones too (pyproject's addopts leave them out of a bare `pytest`)
test: system-deps $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) -m pytest -m ""

check: system-deps $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) -m pytest

# every benchmark, each figure beside its floor measured in the same run: one JSON document
# on standard output (the set-up's words go to standard error), kept in benchmarks/latest.json;
# SITETRACK_BENCH_PG_URL=postgresql+psycopg://USER@HOST/DB adds every figure on PostgreSQL
# (the same data, in databases it makes beside DB), SITETRACK_BENCH_PG_PATIENTS=70000 the
# 70,000-patient case too
bench:
	@$(MAKE) --no-print-directory system-deps $(VENV)/.installed >&2
	@$(PY) benchmarks/bench_all.py | tee benchmarks/latest.json

screenshots: system-deps $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(LOCK) | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK_TEST) $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK_TEST)
	touch $@

$(VENV)/.installed-dist: $(LOCK_DIST) $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK_DIST)
	touch $@

# a one-folder build of the app for this platform (dist/SiteTrack), with its icon, the
# third-party notices and the LGPL texts; then the build itself runs its self-test offscreen
dist: system-deps $(VENV)/.installed-dist
	$(PY) tools/notices.py build/THIRD-PARTY-NOTICES.txt
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/sitetrack.spec
	QT_QPA_PLATFORM=offscreen dist/SiteTrack/SiteTrack --self-test

# the windows' words: ui/vocabulary.py, the .ts files (pyside6-lupdate) and their .qm
translations: $(VENV)/.installed
	$(PY) tools/translations.py

# refresh the locks: the newest releases pyproject.toml's bounds allow, for every platform
upgrade-deps: | $(PY)
	$(PY) -m pip install --quiet uv
	$(COMPILE) pyproject.toml --extra postgres -o $(LOCK)
	$(COMPILE) pyproject.toml --extra postgres --extra test -o $(LOCK_TEST)
	$(COMPILE) requirements/dist.in -o $(LOCK_DIST)
	@echo "locks refreshed: run make test before committing them"

system-deps:
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=$$(for p in $(QT_DEBS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      echo "Installing Qt's system libraries: $$missing"; \
	      DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	    else \
	      echo "Qt needs these Debian packages; install them once with:"; \
	      echo "  sudo apt-get install $$missing"; \
	    fi; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
