# Kindred: `make run` serves the site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate seed lint bench clean serve restart stop messages compilemessages

$(PY):
	@echo "==> Creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	@echo "==> Installing Kindred and its dependencies"
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	@echo "==> Installing Kindred with its test tools"
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed compilemessages
install-dev: $(VENV)/.installed-dev compilemessages

# Translations (docs/operating.md, "Adding a language"). The .po files are the
# source; the .mo files are built from them (needs gettext's msgfmt).
MESSAGE_IGNORES := --ignore=.venv --ignore=staticfiles --ignore=node_modules \
	--ignore=tests --ignore=bench --ignore=deploy

messages: $(VENV)/.installed
	@echo "==> Gathering the words to translate into locale/"
	$(PY) manage.py makemessages -l es --no-obsolete $(MESSAGE_IGNORES)
	$(PY) manage.py makemessages -d djangojs -l es --no-obsolete $(MESSAGE_IGNORES)
	$(PY) manage.py compilemessages -l es --ignore=.venv --ignore=staticfiles

compilemessages: $(VENV)/.installed
	@echo "==> Compiling the translations"
	$(PY) manage.py compilemessages --ignore=.venv --ignore=staticfiles

migrate: install
	@echo "==> Bringing the database up to date"
	$(PY) manage.py migrate --no-input

seed: migrate
	@echo "==> Loading help resources, example local groups and demo content"
	$(PY) manage.py load_resources support/signposting/data/resources.json
	$(PY) manage.py load_groups support/signposting/data/groups.example.json
	$(PY) manage.py load_lessons support/signposting/data/listener_lessons.json
	$(PY) manage.py seed_demo
	$(PY) manage.py seed_live_demo

run: seed
	@echo "==> Serving Kindred on http://$(HOST):$(PORT) (HTTP and WebSocket, Daphne). Ctrl-C stops it."
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) kindred.asgi:application

# Several Daphne processes behind HAProxy (docs/operating.md). Needs DATABASE_URL
# and REDIS_URL; `make restart` restarts them one at a time, `make stop` stops all.
WORKERS ?= 2
PROXY_PORT ?= $(PORT)
DAPHNE_PORT_BASE ?= 8001
DAPHNE_PORTS ?=
SERVE := $(PY) deploy/serve.py

serve: install
	$(SERVE) start --workers $(WORKERS) --proxy-bind $(HOST) --proxy-port $(PROXY_PORT) \
		--daphne-port-base $(DAPHNE_PORT_BASE) --daphne-ports "$(DAPHNE_PORTS)"

restart:
	$(SERVE) restart

stop:
	$(SERVE) stop

test: install-dev
	@echo "==> Running the test suite"
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .

# Every figure (docs/performance.md); BENCH_ARGS=--quick for a smoke run.
bench: install-dev
	$(PY) bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
