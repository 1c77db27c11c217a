# Broadsheet: `make run` serves the demo, `make test` runs the suite.
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export BROADSHEET_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test test-browser test-postgres bench lint format messages clean

$(BIN)/uv:
	@PY=$$(scripts/find-python) && echo "Using $$PY" && $$PY -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv>=0.9,<1"

$(VENV)/.installed: pyproject.toml uv.lock | $(BIN)/uv
	@UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --quiet --frozen --extra dev --python $(BIN)/python
	@touch $@

install: $(VENV)/.installed

run: install
	@$(BIN)/broadsheet setup
	@$(BIN)/broadsheet serve --port $(PORT)

test: install
	@BROADSHEET_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 -q

test-browser: install
	@BROADSHEET_DATA_DIR=$$(mktemp -d) BROADSHEET_REQUIRE_BROWSER=1 $(BIN)/pytest -q -m browser

test-postgres: install
	@BROADSHEET_DATA_DIR=$$(mktemp -d) DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -n 2 -q

bench: install
	@$(BIN)/python -m bench

lint: install
	@$(BIN)/ruff check broadsheet bench && $(BIN)/ruff format --check broadsheet bench

format: install
	@$(BIN)/ruff format broadsheet bench && $(BIN)/ruff check --fix broadsheet bench

messages: install
	@cd broadsheet && ../$(BIN)/broadsheet makemessages -l de -l en --no-obsolete && ../$(BIN)/broadsheet compilemessages

clean:
	rm -rf $(VENV) var
