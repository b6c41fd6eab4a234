"""Shared test helpers: temporary seed folders and curated data built from the shipped ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from h200report import paths


@pytest.fixture
def project_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the shipped seeds/ and data/curated/ (seeds_dir, data_dir)."""
    seeds = tmp_path / "seeds"
    data = tmp_path / "data"
    shutil.copytree(paths.SEEDS_DIR, seeds)
    shutil.copytree(paths.CURATED_DIR, data / "curated")
    return seeds, data


def write_seed(seeds_dir: Path, source_id: str, content: bytes, **meta) -> Path:
    """Add a seed file and its metadata entry (without sha256) to a seeds folder."""
    seeds_dir.mkdir(parents=True, exist_ok=True)
    path = seeds_dir / f"{source_id}.txt"
    path.write_bytes(content)
    sources_file = seeds_dir / paths.SOURCES_FILE_NAME
    doc = (
        yaml.safe_load(sources_file.read_text(encoding="utf-8"))
        if sources_file.exists()
        else {"sources": {}}
    )
    entry = {
        "title": meta.pop("title", "测试文章"),
        "title_en": meta.pop("title_en", "Test article"),
        "site": meta.pop("site", "test fixture"),
        "published_at": meta.pop("published_at", "2026-03-10"),
        "published_precision": meta.pop("published_precision", "day"),
        "date_kind": meta.pop("date_kind", "published"),
        "language": meta.pop("language", "zh-Hans"),
        **meta,
    }
    doc["sources"][source_id] = entry
    sources_file.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path
