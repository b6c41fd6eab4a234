# The map of the work: `make help` lists every target from the `##` comments below.
# Every target sets up .venv first if it is missing or stale; a machine needs only
# python3 (3.11) and make. CI runs `make test` (.ci/run).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# pytest-xdist workers for `make test`: one per core on the 2-core machines we target.
JOBS   ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup data check report verify test test-fast lab lint format baseline bench browser screenshots vendor clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	$(BIN)/python -m h200report.render.kernel
	@touch $(STAMP)

setup: $(STAMP) ## create .venv with every dependency and register the h200report kernel

data: setup ## rebuild data/processed/ from seeds/ and data/curated/
	$(BIN)/h200 data

check: setup ## list what the live fact base still lacks, one line per problem (h200 check)
	$(BIN)/h200 check

report: setup ## rebuild data, then render every report into reports/<UTC time>/
	$(BIN)/h200 data
	$(BIN)/h200 render

verify: setup ## check reports/latest against its manifest.json (h200 verify)
	$(BIN)/h200 verify

browser: setup ## make sure Chromium is there for the browser tests (installs it as root)
	@$(BIN)/python -m tests.support.browser ensure

test: setup browser ## every test: unit, notebooks (strict nbval), browser, in two workers (JOBS=2)
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile --no-loadscope-reorder

test-fast: setup ## the tests that start no kernel and no browser, collecting no notebook
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile -m "not browser and not slow" -p no:nbval -o addopts="-p h200report.pytest_plugin -p no:cacheprovider --ignore=tests/fixtures" --ignore=notebooks

baseline: setup ## write notebooks/{en,zh}/*.ipynb (and explore.ipynb) from their .py, execute and store them
	$(BIN)/h200 baseline

lab: setup ## open JupyterLab on the project
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root)

lint: setup ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## apply ruff's formatting and fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: browser ## render, then the README's pictures of the overview, the timeline, the evidence and the mail digests
	$(BIN)/h200 data
	$(BIN)/h200 render
	$(BIN)/python -m tests.support.screenshots reports/latest docs --sets en --reports 00_overview 03_timeline --width 1280 --viewport-only
	$(BIN)/python -m tests.support.screenshots reports/latest docs --sets en --reports 01_order_volumes --width 1280 --at cap_per_company.000
	$(BIN)/python -m tests.support.screenshots reports/latest docs --sets zh --reports 01_order_volumes --width 390 --at cap_per_company.000
	$(BIN)/python -m tests.support.screenshots reports/latest docs --digests --width 1280 390

bench: setup ## print extraction and rendering benchmarks into BENCHMARKS.md
	$(BIN)/python -m benchmarks

vendor: setup ## refresh plotly.js's basic bundle in h200report/render/vendor/ from the npm registry (needs npm)
	$(BIN)/python -m h200report.render.bundles

clean: ## remove .venv and the rebuilt tables
	rm -rf $(VENV) data/processed/*.csv data/processed/*.json
