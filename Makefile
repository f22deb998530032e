# Two entry points: `make run` (platform with demo content) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test deps deps-dev js-deps audit lint format messages check-messages makemessages lock serve worker clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.deps: requirements/base.lock | $(BIN)/python
	$(BIN)/pip install -q -r requirements/base.lock
	touch $@

$(VENV)/.deps-dev: requirements/dev.lock | $(BIN)/python
	$(BIN)/pip install -q -r requirements/dev.lock
	touch $@ $(VENV)/.deps

# Test-only JavaScript (axe-core for the accessibility checks); without npm the
# axe checks skip with the reason.
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the axe accessibility checks will be skipped"; fi

deps: $(VENV)/.deps
deps-dev: $(VENV)/.deps-dev js-deps
js-deps: node_modules/.package-lock.json

# Compiled translations are build output (.mo files are not committed);
# polib compiles them, so GNU gettext is only needed to extract new strings.
messages: $(VENV)/.deps
	$(MANAGE) compile_translations -v0

# CI: every string of the trainee and verifier pages is translated in every
# shipped catalogue (cms/management/commands/check_translations.py).
check-messages: $(VENV)/.deps
	$(MANAGE) check_translations -v1

# Extract strings into the .po files of every interface language (needs gettext).
makemessages: $(VENV)/.deps
	$(MANAGE) makemessages --no-location --ignore=.venv --ignore=node_modules --ignore=var \
		-l zh_Hans -l ar -l ru -l fr -l es
	$(MANAGE) makemessages -d djangojs --no-location --ignore=.venv --ignore=node_modules \
		--ignore=var --ignore='*/static/wagtail*' -l zh_Hans -l ar -l ru -l fr -l es

run: $(VENV)/.deps messages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.deps-dev js-deps messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
	$(BIN)/pytest $(PYTEST_ARGS)

# Known vulnerabilities in the locked dependencies (AUDIT_STRICT=1: unaudited fails too).
audit: $(VENV)/.deps-dev
	$(BIN)/python .ci/pip_audit.py requirements/base.lock

lint: $(VENV)/.deps-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-style processes (see README "Production").
QUEUES = emails,pdfs,signing,digests,default

serve: $(VENV)/.deps
	$(BIN)/gunicorn training.wsgi --bind 127.0.0.1:$(PORT) --workers 2

# One machine: a worker on every queue, with the deployment's one beat inside it.
worker: $(VENV)/.deps
	$(BIN)/celery -A training worker --beat --loglevel INFO -Q $(QUEUES)

lock:
	uv pip compile pyproject.toml -q --python-version 3.11 -o requirements/base.lock
	uv pip compile pyproject.toml -q --python-version 3.11 --extra dev -o requirements/dev.lock

clean:
	rm -rf $(VENV) var/db.sqlite3 node_modules artifacts
