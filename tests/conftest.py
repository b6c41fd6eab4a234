"""Shared fixtures: writable copies of the shipped inputs, one headless Chromium per worker.

``make test`` runs two pytest-xdist workers that split the suite by file
(``--dist loadfile``): module fixtures are made once, and an nbval notebook's cells
run in order in one kernel.
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
def chromium():
    missing = browser.missing()
    if missing:
        pytest.skip(f"missing: {missing}")
    with browser.Chromium() as instance:
        yield instance
