"""Shared fixtures: writable copies of the shipped seeds and curated data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from h200report import paths


@pytest.fixture
def project_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the shipped seeds/ and data/curated/ (seeds_dir, data_dir)."""
    seeds = tmp_path / "seeds"
    data = tmp_path / "data"
    shutil.copytree(paths.SEEDS_DIR, seeds)
    shutil.copytree(paths.CURATED_DIR, data / "curated")
    return seeds, data
