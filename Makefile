# Everything a maintainer or CI needs, from a fresh clone:
#   make serve   set up, then serve the site with live reload on http://127.0.0.1:8000/peace-talks-tracker/
#   make test    set up, then run every test
# Other targets: install (the .venv, without the tests' dependencies), check (check the content), build (strict build into site/),
# pages (Markdown into pages/), clean.

VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve check build pages test chromium clean

# A contributor's set-up installs only what check, new, serve and build need; the tests' own
# dependencies (Playwright, Hypothesis, ruff…) come with the first `make test`. The package was once
# installed as peace-talks-tracker, whose plugin of the same name would clash: it goes first.
$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip uninstall --quiet --yes peace-talks-tracker 2>/dev/null || true
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $(TEST_STAMP)

install: $(STAMP)

# --dirty: MkDocs rebuilds only the pages whose file an edit changed (see builder/incremental.py).
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dirty

check: $(STAMP)
	$(PYTHON) -m builder check

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

pages: $(STAMP)
	$(PYTHON) -m builder generate --out pages

test: $(TEST_STAMP) chromium
	$(VENV)/bin/ruff check builder tests bench
	$(PYTHON) -m pytest

# The browser tests drive Debian's Chromium (Playwright never downloads one). CI runs as root on
# Debian, so install it when missing; elsewhere the tests skip without it, and fail under CI=true.
chromium:
	@command -v chromium >/dev/null 2>&1 || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium) || \
		echo "Chromium could not be installed: the browser tests will skip (and fail under CI=true)."

clean:
	rm -rf $(VENV) site pages
