# make demo: install into .venv, ingest the example articles into an SQLite store and show it.  make test: install and run the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("rasd needs Python >= 3.11, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

DEMO_DB ?= .demo/rasd.db

# The main job on the example articles: analyse them into the embedded SQLite store (a rerun adds
# nothing: ingest is idempotent), then show what the store holds.
demo: install
	@mkdir -p $(dir $(DEMO_DB))
	$(VENV)/bin/rasd ingest examples/articles.jsonl --db $(DEMO_DB)
	$(VENV)/bin/rasd stats --db $(DEMO_DB)
	$(VENV)/bin/rasd events --db $(DEMO_DB)

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
# The dashboard's browser tests drive Debian's chromium: installed when missing and possible (as root or
# with sudo); otherwise they skip and say why.
test: install
	@bash .ci/install-browser >/dev/null 2>&1 || echo "make test: chromium could not be installed; the browser tests will skip" >&2
	@$(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$status

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .demo build dist src/*.egg-info .pytest_cache .hypothesis
