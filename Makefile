# Broadsheet: `make run` serves the demo, `make test` runs the suite.
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export BROADSHEET_DATA_DIR ?= $(CURDIR)/var

.PHONY: install axe run test test-browser test-proxy test-postgres test-multinode bench bench-model bench-abuse lint format messages clean

$(BIN)/uv:
	@PY=$$(scripts/find-python) && echo "Using $$PY" && $$PY -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv>=0.9,<1"

# Static files are part of the install (STATIC_ROOT is in the venv, not in a node's
# data folder); `broadsheet setup` collects them again when they changed.
$(VENV)/.installed: pyproject.toml uv.lock | $(BIN)/uv
	@UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --quiet --frozen --extra dev --python $(BIN)/python
	@$(BIN)/broadsheet setup --static-only
	@touch $@

install: $(VENV)/.installed

# axe-core for the accessibility tests only (core/tests/test_browser_accessibility.py):
# from npm, into the venv, never part of the package. Without npm those tests skip, or
# fail under BROADSHEET_REQUIRE_BROWSER=1 (CI).
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null; then \
		npm install --no-save --no-audit --no-fund --silent --prefix $(VENV)/axe axe-core@4; \
	else echo "npm not found: the axe-core accessibility tests will skip" >&2; fi

axe: $(AXE)

run: install
	@$(BIN)/broadsheet setup --port $(PORT)
	@$(BIN)/broadsheet serve --port $(PORT)

# $(call pytest,VAR=value …,pytest arguments): pytest in a throw-away data folder.
# Exit status 5 means it collected no tests: say so instead of a bare "Error 5", and fail.
pytest = d=$$(mktemp -d); env $(1) BROADSHEET_DATA_DIR=$$d $(BIN)/pytest $(2); s=$$?; \
	rm -rf "$$d"; [ $$s -ne 5 ] || echo "make $@: pytest collected no tests ($(2))" >&2; exit $$s

# Browser tests are part of the suite; without Chromium they skip with a message.
test: install axe
	@$(call pytest,,-n 2 -q -rs -m "not serial")
	@$(call pytest,,-q -rs -m serial)

test-browser: install axe
	@$(call pytest,BROADSHEET_REQUIRE_BROWSER=1,-q -m browser)

# deploy/nginx in front of `broadsheet serve` (cache hits, purges, cookies, 304s); also
# part of `make test`, where they skip without nginx and its Debian modules. Here
# that is a failure.
test-proxy: install
	@$(call pytest,BROADSHEET_REQUIRE_PROXY=1,-q -rs -m proxy)

# The browser tests already ran against SQLite in `make test`: what they check is the
# page in a browser, not the database, so the PostgreSQL run leaves them out (and the
# proxy tests, whose servers run on SQLite of their own).
test-postgres: install
	@$(call pytest,DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test},-n 2 -q -rs -m "not browser and not serial and not proxy")

# Two `broadsheet serve` nodes and one worker sharing PostgreSQL and Redis, each with its
# own data folder (broadsheet/core/tests/test_multinode.py). The servers get a database
# of their own: MULTINODE_DATABASE_URL (created if missing) and MULTINODE_REDIS_URL.
test-multinode: install
	@$(call pytest,BROADSHEET_MULTINODE_DATABASE_URL=$${MULTINODE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/broadsheet_multinode} BROADSHEET_MULTINODE_REDIS_URL=$${MULTINODE_REDIS_URL:-redis://127.0.0.1:6379/3},-q -rs -m multinode)

# Load test of `broadsheet serve` on a seeded copy at 8, 64 and 256 connections, with our
# own load generator (bench/load.py); writes bench/results/latest.json. BENCH_ARGS adds
# options, e.g. BENCH_ARGS="--database-url postgres://… --redis-url redis://…/1".
bench: install
	@$(BIN)/python -m bench $(BENCH_ARGS)
	@$(BIN)/python -m bench.model

# The spam and abuse model: precision and recall on a held-out part of the seed set,
# before and after simulated moderator feedback, and the scoring time per comment.
bench-model: install
	@$(BIN)/python -m bench.model

# Issue 10's attacks again, as one hostile client (votes, ratings, comments, mails,
# wrong passwords), against `broadsheet serve` on fresh SQLite data folders with the
# demo; prints a Markdown table per minute. ABUSE_ARGS adds options, e.g. "--quick".
bench-abuse: install
	@$(BIN)/python -m bench.abuse $(ABUSE_ARGS)

lint: install
	@$(BIN)/ruff check broadsheet bench scripts && $(BIN)/ruff format --check broadsheet bench scripts

format: install
	@$(BIN)/ruff format broadsheet bench scripts && $(BIN)/ruff check --fix broadsheet bench scripts

messages: install
	@cd broadsheet && ../$(BIN)/broadsheet makemessages -l de -l en --no-obsolete && ../$(BIN)/broadsheet compilemessages

clean:
	rm -rf $(VENV) var
