# The two set-up commands are `make run` and `make test`; both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
# These targets run on a developer's or CI machine: the development defaults, not production
# mode (which refuses to start without SECRET_KEY, ALLOWED_HOSTS and SITE_URL; see README).
export NETVAERK_ENV ?= development

.PHONY: install run test lint format migrations-check messages compilemessages check bench

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Uses GNU gettext when present; otherwise the committed .mo files serve.
compilemessages: install
	@if command -v msgfmt >/dev/null; then \
		$(BIN)/python manage.py compilemessages --ignore='.venv' --verbosity 0; \
	else echo "msgfmt not found: using the committed translations"; fi

messages: install
	$(BIN)/python manage.py makemessages --locale da --ignore='.venv/*' --ignore='var/*' --no-obsolete

run: install compilemessages
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo --if-empty
	@echo "netvaerk kører på http://127.0.0.1:$${NETVAERK_PORT:-8000}/ (stop med Ctrl-C)"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/honcho start --procfile Procfile

test: install compilemessages
	$(BIN)/pytest

# Not part of `make test`: seeds its own databases at scale 1 and 10 (never the one in
# DATABASE_URL), times every main page, the reminder sweep and gunicorn under load, and writes
# bench/results.md and bench/results.json. BENCH_ARGS="--rebuild" seeds again.
bench: install compilemessages
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# What CI checks besides the tests.
check: lint migrations-check
	msgfmt --check --output-file=/dev/null locale/da/LC_MESSAGES/django.po
	$(BIN)/python manage.py check
