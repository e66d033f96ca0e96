# The one entry point. Every target sets up what it needs from a clean clone:
# a virtual environment with the pinned packages (requirements.txt) and, for the
# browser tests, Debian's Chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready

# Material prints a notice about MkDocs 2.0 on every build; this project pins MkDocs 1.x.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast browser tools pdf schemas lock clean

serve: $(READY)  ## Serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(READY)  ## Build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict

test: $(READY) $(NODE_READY) browser tools  ## Run every test
	$(BIN)/pytest

test-fast: $(READY) $(NODE_READY) tools  ## Every test except the browser tier (markers: unit, site)
	$(BIN)/pytest -m "not browser"

browser:  ## Install Chromium for the browser tests if it is missing
	@scripts/ensure-chromium.sh

tools:  ## Install Java (HTML checker) and poppler-utils (PDF checks) if they are missing
	@scripts/ensure-tools.sh

pdf: $(READY) browser  ## Build the site, then print one PDF per language into site/pdf/ (not part of make build)
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/make_pdf.py site

schemas: $(READY)  ## Export schemas/*.schema.json from macros/schemas/ (after changing a data model)
	$(BIN)/python scripts/export_schemas.py

lock: $(READY)  ## Re-pin requirements.txt after editing requirements.in
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11.7

clean:
	rm -rf site $(VENV) node_modules .pytest_cache

# (Re)create the environment when it is missing or requirements.txt changed.
$(READY): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.txt
	touch $@

# Node tools for the tests (markdownlint-cli2, the Nu HTML Checker vnu-jar), pinned in package-lock.json.
$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Maintainers: check every external link of the built site online (the tests never use the network).
.PHONY: check-links
check-links: build  ## Build, then check every external link online (needs the network)
	$(BIN)/python scripts/check_external_links.py site

# Maintainers: measure the site against plain Material (not part of the tests; about 10 minutes).
# Writes bench/results/report.md and report.json. Lighthouse is pinned in bench/package-lock.json.
BENCH_READY := bench/node_modules/.ready
.PHONY: bench
bench: $(READY) $(BENCH_READY) browser  ## Benchmark build time, page weight, Lighthouse and search; see bench/results/
	$(BIN)/python -m bench.run

$(BENCH_READY): bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@
