# The few commands this project needs. Each sets up .venv from the locked
# requirements first (hash-checked), so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test quick check l10n-check check-links status bench lock clean

$(INSTALLED): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--no-deps --no-build-isolation --editable .
	touch $@

## serve: preview at http://127.0.0.1:8000 with live reload, draft languages included;
##        ONLY=ja previews English and Japanese only (faster)
serve: $(INSTALLED)
	SITE_DRAFTS=1 SITE_ONLY=$(ONLY) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: build the site into site/, failing on any warning
build: $(INSTALLED)
	$(BIN)/mkdocs build --strict

## test: the whole test suite, browser tests included
test: $(INSTALLED)
	$(BIN)/python -m pytest

## quick: the translators' gate, no browser (translation check, strict build, link check)
quick: l10n-check check-links

## check: the gate CI and people both run
check: test l10n-check check-links

## l10n-check: translations in line with English (ids, FAQ, links, partners, glossary)
l10n-check: $(INSTALLED)
	$(BIN)/python scripts/l10n.py check

## status: which pages are translated, outdated or missing, per language
status: $(INSTALLED)
	$(BIN)/python scripts/l10n.py status

## check-links: every internal link and anchor of the built site resolves
check-links: build
	$(BIN)/python scripts/check_links.py site

## bench: performance figures (bytes, Lighthouse, build and preview times, git processes);
##        PARTS="preview builds" runs only those (see benchmark/README.md)
bench: $(INSTALLED)
	$(BIN)/python -m benchmark $(PARTS)

## lock: re-resolve requirements*.in into the hash-locked requirements*.txt
lock: $(INSTALLED)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site $(VENV) .pytest_cache
