# Dangol: `make run` serves the embedded product, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dangol demo seed
	$(BIN)/dangol serve

test: $(STAMP)
	scripts/with-redis $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy core conversations adapters bots
	$(BIN)/lint-imports

bench: $(STAMP)
	scripts/with-redis sh -c 'for f in bench/bench_*.py; do m=bench.$$(basename $$f .py); echo "== $$m"; $(BIN)/python -m $$m || exit 1; done'

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
