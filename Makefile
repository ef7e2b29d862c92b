# Chotdon — the two commands a newcomer needs: `make run` and `make test`.
# Both install what is missing first (a .venv, npm packages, the frontend build).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FRONTEND := frontend
FRONTEND_SRC := $(shell find $(FRONTEND)/src $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json -type f 2>/dev/null)

.PHONY: run test test-python test-frontend test-browser lint format migrate openapi bench soak audit install frontend clean

run: install frontend  ## start API + worker (+ demo simulator) on http://127.0.0.1:8000
	DEMO=$${DEMO:-true} $(PY) -m chotdon run

test: install frontend  ## run every test (Python, frontend unit, browser when Chromium exists)
	@$(PY) -m chotdon openapi --check
	$(PY) -m pytest -q -p no:cacheprovider
	@$(MAKE) --no-print-directory test-frontend
	@$(MAKE) --no-print-directory test-browser

test-python: install
	$(PY) -m pytest -q

test-frontend: $(FRONTEND)/node_modules/.installed
	cd $(FRONTEND) && npm test --silent

test-browser: install frontend
	@if [ -f $(FRONTEND)/tests/run-browser.sh ]; then bash $(FRONTEND)/tests/run-browser.sh; \
	else echo "browser tests: none yet"; fi

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[dev]"
	@touch $@

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend: $(FRONTEND)/dist/index.html

$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.installed $(FRONTEND_SRC)
	cd $(FRONTEND) && npm run build --silent

migrate: install  ## apply database migrations (embedded server unless DATABASE_URL)
	$(PY) -m chotdon migrate

migration: install  ## autogenerate a new migration: make migration m="add x"
	$(PY) scripts/autogenerate.py -m "$(m)"
	$(PY) -m ruff format -q migrations/versions

openapi: install  ## regenerate openapi.yaml from the app
	$(PY) -m chotdon openapi
	@if [ -d $(FRONTEND)/node_modules ]; then cd $(FRONTEND) && npm run api:types --silent; fi

lint: install $(FRONTEND)/node_modules/.installed
	$(PY) -m ruff check backend tests bench
	$(PY) -m ruff format --check backend tests bench
	$(PY) -m mypy
	$(VENV)/bin/lint-imports
	cd $(FRONTEND) && npm run typecheck --silent
	cd $(FRONTEND) && npm run api:check --silent
	cd $(FRONTEND) && npm run lint --silent

format: install
	$(PY) -m ruff format backend tests bench
	$(PY) -m ruff check --fix backend tests bench

bench: install  ## run the benchmarks in bench/ (BENCH_MODE=quick|full)
	$(PY) -m bench $${BENCH_MODE:+--mode $$BENCH_MODE}

soak: install  ## long fault-injection runs that do not fit in `make test`
	$(PY) -m pytest -q -m soak tests

audit: install  ## dependency audit (pip-audit, npm audit); known exceptions in tests/security/audit-exceptions.txt
	$(PY) -m pip_audit --skip-editable --progress-spinner off $$(grep -v '^#' tests/security/audit-exceptions.txt | awk '$$1=="pip" {print "--ignore-vuln", $$2}')
	cd $(FRONTEND) && npm audit --omit=dev --audit-level=high

clean:
	rm -rf $(VENV) $(FRONTEND)/node_modules $(FRONTEND)/dist .data/test
