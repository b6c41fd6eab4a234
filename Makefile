# The map of the work. Every target sets up .venv first if it is missing or stale.
# The only thing a machine needs is python3 (3.11); CI runs `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup data report test test-fast lab lint format baseline bench browser clean

help:
	@echo "make report    set up if needed, rebuild data, render every report into reports/<UTC time>/"
	@echo "make test      set up if needed, then every test (unit, notebooks with strict nbval, browser)"
	@echo "make data      rebuild data/processed/ from seeds/ and data/curated/"
	@echo "make baseline  re-execute and store the notebooks' outputs (after an intended change)"
	@echo "make lab       open JupyterLab on the project"
	@echo "make lint      ruff check and format check"
	@echo "make bench     print rendering and extraction benchmarks"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	$(BIN)/python -m h200report.render.kernel
	@touch $(STAMP)

setup: $(STAMP)

data: setup
	$(BIN)/h200 data

report: setup
	$(BIN)/h200 data
	$(BIN)/h200 render

browser: setup
	@$(BIN)/python -m tests.support.browser ensure

test: setup browser
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not browser and not slow"

baseline: setup
	$(BIN)/h200 baseline

lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) data/processed/*.csv data/processed/*.json
