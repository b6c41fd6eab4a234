"""Test and benchmark helpers that add captures and their metadata to a seeds folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from h200report import paths


def add_seeds(dest_dir: Path, src_dir: Path, names: list[str] | None = None) -> None:
    """Copy captures (all, or the named ones) and their metadata entries into a seeds folder."""
    dest_dir, src_dir = Path(dest_dir), Path(src_dir)
    meta_file = dest_dir / paths.SOURCES_FILE_NAME
    doc = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
    extra = yaml.safe_load((src_dir / paths.SOURCES_FILE_NAME).read_text(encoding="utf-8"))[
        "sources"
    ]
    for name in names if names is not None else sorted(extra):
        shutil.copy(src_dir / f"{name}.txt", dest_dir / f"{name}.txt")
        doc["sources"][name] = extra[name]
    meta_file.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


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
