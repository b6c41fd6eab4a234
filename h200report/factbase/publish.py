"""`make data`: rebuild data/processed/ from the seeds and the curated files.

Everything is checked in memory first; files are written to a temporary folder
and then moved into place one by one, so a failing build leaves the previous
tables untouched. Output bytes depend only on the inputs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .. import paths
from .build import build
from .schemas import describe_json
from .tables import FactBase

SCHEMA_FILE = "schema.json"


def csv_bytes(df: pd.DataFrame) -> bytes:
    # Fixed number format and line ending: identical inputs give identical bytes.
    text = df.to_csv(index=False, lineterminator="\n", float_format=lambda x: f"{x:.15g}")
    return text.encode("utf-8")


def render_files(fb: FactBase) -> dict[str, bytes]:
    files = {f"{name}.csv": csv_bytes(df) for name, df in fb.tables().items()}
    files[SCHEMA_FILE] = describe_json().encode("utf-8")
    return files


def write_files(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".tmp-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        for name in files:
            os.replace(Path(tmp) / name, out_dir / name)
            written.append(out_dir / name)
    return written


def run(
    seeds_dir: Path = paths.SEEDS_DIR, data_dir: Path = paths.DATA_DIR, out_dir: Path | None = None
) -> tuple[FactBase, list[Path]]:
    fb = build(seeds_dir, data_dir)
    files = render_files(fb)
    return fb, write_files(files, Path(out_dir) if out_dir else paths.processed_dir(data_dir))
