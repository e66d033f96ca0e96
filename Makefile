# The one entry point. Every target sets up what it needs from a clean clone:
# a virtual environment with the pinned packages (requirements.txt) and, for the
# browser tests, Debian's Chromium.

PYTHON ?= python3
# Where the environment and the built site go; override both for a read-only checkout:
#   make build VENV=/tmp/handbook-venv SITE_DIR=/tmp/handbook-site
VENV ?= .venv
SITE_DIR ?= site
BIN := $(VENV)/bin
UV_VERSION := $(shell sed -n 's/^uv==\([0-9.]*\).*/\1/p' requirements-bootstrap.txt)
VENV_OK := $(VENV)/.venv-ok
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready

# Material prints a notice about MkDocs 2.0 on every build; this project pins MkDocs 1.x.
export NO_MKDOCS_2_WARNING := 1
# Compiled bytecode is cached under the environment, not beside the sources: without it every
# build and every test run compiles MkDocs, Material and the tests again (PYTHONDONTWRITEBYTECODE
# set in the shell would force that, so the Makefile clears it for its own commands).
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache
export PYTHONDONTWRITEBYTECODE :=

.PHONY: serve build test test-fast browser tools pdf schemas lock clean

serve: $(READY)  ## Serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(READY)  ## Build the site into $(SITE_DIR) (default site/; strict: any warning fails)
	@scripts/ensure-writable.sh $(SITE_DIR)
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

test: $(READY) $(NODE_READY) browser tools  ## Run every test
	$(BIN)/pytest

test-fast: $(READY) $(NODE_READY) tools  ## Every test except the browser tier (markers: unit, site)
	$(BIN)/pytest -m "not browser"

browser:  ## Install Chromium for the browser tests if it is missing
	@scripts/ensure-chromium.sh

tools:  ## Install Java (HTML checker) and poppler-utils (PDF checks) if they are missing
	@scripts/ensure-tools.sh

pdf: $(READY) browser  ## Build the site, then print one PDF per language into $(SITE_DIR)/pdf/ (not part of make build)
	@scripts/ensure-writable.sh $(SITE_DIR)
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)
	$(BIN)/python scripts/make_pdf.py $(SITE_DIR)

schemas: $(READY)  ## Export schemas/*.schema.json from macros/schemas/ (after changing a data model)
	$(BIN)/python scripts/export_schemas.py

lock: $(READY)  ## Re-pin requirements.txt (and uv's bootstrap) with hashes after editing requirements.in
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11.7 --generate-hashes
	$(BIN)/uv pip compile requirements-bootstrap.in -o requirements-bootstrap.txt --python-version 3.11.7 --generate-hashes

clean:
	rm -rf $(SITE_DIR) $(VENV) node_modules .pytest_cache

# The environment: a venv whose pip works (scripts/ensure-venv.sh recreates one that an
# interrupted setup left half made), uv installed from requirements-bootstrap.txt (pinned by
# hash), then exactly requirements.txt (pinned by hash). The markers are written last, so an
# interrupted step runs again next time. uv tries its cache first (--offline), so a set-up
# machine rebuilds the environment without the network; it downloads only what the cache lacks.
$(VENV_OK): requirements-bootstrap.txt
	@scripts/ensure-venv.sh $(VENV) $(PYTHON)
	$(BIN)/uv --version 2>/dev/null | grep -q '^uv $(UV_VERSION)[ (]' || \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.txt
	touch $@

$(READY): requirements.txt $(VENV_OK)
	$(BIN)/uv pip sync --quiet --offline --compile-bytecode --python $(BIN)/python requirements.txt 2>/dev/null || \
	  $(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.txt
	touch $@

# Node tools for the tests (markdownlint-cli2, the Nu HTML Checker vnu-jar), pinned in package-lock.json.
$(NODE_READY): package.json package-lock.json
	@scripts/ensure-npm.sh
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Maintainers: check every external link of the built site online (the tests never use the network).
.PHONY: check-links
check-links: build  ## Build, then check every external link online (needs the network)
	$(BIN)/python scripts/check_external_links.py $(SITE_DIR)

# Maintainers: measure the site against plain Material (not part of the tests; about 10 minutes).
# Writes bench/results/report.md and report.json. Lighthouse is pinned in bench/package-lock.json.
BENCH_READY := bench/node_modules/.ready
.PHONY: bench
bench: $(READY) $(BENCH_READY) browser  ## Benchmark build time, page weight, Lighthouse and search; see bench/results/
	$(BIN)/python -m bench.run

$(BENCH_READY): bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@
