# The compendium's everyday commands. Two are enough on a fresh machine:
#   make serve   build and preview the site at http://127.0.0.1:8000 (live reload);
#                SITE_LANG=es previews one language, SERVE_ADDR=127.0.0.1:8001 another port
#   make test    run the whole test suite
# Everything installs itself into .venv on first use.

# Any Python from 3.11 to 3.13 (pyproject.toml's requires-python).
PYTHON ?= $(shell command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# Previewing and building need only the runtime dependencies (STAMP); the tests add
# their toolchain (TEST_STAMP: pytest, Playwright, the npm checkers...).
STAMP ?= $(VENV)/.installed
TEST_STAMP ?= $(VENV)/.installed-test
# `make serve`'s address (SERVE_ADDR=127.0.0.1:8001 for another port; 0.0.0.0:8000 to
# preview from another machine of the network) and, when set, the one language it
# builds (SITE_LANG=es: faster, for translators; README, "Quick start").
SERVE_ADDR ?= 127.0.0.1:8000
SITE_LANG ?=
export NO_MKDOCS_2_WARNING := 1

OFFLINE_ZIP ?= dist/compendium-offline.zip

.PHONY: help install serve build pdf offline validate translations test test-pythons lint bench bench-search lighthouse clean

help:
	@echo "make serve     preview the site at http://$(SERVE_ADDR) (rebuilds and reloads on changes)"
	@echo "               SITE_LANG=es: one language only; SERVE_ADDR=127.0.0.1:8001: another address"
	@echo "make build     build the site into site/ (strict; a failed build keeps the old site/)"
	@echo "make pdf       the site in site/ with the printable compendium (compendium.pdf per language)"
	@echo "make offline   a copy to read from disk: site-offline/ and $(OFFLINE_ZIP)"
	@echo "make validate  check every record without building"
	@echo "make translations  what is missing or outdated in each language"
	@echo "make test      run the tests (unit, golden, build, browser)"
	@echo "make test-pythons  the fast tests on the other supported Pythons (3.11-3.13) found here"
	@echo "make lint      ruff"
	@echo "make bench     build time, page size and search benchmark (writes benchmarks/results.md)"
	@echo "make bench-search  search quality and speed on the real site, against Pagefind"
	@echo "make lighthouse  Lighthouse (mobile) on the pages that list practices (benchmarks/results.md)"

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

# The checkers the tests run on built pages (axe-core, the Nu Html Checker)
# come from npm (package-lock.json); their install scripts are not run (vnu-jar's
# would download a Java runtime: the system's is used).
$(TEST_STAMP): $(STAMP) package-lock.json
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; fi
	touch $@

# The site in a temporary folder, rebuilt on every change to docs/, data/, locales/,
# the configuration or the templates; a change that fails keeps the last good site
# served, with the problem on its pages (hooks/compendium_preview.py).
serve: $(STAMP)
	@SITE_LANG=$(SITE_LANG) $(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR) --watch data \
	  --watch locales --watch compendium.yml --watch overrides

# Build into a fresh folder next to site/ and swap it in only on success, in one
# atomic step under a lock (compendium/atomic_build.py): site/ is always the old
# or the new complete site, whether builds fail, run side by side or are killed.
ATOMIC := $(BIN)/python -m compendium.atomic_build

build: $(STAMP)
	$(ATOMIC) site -- $(BIN)/mkdocs build --strict --site-dir {}

# The site with the printable compendium in each language (/compendium.pdf,
# /en/compendium.pdf, ...), linked from the home and practices pages. WeasyPrint
# needs the system's Pango: sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0
pdf: $(STAMP)
	COMPENDIUM_PDF=1 $(ATOMIC) site -- $(BIN)/mkdocs build --strict --site-dir {}

# The copy for reading from disk (file://): links name files (.../index.html)
# instead of folders, and there is no 404 page (no server to serve it). The zip is
# swapped with the folder, and is byte-identical for the same SOURCE_DATE_EPOCH.
offline: $(STAMP)
	$(ATOMIC) site-offline --zip $(OFFLINE_ZIP) -- \
		$(BIN)/mkdocs build --strict --no-directory-urls --site-dir {}

validate: $(STAMP)
	$(BIN)/compendium validate

translations: $(STAMP)
	$(BIN)/compendium translations

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

# The fast tests (no MkDocs builds, no browser) on every other supported Python
# found on this machine; .ci/run calls it after `make test`.
test-pythons:
	bash .ci/other-pythons

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

bench: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	$(BIN)/python benchmarks/bench.py

# Search quality (benchmarks/search_queries.yml) and speed on the real site, against
# Pagefind; BASELINE=<commit> also measures the search of that commit ("today's").
bench-search: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	$(BIN)/python benchmarks/search_eval.py $(if $(BASELINE),--baseline $(BASELINE))

# Lighthouse (mobile) on the finder, a facet page, a practice page and the search page
# in every language: a pinned Lighthouse from npm (npx) on Debian's Chromium.
lighthouse: $(TEST_STAMP)
	$(BIN)/python benchmarks/lighthouse_bench.py

clean:
	rm -rf site .site-build site-offline dist benchmarks/work .site.* .site-offline.*
