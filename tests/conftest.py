"""Shared fixtures: writable copies of the shipped inputs, one headless Chromium per worker,
one warm kernel per worker for tests that execute notebooks one after the other.

``make test`` runs two pytest-xdist workers that split the suite by file
(``--dist loadfile``): module fixtures are made once, and an nbval notebook's cells
run in order in one kernel. The files that start kernels or a browser are handed out
first (the root conftest.py orders them, ``--no-loadscope-reorder`` keeps the order).
What two files read is shared across workers by a lock under the run's temporary base
(``tests/render/conftest.py``); xdist's ``loadgroup`` would do it by marks, but with
pytest 9 it groups nothing (it renames ``item._nodeid``, which pytest 9 no longer reads).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import CORPUS_CURATED, CORPUS_SEEDS, browser


@pytest.fixture
def project_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the tests' corpus: seeds/ and data/curated/ (seeds_dir, data_dir)."""
    seeds = tmp_path / "seeds"
    data = tmp_path / "data"
    shutil.copytree(CORPUS_SEEDS, seeds)
    shutil.copytree(CORPUS_CURATED, data / "curated")
    return seeds, data


@pytest.fixture(scope="session")
def warm_kernel():
    """One kernel for the tests of a worker that execute notebooks in this process one
    after the other (``execute_notebook(src, out, params, kernel=warm_kernel)``), reset
    before each notebook as a render's kernels are: a kernel start costs seconds of CPU.
    A test that expects a notebook to fail passes no kernel (a failure leaves it as the
    failing cell left it)."""
    from h200report.render.execute import Kernel

    kernel = Kernel()
    yield kernel
    kernel.close()


@pytest.fixture(scope="session")
def chromium():
    missing = browser.missing()
    if missing:
        pytest.skip(f"missing: {missing}")
    with browser.Chromium() as instance:
        yield instance
