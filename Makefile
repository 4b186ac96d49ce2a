# The two commands of the README: `make run` serves the portal, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test worker beat lint check messages

# `make run` serves the portal as its users meet it: the portal's own error pages, no debug page.
# `make run PORT=8001` serves on another port; `make run DEBUG=true` shows Django's debug pages instead.
PORT ?= 8000
DEBUG ?= false

# (Re)install only when pyproject.toml changed, so a second run is quick.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	DJANGO_LOCAL=true DJANGO_DEBUG=$(DEBUG) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Background side, for when REDIS_URL is set.
worker: $(STAMP)
	$(BIN)/celery -A dancoso worker --loglevel=info

beat: $(STAMP)
	$(BIN)/celery -A dancoso beat --loglevel=info

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --no-location -i .venv -i staticfiles -i media -i tests
	$(BIN)/python manage.py compilemessages -l vi -i .venv
