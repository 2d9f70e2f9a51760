# gongkai — `make run` and `make test` set everything up on a fresh Debian machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSSTAMP := $(VENV)/.sysdeps
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/gongkai

.PHONY: install sysdeps run test test-fast lint bench lock demo clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON) 不存在）"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $(STAMP)

# System packages: CJK fonts for PDF output (Typst embeds them), chromium for browser tests,
# poppler-utils to look at PDF pages. Installed from Debian when missing.
sysdeps: $(SYSSTAMP)

$(SYSSTAMP): scripts/sysdeps.sh
	@bash scripts/sysdeps.sh
	@mkdir -p $(VENV) && touch $(SYSSTAMP)

run: install sysdeps
	$(BIN)/python manage.py migrate --noinput
	GONGKAI_PUBLIC_BASE_URL=$${GONGKAI_PUBLIC_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py load_demo
	GONGKAI_PUBLIC_BASE_URL=$${GONGKAI_PUBLIC_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

lint: install
	$(BIN)/ruff check gongkai tests bench
	$(BIN)/ruff format --check gongkai tests bench
	$(BIN)/lint-imports

# The full suite on SQLite; with CI=true once more, the database tests, on PostgreSQL.
test: install sysdeps lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 -p no:cacheprovider
	@if [ "$$CI" = "true" ]; then \
	  echo "== PostgreSQL run ($(PG_URL)) =="; \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 -p no:cacheprovider -m "not browser" gongkai tests/services; \
	fi

test-fast: install
	$(BIN)/pytest -x -q -n 2 -m "not browser and not slow"

bench: install sysdeps
	$(BIN)/python -m bench

lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^gongkai' > requirements.lock.new
	{ echo '# pinned with `make lock`; `make install` installs exactly these'; cat requirements.lock.new; } > requirements.lock
	rm requirements.lock.new

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
